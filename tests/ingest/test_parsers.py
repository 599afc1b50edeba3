"""Each parser against the real recorded payloads: concrete fields of concrete postings."""

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from listings.ingest import ashby, files, greenhouse, jsonld, lever, rss
from listings.ingest.records import (
    Location,
    PayloadError,
    RecordError,
    parse_when,
    split_locations,
    strip_tracking,
)
from salaries.pay import Pay
from tests.ingest.support import recorded

EDT = timezone(timedelta(hours=-4))


def by_id(module, payload: bytes, external_id: str, url: str = ""):
    items = {item.external_id: item for item in module.items(payload, url=url)}
    return module.record(items[external_id])


def test_greenhouse_structured_pay_from_metadata_in_hourly_figures():
    job = by_id(greenhouse, recorded("gh_board_flatironhealth.json"), "8097651")
    assert job.title == "Abstraction Operations Coordinator"
    assert job.company_name == "Flatiron Health"
    assert job.pay == Pay(Decimal("32.69"), Decimal("44.95"), "USD", "hour")
    assert job.apply_url == "https://flatiron.com/careers/open-positions/job?gh_jid=8097651"
    assert job.posted_at == datetime(2026, 8, 4, 11, 35, 28, tzinfo=EDT)
    assert [str(place) for place in job.locations] == ["NY office"]


def test_greenhouse_cad_range_and_a_three_part_location():
    job = by_id(greenhouse, recorded("gh_board_hootsuite.json"), "8049709")
    assert job.title == "Account Executive, Enterprise Sales"
    assert job.pay == Pay(Decimal("107100"), Decimal("107100"), "CAD", "year")
    assert job.locations == (Location(text="Toronto, Ontario, Canada"),)


def test_greenhouse_salary_range_states_no_period_so_its_size_decides():
    # "Salary Range" names the field; 26,000-31,200 is a yearly range by its size.
    job = by_id(greenhouse, recorded("gh_board_bigleafnetworks.json"), "7674959003")
    assert job.pay == Pay(Decimal("26000"), Decimal("31200"), "USD", "year")


def test_greenhouse_placeholder_zero_pay_is_no_pay():
    items = greenhouse.items(recorded("gh_board_aetion.json"))
    assert len(items) == 5
    assert all(greenhouse.record(item).pay is None for item in items)


def test_greenhouse_content_is_unescaped_once_and_pay_read_from_its_text():
    job = by_id(greenhouse, recorded("gh_board_smarterdx_content_true.json"), "5099964007")
    assert job.title == "Clinical Coding Specialist"
    assert job.description_html.startswith('<div class="content-intro"><p>SmarterDx')
    assert job.workplace_type == "remote"
    assert job.locations == (Location(text="United States"),)
    assert job.pay == Pay(Decimal("75000"), Decimal("105000"), "USD", "year")
    other = by_id(greenhouse, recorded("gh_board_smarterdx_content_true.json"), "5193736007")
    assert other.pay == Pay(Decimal("34.62"), Decimal("34.62"), "USD", "hour")


def test_lever_posting_with_lists_salary_text_and_epoch_milliseconds():
    job = by_id(
        lever, recorded("lever_palantir_postings.json"), "0bbfd4f4-41ff-4ec6-b73f-5200efd5d4d3"
    )
    assert job.title == "Administrative Business Partner - Security"
    assert job.company_name == "Palantir"
    assert job.locations == (Location(text="Palo Alto, CA"),)
    assert (job.workplace_type, job.employment_type) == ("hybrid", "full_time")
    assert job.pay == Pay(Decimal("60000"), Decimal("97000"), "USD", "year")
    assert job.posted_at == datetime(2026, 5, 12, 21, 48, 44, 938000, tzinfo=UTC)
    assert "<ul>\n<li>" in job.description_html  # bare <li> items get their list back
    assert job.apply_url.endswith("/0bbfd4f4-41ff-4ec6-b73f-5200efd5d4d3/apply")


def test_lever_london_posting_takes_the_country_code():
    job = by_id(
        lever, recorded("lever_palantir_postings.json"), "ac978161-6f46-4f6b-ad9e-a258e642751c"
    )
    assert job.locations == (Location(text="London, United Kingdom"),)
    assert job.pay is None


def test_ashby_addresses_employment_type_and_empty_compensation():
    job = by_id(
        ashby, recorded("ashby_openevidence_job_board.json"), "4c577aae-1ad0-444b-9e15-2ad994333de4"
    )
    assert job.title == "Member of Technical Staff"
    assert job.locations == (
        Location(city="San Francisco", region="California", country="United States"),
        Location(city="Miami", region="Florida", country="United States"),
    )
    assert (job.workplace_type, job.employment_type) == ("on_site", "full_time")
    assert job.pay is None  # compensation present but empty
    assert job.posted_at == datetime(2026, 1, 22, 21, 44, 44, 930000, tzinfo=UTC)


