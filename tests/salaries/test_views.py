"""Salary pages, the comparison page and the box beside search results, on a small fixture."""

import json
import re
import statistics
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from listings.models import Place
from salaries.aggregates import aggregates_insert
from salaries.charts import short_money
from salaries.models import Comparison, ComparisonRow, FaqEntry, Occupation
from salaries.selectors import salary_box, search_salary_box
from salaries.services import salary_aggregates_refresh
from tests.factories import PublishedJobFactory

pytestmark = pytest.mark.django_db

CV = "Computer Vision Machine Learning Engineer"
# Yearly ranges in San Jose and Sunnyvale; the figures below are their midpoints.
SAN_JOSE = [
    (150000, 170000),
    (160000, 200000),
    (133600, 160500),
    (190000, 230000),
    (210000, 250000),
]
SUNNYVALE = [(120000, 140000), (175000, 175000)]
DATA_SCIENTIST = [
    (110000, 130000),
    (120000, 150000),
    (90000, 110000),
    (140000, 160000),
    (130000, 150000),
]


def money(amount) -> str:
    return f"${Decimal(amount):,.0f}"


def midpoints(ranges) -> list[Decimal]:
    return [(Decimal(low) + Decimal(high)) / 2 for low, high in ranges]


@pytest.fixture
def salaries(places):
    engineer = Occupation.objects.create(
        name=CV, description="Designs models that interpret images.", skills="PyTorch; OpenCV."
    )
    scientist = Occupation.objects.create(name="Data Scientist")
    engineer.related.add(scientist)
    comparison = Comparison.objects.create(
        occupation=engineer, other=scientist, summary="Both use machine learning."
    )
    ComparisonRow.objects.create(
        comparison=comparison,
        aspect="Credentials",
        occupation_text="CS degree and CV frameworks",
        other_text="Statistics degree",
    )
    FaqEntry.objects.create(
        occupation=engineer,
        question=f"What does a {CV} do?",
        answer="Designs models that interpret images.",
    )
    FaqEntry.objects.create(
        occupation=engineer, question="Hidden question", answer="Draft.", published=False
    )
    for city, ranges in ((places.san_jose, SAN_JOSE), (places.sunnyvale, SUNNYVALE)):
        for low, high in ranges:
            PublishedJobFactory(
                title=CV, occupation=engineer, pay_min=low, pay_max=high, places=[city]
            )
    for low, high in DATA_SCIENTIST:
        PublishedJobFactory(
            title="Data Scientist",
            occupation=scientist,
            pay_min=low,
            pay_max=high,
            places=[places.austin if low == 90000 else places.san_jose],
        )
    salary_aggregates_refresh()
    return engineer, scientist


def text_of(response) -> str:
    """The page's visible words with tags removed and whitespace collapsed."""
    html = response.content.decode()
    html = re.sub(r"<script.*?</script>", " ", html, flags=re.S)
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    return text.replace(" .", ".").replace(" ,", ",")


def jsonld(response) -> list[dict]:
    html = response.content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, flags=re.S)
    return [json.loads(block) for block in blocks if block.strip()]


def salary_page(client, engineer, place):
    return client.get(reverse("salaries:occupation_place", args=[engineer.slug, place.slug]))


def test_salary_page_states_every_figure_with_the_right_numbers(client, salaries, places):
    engineer, _ = salaries
    pays = midpoints(SAN_JOSE + SUNNYVALE)
    mean = statistics.fmean(pays)
    p25, _, p75 = statistics.quantiles(pays, n=4, method="inclusive")
    deciles = statistics.quantiles(pays, n=10, method="inclusive")
    today = timezone.localdate()

    response = salary_page(client, engineer, places.california)
    text = text_of(response)

    assert response.status_code == 200
    assert (
        f"As of {today:%B} {today.day}, {today.year}, the average yearly pay for {CV} in "
        f"California is {money(mean)}. Most earn between {money(p25)} and {money(p75)} per year."
    ) in text
    assert f"Low {money(deciles[0])} 10th percentile" in text
    assert f"Average {money(mean)} mean of 7 postings; median {money(statistics.median(pays))}" in (
        text
    )
    assert f"High {money(deciles[8])} 90th percentile" in text
    assert f"Hourly ${Decimal(mean) / 2080:,.2f}" in text
    assert f"Weekly {money(Decimal(mean) / 52)}" in text
    assert f"Monthly {money(Decimal(mean) / 12)}" in text
    assert "Sample: 7 live job postings" in text
    assert "the midpoint of its posted range" in text
    assert "Low and high are the 10th and 90th percentiles" in text


