import pytest


@pytest.fixture
def rank_minimum(settings):
    """A small minimum, so hand-computed fixtures stay small."""
    settings.RATING_MIN_FOR_RANK = 2
    return 2