def test_ashby_salary_component_and_unlisted_jobs():
    payload = {
        "apiVersion": "1",
        "jobs": [
            {
                "id": "a1",
                "title": "Researcher",
                "isListed": True,
                "jobUrl": "https://jobs.ashbyhq.com/acme/a1",
                "compensation": {
                    "compensationTiers": [
                        {
                            "components": [
                                {"compensationType": "EquityCashValue", "minValue": None},
                                {
                                    "compensationType": "Salary",
                                    "interval": "1 YEAR",
                                    "currencyCode": "GBP",
                                    "minValue": 140000,
                                    "maxValue": 180000,
                                },
                            ]
                        }
                    ]
                },
            },
            {"id": "hidden", "title": "Secret", "isListed": False},
        ],
    }
    import json

    items = ashby.items(json.dumps(payload).encode())
    assert [item.external_id for item in items] == ["a1"]
    job = ashby.record(items[0])
    assert job.pay == Pay(Decimal("140000"), Decimal("180000"), "GBP", "year")
    assert job.company_name == "Acme"


def test_jsonld_career_page_with_one_posting():
    url = "https://careers.hostaway.com/o/account-executive?utm_source=linkedin"
    items = jsonld.items(recorded("recruitee_hostaway_job_detail.html"), url=url)
    assert [item.external_id for item in items] == ["2424333"]
    job = jsonld.record(items[0])
    assert job.title == "Account Executive - 100% remote - UK"
    assert job.company_name == "Hostaway"
    assert job.workplace_type == "remote" and job.employment_type == "full_time"
    assert Location(country="United Kingdom") in job.locations
    assert job.pay is None  # "baseSalary": null
    assert job.posted_at == datetime(2026, 1, 21, tzinfo=UTC)
    assert job.description_html.startswith("<p><strong>")


def test_jsonld_examples_page_lists_several_postings_with_legacy_salary():
    url = "https://example.org/jobs"
    items = jsonld.items(recorded("schemaorg_jobposting_examples.html"), url=url)
    assert [item.external_id for item in items] == [f"{url}#1", f"{url}#2", f"{url}#3"]
    first = jsonld.record(items[0])
    assert first.title == "Software Engineer"
    assert first.locations == (Location(city="Kirkland", region="WA"),)
    assert first.pay == Pay(Decimal("100000"), Decimal("100000"), "USD", "year")
    assert first.employment_type == "full_time"
    assert jsonld.record(items[1]).company_name == "ACME Software"


def test_jsonld_page_without_postings_is_a_payload_error():
    with pytest.raises(PayloadError, match="no schema.org JobPosting"):
        jsonld.items(b"<html><body>Careers</body></html>", url="https://example.org")


def test_rss_we_work_remotely_items():
    items = rss.items(recorded("weworkremotely_remote-jobs_2026.xml"))
    assert len(items) == 4
    job = rss.record(items[0])
    assert (job.company_name, job.title) == ("Mathmo", "Maths Coach")
    assert job.external_id == "https://weworkremotely.com/remote-jobs/mathmo-maths-coach"
    assert job.workplace_type == "remote" and job.employment_type == "contract"
    assert job.pay == Pay(Decimal("75"), Decimal("75"), "GBP", "hour")
    assert job.posted_at == datetime(2026, 7, 10, 22, 45, 30, tzinfo=UTC)
    assert job.expires_at == datetime(2026, 8, 9, 22, 45, 30, tzinfo=UTC)


def test_atom_feed_entries():
    atom = b"""<?xml version="1.0"?>
    <feed xmlns="http://www.w3.org/2005/Atom"><title>Jobs</title>
      <entry><id>urn:job:7</id><title>Welder</title><author><name>Acme</name></author>
        <link href="https://acme.example/jobs/7"/><updated>2026-07-01T10:00:00Z</updated>
        <content type="html">&lt;p&gt;Welding, $30/hr.&lt;/p&gt;</content></entry>
    </feed>"""
    job = rss.record(rss.items(atom)[0])
    assert (job.external_id, job.title, job.company_name) == ("urn:job:7", "Welder", "Acme")
    assert job.apply_url == "https://acme.example/jobs/7"
    assert job.pay == Pay(Decimal("30"), Decimal("30"), "USD", "hour")


def test_rss_refuses_entity_expansion():
    bomb = b"""<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">
    <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><rss><channel><item><title>&b;</title>
    <guid>1</guid></item></channel></rss>"""
    items = rss.items(bomb)
    assert "aaaaaaaaaa" not in str(items[0].data)


