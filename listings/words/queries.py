"""The full-text query of a search, with its synonyms rewritten in."""

from django.contrib.postgres.search import SearchQuery

from listings.words.synonyms import Rule, synonym_rules


def search_query(text: str, *, config: str) -> SearchQuery:
    """``websearch_to_tsquery`` of ``text`` in ``config``, where each synonym term also
    matches what its expansions match ("swe" as ``swe | software & engineer``).

    A search without a synonym term is the plain query, unchanged.
    """
    rules = synonym_rules(text)
    if not rules:
        return SearchQuery(text, config=config, search_type="websearch")
    return SynonymQuery(text, config=config, rules=rules)


class SynonymQuery(SearchQuery):
    """A web-search query whose synonym terms are rewritten with ``ts_rewrite``.

    Each term's node becomes ``term | expansion | ...``, where it stands, so quotes, ``-word``
    and ``or`` keep their meaning ("-swe" leaves out software engineers too). Each expansion
    is every word of it (``plainto_tsquery``), so "swe" finds exactly what "software
    engineer" finds, plus the jobs that say "SWE"; inside quotes it is the phrase
    (``phraseto_tsquery``, so '"senior swe"' finds "Senior Software Engineer"), as every
    word inside a phrase would have to stand at one position. Each function here is immutable
    with constant arguments: PostgreSQL folds the rewrite once, at planning, and reads the
    same GIN index with the folded query, so plans and estimates are those of typing the words.
    """

    def __init__(self, value: str, *, config: str, rules: tuple[Rule, ...]):
        super().__init__(value, config=config, search_type="websearch")
        self.rules = rules

    def as_sql(self, compiler, connection, function=None, template=None):
        sql, params = super().as_sql(compiler, connection, function, template)
        config, config_params = compiler.compile(self.config)
        words = f"plainto_tsquery({config}, %s)"
        phrase = f"phraseto_tsquery({config}, %s)"
        for term, expansions, in_phrase in self.rules:
            expanded = [phrase if in_phrase else words] * len(expansions)
            sql = f"ts_rewrite({sql}, {words}, {' || '.join([words, *expanded])})"
            for text in (term, term, *expansions):
                params = [*params, *config_params, text]
        return sql, params