def test_salary_page_lists_cities_related_occupations_and_faq(client, salaries, places):
    engineer, _ = salaries
    text = text_of(salary_page(client, engineer, places.california))
    san_jose = midpoints(SAN_JOSE)
    quartiles = statistics.quantiles(san_jose, n=4, method="inclusive")
    assert (
        f"San Jose, CA {money(statistics.fmean(san_jose))} "
        f"{money(quartiles[0])} – {money(quartiles[2])} 5"
    ) in text
    assert "Sunnyvale, CA Too few postings state pay 2" in text
    scientists_in_california = midpoints([r for r in DATA_SCIENTIST if r[0] != 90000])
    assert f"Data Scientist {money(statistics.fmean(scientists_in_california))}" not in text
    assert "Data Scientist Too few postings" in text  # 4 in California, below 5
    assert f"{CV} vs Data Scientist" in text
    assert f"How much do {CV} jobs pay per year?" in text
    assert f"What cities in California are hiring for {CV} jobs?" in text
    assert "San Jose, CA (5 openings)" in text
    assert f"What does a {CV} do?" in text
    assert "Hidden question" not in text
    assert f"What is the difference between {CV} vs Data Scientist?" in text
    assert "Credentials CS degree and CV frameworks Statistics degree" in text


def test_histogram_is_accessible_svg_with_a_table_alternative(client, salaries, places):
    engineer, _ = salaries
    response = salary_page(client, engineer, places.california)
    html = response.content.decode()
    svg = re.search(r"<svg.*?</svg>", html, flags=re.S).group(0)
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    assert "Yearly pay (midpoint of each posted range)" in svg
    assert "Postings" in svg
    bars = re.findall(r'class="histogram__bar"', svg)
    assert len(bars) == len(response.context["histogram"].bars)
    assert 'class="histogram__band"' in svg and 'class="histogram__mean"' in svg
    counts = [int(n) for n in re.findall(r"<td>\$[\d,]+ to \$[\d,]+</td><td>(\d+)</td>", html)]
    assert sum(counts) == 7


def test_salary_page_jsonld_carries_the_percentiles_and_the_faq(client, salaries, places):
    engineer, _ = salaries
    pays = midpoints(SAN_JOSE + SUNNYVALE)
    data = {
        block["@type"]: block for block in jsonld(salary_page(client, engineer, places.california))
    }
    distribution = data["Occupation"]["estimatedSalary"][0]
    assert distribution["@type"] == "MonetaryAmountDistribution"
    assert distribution["duration"] == "P1Y" and distribution["currency"] == "USD"
    assert distribution["median"] == pytest.approx(float(statistics.median(pays)), abs=0.01)
    deciles = statistics.quantiles(pays, n=10, method="inclusive")
    assert distribution["percentile10"] == pytest.approx(float(deciles[0]), abs=0.01)
    assert data["Occupation"]["occupationLocation"] == [{"@type": "State", "name": "California"}]
    questions = [item["name"] for item in data["FAQPage"]["mainEntity"]]
    assert questions[0] == f"How much do {CV} jobs pay per year?"
    assert f"What does a {CV} do?" in questions


def test_below_the_minimum_sample_the_page_says_so_and_shows_no_figure(client, salaries, places):
    engineer, _ = salaries
    response = salary_page(client, engineer, places.sunnyvale)
    text = text_of(response)
    assert "Not enough data for a fair figure" in text
    assert "Only 2 live" in text and "postings in Sunnyvale state their pay" in text
    assert "We publish figures from 5 postings" in text
    assert "the average yearly pay" not in text
    assert not re.search(r"\$\d", text.split("How we calculate this")[0].split("Not enough")[1])
    assert [block["@type"] for block in jsonld(response)] == ["FAQPage"]
    assert '<meta name="robots" content="noindex">' in response.content.decode()