def test_csv_file_rows_with_and_without_ids():
    csv = (
        b"id,title,company,location,salary,description,apply_url\n"
        b'7,Nurse,General Hospital,"Austin, TX",$45/hr,<p>Care</p>,https://gh.example/7\n'
        b",Porter,General Hospital,Remote,,<p>Carry</p>,https://gh.example/porter\n"
    )
    items = files.items(csv)
    # the same id in every process, so a reimport finds the row it wrote before
    assert [item.external_id for item in items] == ["7", "row-604982582af35394b0c6"]
    nurse, porter = (files.record(item) for item in items)
    assert nurse.pay == Pay(Decimal("45"), Decimal("45"), "USD", "hour")
    assert nurse.locations == (Location(text="Austin, TX"),)
    assert porter.workplace_type == "remote" and porter.locations == ()


def test_json_file_with_structured_pay():
    payload = b'{"jobs": [{"id": "x", "title": "Chef", "company": "Bistro", "pay_min": "20",'
    payload += b' "pay_max": "25", "pay_currency": "EUR", "pay_period": "hour"}]}'
    job = files.record(files.items(payload)[0])
    assert job.pay == Pay(Decimal("20"), Decimal("25"), "EUR", "hour")


def test_file_without_a_title_column_is_a_payload_error():
    with pytest.raises(PayloadError, match="title"):
        files.items(b"name,place\nx,y\n")


@pytest.mark.parametrize(
    ("module", "payload"),
    [
        (greenhouse, b"<!DOCTYPE html><html>Maintenance</html>"),
        (greenhouse, b'{"jobs": [{"id": 1'),
        (greenhouse, b'{"error": "not found"}'),
        (lever, b'{"jobs": []}'),
        (ashby, b"[]"),
        (rss, b"<rss><channel><item>"),
        (rss, b'{"not": "xml"}'),
    ],
)
def test_payloads_that_are_not_their_kind_fail_whole(module, payload):
    with pytest.raises(PayloadError):
        module.items(payload)


def test_a_record_without_a_title_is_rejected_alone():
    items = greenhouse.items(b'{"jobs": [{"id": 1, "title": ""}, {"id": 2, "title": "Cook"}]}')
    with pytest.raises(RecordError, match="no title"):
        greenhouse.record(items[0])
    assert greenhouse.record(items[1]).title == "Cook"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-07-27T14:17:12-04:00", datetime(2026, 7, 27, 18, 17, 12, tzinfo=UTC)),
        ("2026-07-09T08:01:56", datetime(2026, 7, 9, 8, 1, 56, tzinfo=UTC)),
        ("2024-12-07 04:03:02", datetime(2024, 12, 7, 4, 3, 2, tzinfo=UTC)),
        (1711403416463, datetime(2024, 3, 25, 21, 50, 16, 463000, tzinfo=UTC)),
        ("1733270400", datetime(2024, 12, 4, tzinfo=UTC)),
        ("Fri, 10 Jul 2026 22:45:30 +0000", datetime(2026, 7, 10, 22, 45, 30, tzinfo=UTC)),
        ("2025-11-15", datetime(2025, 11, 15, tzinfo=UTC)),
        ("soon", None),
        (None, None),
        ("²", None),
        ("٣", None),
    ],
)
def test_dates_in_every_form_feeds_use(value, expected):
    assert parse_when(value) == expected


@pytest.mark.parametrize("value", ["9" * 400, 10**30, "99999999999999999999"])
def test_a_date_beyond_any_calendar_rejects_its_record_with_a_reason(value):
    with pytest.raises(RecordError, match="out of range"):
        parse_when(value)


def test_tracking_parameters_are_dropped_and_others_kept():
    assert (
        strip_tracking("https://x.example/job?gh_jid=81&utm_source=li&gclid=z&lever-source=y#a")
        == "https://x.example/job?gh_jid=81"
    )


@pytest.mark.parametrize(
    ("text", "remote", "places"),
    [
        ("Remote (United States)", True, ["United States"]),
        ("New York, NY; Austin, TX", False, ["New York, NY", "Austin, TX"]),
        ("Anywhere in the World", True, []),
        ("Hybrid - London, UK", False, ["Hybrid - London, UK"]),
        ("", False, []),
    ],
)
def test_location_text_splits_into_places(text, remote, places):
    is_remote, locations = split_locations(text)
    assert is_remote is remote and [str(location) for location in locations] == places


def test_atom_xhtml_content_keeps_its_markup():
    atom = b"""<?xml version="1.0"?>
    <feed xmlns="http://www.w3.org/2005/Atom"><entry><id>e1</id><title>Acme: Baker</title>
      <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Bake <b>bread</b>.</p>
      </div></content></entry></feed>"""
    job = rss.record(rss.items(atom)[0])
    assert (job.company_name, job.title) == ("Acme", "Baker")
    assert "<b>bread</b>" in job.description_html
