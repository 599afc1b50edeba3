"""Saved jobs: a visitor's shortlist, kept in the session or, for an account, in the database."""
