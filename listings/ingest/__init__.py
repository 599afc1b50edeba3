"""Ingestion: outside job feeds in, one parser per kind, one idempotent upsert.

``records`` holds the one record type every parser returns, ``fetch`` the only network code,
``greenhouse``/``lever``/``ashby``/``jsonld``/``rss``/``files`` the parsers (pure: bytes in,
records out, no models), ``places`` the policy for feed locations, and ``run`` the service
that writes records and records the run.
"""
