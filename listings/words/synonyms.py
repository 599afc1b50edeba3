"""Synonym rules as searches read them: from memory, reloaded when an edit changes them.

Every keyword search asks which rules its words call for, so the rules live in this process
and a search without a synonym costs no query at all. Each edit (``services``) puts a new
version in the shared cache; every process compares its copy's version with it at most once
a second and reloads when they differ, so an edit in admin reaches every web process within
a second, with no restart.
"""

import itertools
import time
import uuid
from dataclasses import dataclass, field
from typing import NamedTuple

from django.core.cache import cache

from listings.words.models import WORD, Synonym

VERSION_KEY = "words:synonyms:version"
CHECK_EVERY_SECONDS = 1.0


class Rule(NamedTuple):
    """A synonym term a search holds, what it stands for, and whether it was typed inside
    quotes (a phrase, where each expansion must be a phrase too)."""

    term: str
    expansions: tuple[str, ...]
    in_phrase: bool


@dataclass
class _Loaded:
    version: str | None = None
    checked_at: float = float("-inf")
    expansions: dict[str, tuple[str, ...]] = field(default_factory=dict)


_loaded = _Loaded()


def synonym_rules(text: str) -> tuple[Rule, ...]:
    """The rules for the words of ``text`` that are synonym terms ("SWE in Texas": swe's),
    in the order they were typed."""
    expansions = _current_expansions()
    if not expansions:
        return ()
    text = text.lower()
    terms = dict.fromkeys(word for word in WORD.findall(text) if word in expansions)
    # Web-search syntax: what stands between a pair of double quotes is a phrase.
    quoted = {word for phrase in text.split('"')[1::2] for word in WORD.findall(phrase)}
    return tuple(Rule(term, expansions[term], term in quoted) for term in terms)


def spelled_out(text: str, *, limit: int = 8) -> list[str]:
    """``text`` with its synonym terms replaced by their expansions, every combination up to
    ``limit`` ("pm lead": "product manager lead", "project manager lead"); [] without a term."""
    rules = synonym_rules(text)
    if not rules:
        return []
    choices = itertools.product(*(rule.expansions for rule in rules))
    texts = []
    for chosen in itertools.islice(choices, limit):
        by_term = dict(zip((rule.term for rule in rules), chosen, strict=True))
        texts.append(
            WORD.sub(lambda word, by_term=by_term: by_term.get(word[0].lower(), word[0]), text)
        )
    return texts


def synonym_terms() -> frozenset[str]:
    """Every synonym term, so that "Did you mean" leaves them as they were typed."""
    return frozenset(_current_expansions())


def synonym_rules_changed() -> None:
    """Make every process reload the rules: this one at its next search, the others within
    ``CHECK_EVERY_SECONDS`` (call once the edit is committed)."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
    synonym_rules_forget()


def synonym_rules_forget() -> None:
    """Drop this process's copy, so the next search reloads it."""
    _loaded.version = None
    _loaded.checked_at = float("-inf")


def _current_expansions() -> dict[str, tuple[str, ...]]:
    now = time.monotonic()
    if now - _loaded.checked_at < CHECK_EVERY_SECONDS:
        return _loaded.expansions
    _loaded.checked_at = now
    version = cache.get(VERSION_KEY)
    if version is None:  # a fresh or flushed cache: the first process to ask names a version
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY)
    if version != _loaded.version:
        # The version is read before the rows, so an edit in between only causes one more load.
        _loaded.expansions = _expansions_load()
        _loaded.version = version
    return _loaded.expansions


def _expansions_load() -> dict[str, tuple[str, ...]]:
    expansions: dict[str, list[str]] = {}
    for term, expansion in Synonym.objects.values_list("term", "expansion"):
        expansions.setdefault(term.lower(), []).append(expansion)
    return {term: tuple(phrases) for term, phrases in expansions.items()}