def test_everywhere_page_and_index(client, salaries):
    engineer, _ = salaries
    response = client.get(reverse("salaries:occupation", args=[engineer.slug]))
    assert f"{CV} salary in all locations" in text_of(response)
    index = text_of(client.get(reverse("salaries:index")))
    pays = midpoints(SAN_JOSE + SUNNYVALE)
    assert f"{CV} {money(statistics.fmean(pays))}" in index


@pytest.mark.parametrize(
    "path",
    [
        "/salaries/no-such-title/",
        "/salaries/no-such-title/california/",
        "/salaries/computer-vision-machine-learning-engineer/atlantis/",
        "/salaries/compare/computer-vision-machine-learning-engineer/nobody/",
        "/salaries/compare/data-scientist/data-scientist/",
    ],
)
def test_unknown_titles_and_places_are_404_with_a_message(client, salaries, path):
    response = client.get(path)
    assert response.status_code == 404


def test_comparison_page_shows_both_sides_and_curated_rows_in_either_order(
    client, salaries, places
):
    engineer, scientist = salaries
    url = reverse("salaries:compare_place", args=[engineer.slug, scientist.slug, "san-jose-ca"])
    text = text_of(client.get(url))
    san_jose = midpoints(SAN_JOSE)
    assert f"{CV} vs Data Scientist" in text
    assert f"Average {money(statistics.fmean(san_jose))} Too few postings" in text
    assert "Postings stating pay 5 4" in text
    assert "Credentials CS degree and CV frameworks Statistics degree" in text

    flipped = text_of(client.get(reverse("salaries:compare", args=[scientist.slug, engineer.slug])))
    assert f"Data Scientist vs {CV}" in flipped
    assert "Credentials Statistics degree CS degree and CV frameworks" in flipped


def test_search_landing_page_shows_salary_box_cities_and_faq(client, salaries, places):
    engineer, _ = salaries
    pays = midpoints(SAN_JOSE + SUNNYVALE)
    deciles = statistics.quantiles(pays, n=10, method="inclusive")
    response = client.get(reverse("listings:landing", args=[engineer.slug, "california"]))
    text = text_of(response)
    box = text.split(f"{CV} pay in California", 1)[1]
    low, average, high = deciles[0], statistics.fmean(pays), deciles[8]
    assert box.startswith(
        f" Low {short_money(low)} 10th percentile Average {short_money(average)} mean "
        f"High {short_money(high)} 90th percentile"
    )
    assert "See California salary details" in text
    html = response.content.decode()
    assert f'href="/salaries/{engineer.slug}/california/"' in html
    assert f"Cities in California with the most {CV} openings San Jose, CA 5 openings" in text
    assert "Sunnyvale, CA 2 openings" in text
    assert f"What does a {CV} do?" in text
    assert "FAQPage" in [block["@type"] for block in jsonld(response)]


def test_search_by_keywords_finds_the_occupation_and_unknown_words_show_no_box(
    client, salaries, django_assert_num_queries
):
    response = client.get(
        reverse("listings:search"), {"q": "Sr. Computer Vision Machine Learning Engineer II"}
    )
    assert response.context["salary_box"].occupation.name == CV
    assert client.get(reverse("listings:search"), {"q": "astronaut"}).context["salary_box"] is None
    assert client.get(reverse("listings:search")).context["salary_box"] is None
    # Asked again, the words' occupation and its box both come from the cache.
    with django_assert_num_queries(0):
        box = search_salary_box(
            keywords="sr. computer vision machine learning engineer ii", place=None
        )
        assert search_salary_box(keywords="astronaut", place=None) is None
    assert box.occupation.name == CV


def test_salary_box_follows_a_refresh(client, salaries, places, django_capture_on_commit_callbacks):
    engineer, _ = salaries
    url = reverse("listings:landing", args=[engineer.slug, "sunnyvale-ca"])
    assert "Too few postings here state their pay (2)" in text_of(client.get(url))
    for _ in range(3):
        PublishedJobFactory(
            occupation=engineer, pay_min=100000, pay_max=100000, places=[places.sunnyvale]
        )
    with django_capture_on_commit_callbacks(execute=True):
        salary_aggregates_refresh()
    assert "Too few postings here" not in text_of(client.get(url))


