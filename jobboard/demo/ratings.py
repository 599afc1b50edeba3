"""Demo ratings: rater accounts and approved ratings with a believable spread."""

import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection
from django.utils import timezone

from companies.aggregates import company_ratings_refresh
from companies.models import Company, Rating

RATER_COUNT = 1500
RATER_PREFIX = "demo-rater-"
# The seed page's Apple card: 8.1 out of 10 from 661 employees.
SHOWCASE = {"Apple": (8.1, 661)}
# Typical ratings per company by size: small employers have few raters, giants many.
SIZE_MEDIAN_RATINGS = {
    "1-10": 2,
    "11-50": 4,
    "51-200": 8,
    "201-500": 14,
    "501-1000": 22,
    "1001-5000": 40,
    "5001-10000": 70,
    "10000+": 140,
}
_COPY_RATINGS = (
    "COPY companies_rating (company_id, user_id, overall, pay, benefits, hours, workplace, "
    "employment_status, role_type, comment, status, created_at, submitted_at, updated_at) "
    "FROM STDIN"
)
COMMENTS = [
    "Good team, fair managers. Scheduling could be more predictable.",
    "Pay is competitive for the area and raises come on time.",
    "Benefits are solid, especially the health plan and paid leave.",
    "Busy season is rough: long shifts and little notice.",
    "Lots to learn and people help each other out.",
    "Management changes often, so priorities shift a lot.",
    "Flexible hours made it easy to balance school and work.",
    "Understaffed most days; the work itself is fine.",
    "Clear training and a real path to promotion.",
    "The office is great but remote days were cut back.",
]


def ratings_seed(*, seed: int) -> None:
    """Demo raters and approved ratings for every company, then fresh aggregates; idempotent.

    Each company gets a count that grows with its size and a true mean around 6.8 with its own
    per-category leanings; each rating scatters around those. Apple gets the seed page's
    8.1 from 661 raters. Earlier demo ratings are replaced.
    """
    rng = random.Random(seed)
    raters = _raters()
    Rating.objects.filter(user__username__startswith=RATER_PREFIX).delete()
    now = timezone.now()
    rows = []
    for company_id, name, size in Company.objects.order_by("pk").values_list("pk", "name", "size"):
        mean, count = SHOWCASE.get(name) or _company_profile(rng, size)
        leanings = [rng.gauss(0, 0.8) for _category in range(4)]
        current_share = rng.uniform(0.5, 0.8)
        for user_id in rng.sample(raters, min(count, len(raters))):
            when = now - timedelta(minutes=rng.randint(60, 730 * 24 * 60))
            rows.append(
                (
                    company_id,
                    user_id,
                    _score(rng, mean, 1.4),
                    *(_score(rng, mean + leaning, 1.7) for leaning in leanings),
                    "current" if rng.random() < current_share else "former",
                    rng.choices(["frontline", "office", "management"], weights=[55, 32, 13])[0],
                    rng.choice(COMMENTS) if rng.random() < 0.08 else "",
                    Rating.Status.APPROVED.value,
                    when,
                    when,
                    when,
                )
            )
    # COPY: fast at any size, and it keeps the spread of dates that auto_now would overwrite.
    with connection.cursor() as cursor, cursor.cursor.copy(_COPY_RATINGS) as copy:
        for row in rows:
            copy.write_row(row)
    company_ratings_refresh()


def _raters() -> list[int]:
    """Ids of the demo rater accounts, creating the missing ones (they cannot log in)."""
    User = get_user_model()  # noqa: N806 - Django's idiom for the user model
    unusable = make_password(None)
    User.objects.bulk_create(
        [
            User(
                username=f"{RATER_PREFIX}{number:04d}@example.com",
                email=f"{RATER_PREFIX}{number:04d}@example.com",
                password=unusable,
            )
            for number in range(RATER_COUNT)
        ],
        ignore_conflicts=True,
    )
    return list(
        User.objects.filter(username__startswith=RATER_PREFIX)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _company_profile(rng: random.Random, size: str) -> tuple[float, int]:
    median = SIZE_MEDIAN_RATINGS.get(size, 10)
    count = int(rng.lognormvariate(0, 0.9) * median)
    mean = min(9.4, max(3.0, rng.gauss(6.8, 1.0)))
    return mean, count


def _score(rng: random.Random, mean: float, spread: float) -> int:
    return min(10, max(0, round(rng.gauss(mean, spread))))