def test_pages_run_a_bounded_number_of_queries(
    client, salaries, places, django_assert_max_num_queries
):
    engineer, scientist = salaries
    with django_assert_max_num_queries(10):
        salary_page(client, engineer, places.california)
    with django_assert_max_num_queries(5):
        client.get(reverse("salaries:compare", args=[engineer.slug, scientist.slug]))
    with django_assert_max_num_queries(2):
        client.get(reverse("salaries:index"))
    with django_assert_max_num_queries(14):
        client.get(reverse("listings:landing", args=[engineer.slug, "california"]))
    with django_assert_max_num_queries(8):  # the box and the occupation come from the cache
        client.get(reverse("listings:landing", args=[engineer.slug, "california"]))


def test_salary_box_costs_five_queries_then_none_from_the_cache(
    salaries, places, django_assert_num_queries
):
    engineer, _ = salaries
    with django_assert_num_queries(5):
        box = salary_box(occupation=engineer, place=places.california)
    with django_assert_num_queries(0):
        cached = salary_box(occupation=engineer, place=places.california)
    assert cached.aggregate.mean == box.aggregate.mean
    assert [city.place.name for city in cached.cities_hiring] == ["San Jose", "Sunnyvale"]


def test_pages_read_the_newest_day_and_ignore_history(client, salaries, places):
    engineer, _ = salaries
    fresno = Place.objects.create(name="Fresno", kind=Place.Kind.CITY, parent=places.california)
    job = PublishedJobFactory(occupation=engineer, places=[places.san_jose, fresno])
    aggregates_insert(as_of=timezone.localdate() - timedelta(days=1))
    job.delete()
    text = text_of(salary_page(client, engineer, places.california))
    assert "Sample: 7 live job postings" in text
    assert re.search(r"San Jose, CA \$[\d,]+ \$[\d,]+ – \$[\d,]+ 5 ", text)
    assert "Fresno" not in text  # only yesterday's figures knew it


def test_curated_faq_for_one_place_shows_only_there(client, salaries, places):
    engineer, _ = salaries
    FaqEntry.objects.create(
        occupation=engineer,
        place=places.texas,
        question="Is Austin a good place for this job?",
        answer="Austin has a growing robotics scene.",
    )
    texas = text_of(salary_page(client, engineer, places.texas))
    california = text_of(salary_page(client, engineer, places.california))
    assert "Is Austin a good place for this job?" in texas
    assert "Is Austin a good place for this job?" not in california
    assert f"What does a {CV} do?" in texas and f"What does a {CV} do?" in california


def test_all_locations_page_has_no_occupation_jsonld(client, salaries):
    engineer, _ = salaries
    response = client.get(reverse("salaries:occupation", args=[engineer.slug]))
    assert [block["@type"] for block in jsonld(response)] == ["FAQPage"]


def test_salary_pages_have_absolute_canonical_links(client, salaries, settings):
    engineer, scientist = salaries
    settings.SITE_URL = "https://jobs.example.org"
    for path in [
        reverse("salaries:index"),
        reverse("salaries:occupation", args=[engineer.slug]),
        reverse("salaries:occupation_place", args=[engineer.slug, "california"]),
        reverse("salaries:compare", args=[engineer.slug, scientist.slug]),
    ]:
        html = client.get(path).content.decode()
        assert f'<link rel="canonical" href="https://jobs.example.org{path}">' in html, path


def test_histogram_table_alternative_follows_the_figure_instead_of_sitting_in_it(
    client, salaries, places
):
    engineer, _ = salaries
    html = salary_page(client, engineer, places.california).content.decode()
    figure = re.search(r"<figure.*?</figure>", html, flags=re.S).group(0)
    # A <figure> holds its content and one <figcaption>, first or last: nothing after it.
    assert figure.removesuffix("</figure>").rstrip().endswith("</figcaption>")
    assert "<details" not in figure
    assert html.index("</figure>") < html.index('<details class="histogram__table">')


def test_salary_tables_scroll_inside_their_own_box(client, salaries, places):
    engineer, _ = salaries
    html = salary_page(client, engineer, places.california).content.decode()
    assert html.count('<table class="data-table') == html.count(
        '<div class="table-scroll"><table class="data-table'
    )
