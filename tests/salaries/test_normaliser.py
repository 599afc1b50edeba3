"""Title normalisation: real-looking titles map to the right occupation, in SQL."""

import pytest

from jobboard.demo.occupations import occupations_seed
from listings.models import Job
from salaries.models import Occupation, UnmappedTitle
from salaries.normaliser import occupation_for_title, occupation_ids_for_titles
from salaries.services import job_assign_occupation, jobs_assign_occupations, unmapped_title_map
from tests.factories import DraftJobFactory, PublishedJobFactory

pytestmark = pytest.mark.django_db

CV = "Computer Vision Machine Learning Engineer"
TITLES = [
    ("Computer Vision Machine Learning Engineer", CV),
    ("Senior Computer Vision Machine Learning Engineer", CV),
    ("Machine Learning Engineer - Computer Vision", CV),
    ("Machine Learning Engineer - Computer Vision & Data Systems", CV),
    ("Sr. Computer Vision Engineer", CV),
    ("Lead Perception Engineer", CV),
    ("Machine Learning Engineer", "Machine Learning Engineer"),
    ("Senior Machine Learning Engineer II", "Machine Learning Engineer"),
    ("ML Engineer (Remote)", "Machine Learning Engineer"),
    ("Staff AI Engineer", "Machine Learning Engineer"),
    ("Data Scientist", "Data Scientist"),
    ("Data Scientist III", "Data Scientist"),
    ("Sr. Applied Scientist", "Data Scientist"),
    ("Data Analyst", "Data Analyst"),
    ("Business Intelligence Analyst II", "Data Analyst"),
    ("Software Engineer", "Software Engineer"),
    ("Software Engineer III", "Software Engineer"),
    ("Senior Backend Engineer", "Software Engineer"),
    ("Softwre Engineer", "Software Engineer"),
    ("Frontend Engineer", "Frontend Engineer"),
    ("Front-End Developer (React)", "Frontend Engineer"),
    ("DevOps Engineer", "DevOps Engineer"),
    ("Site Reliability Engineer", "DevOps Engineer"),
    ("Product Manager", "Product Manager"),
    ("Senior Product Manager, Payments", "Product Manager"),
    ("UX Designer", "UX Designer"),
    ("Lead UX/UI Designer", "UX Designer"),
    ("Registered Nurse", "Registered Nurse"),
    ("RN - Med/Surg", "Registered Nurse"),
    ("Registered Nurse - ICU Nights", "Registered Nurse"),
    ("Travel Nurse RN - Telemetry", "Registered Nurse"),
    ("Registerd Nurse", "Registered Nurse"),
    ("Licensed Practical Nurse", "Licensed Practical Nurse"),
    ("LPN - Long Term Care", "Licensed Practical Nurse"),
    ("Nurse Practitioner", "Nurse Practitioner"),
    ("Family Nurse Practitioner (FNP)", "Nurse Practitioner"),
    ("Medical Assistant", "Medical Assistant"),
    ("Certified Medical Assistant - Pediatrics", "Medical Assistant"),
    ("Pharmacist", "Pharmacist"),
    ("Clinical Pharmacist, Part-Time", "Pharmacist"),
    ("Physical Therapist", "Physical Therapist"),
    ("Outpatient Physical Therapist", "Physical Therapist"),
    ("Dental Hygienist", "Dental Hygienist"),
    ("Truck Driver", "Truck Driver"),
    ("CDL-A Truck Driver", "Truck Driver"),
    ("OTR Driver - Home Weekends", "Truck Driver"),
    ("Delivery Driver", "Delivery Driver"),
    ("Package Delivery Driver", "Delivery Driver"),
    ("Warehouse Associate", "Warehouse Associate"),
    ("Warehouse Associate - Night Shift", "Warehouse Associate"),
    ("Forklift Operator", "Forklift Operator"),
    ("Forklift Operator II", "Forklift Operator"),
    ("Retail Sales Associate", "Retail Sales Associate"),
    ("Sales Associate - Part Time", "Retail Sales Associate"),
    ("Cashier", "Cashier"),
    ("Entry Level Cashier", "Cashier"),
    ("Store Manager", "Store Manager"),
    ("Barista", "Barista"),
    ("Café Barista", "Barista"),
    ("Line Cook", "Line Cook"),
    ("Prep Cook", "Line Cook"),
    ("Customer Service Representative", "Customer Service Representative"),
    ("Customer Service Rep - Remote", "Customer Service Representative"),
    ("Administrative Assistant", "Administrative Assistant"),
    ("Executive Assistant to the CEO", "Administrative Assistant"),
    ("Accountant", "Accountant"),
    ("Senior Staff Accountant", "Accountant"),
    ("Financial Analyst", "Financial Analyst"),
    ("FP&A Analyst", "Financial Analyst"),
    ("Electrician", "Electrician"),
    ("Journeyman Electrician", "Electrician"),
    ("HVAC Technician", "HVAC Technician"),
    ("HVAC Service Technician II", "HVAC Technician"),
    ("Teacher", "Teacher"),
    ("High School Math Teacher", "Teacher"),
    ("Marketing Manager", "Marketing Manager"),
    ("Digital Marketing Manager", "Marketing Manager"),
    ("Sales Representative", "Sales Representative"),
    ("Account Executive, Mid-Market", "Sales Representative"),
    ("Project Manager", "Project Manager"),
    ("Technical Project Manager", "Project Manager"),
    ("Security Guard", "Security Guard"),
    ("Unarmed Security Officer", "Security Guard"),
    ("Mechanical Engineer", "Mechanical Engineer"),
    ("Civil Engineer", "Civil Engineer"),
    ("Civil Engineer I - Transportation", "Civil Engineer"),
]
UNMAPPED = ["Astronaut", "Chief Executive Officer", "Dog Walker", "Manager", "Engineer"]


@pytest.fixture
def occupations(db):
    occupations_seed()
    return {occupation.name: occupation for occupation in Occupation.objects.all()}


def test_every_seeded_occupation_is_in_the_table_and_its_own_names_map_back_to_it(occupations):
    assert {expected for _, expected in TITLES} == set(occupations)
    terms = [
        (term, occupation.pk)
        for occupation in occupations.values()
        for term in [occupation.name, *occupation.aliases]
    ]
    mapped = occupation_ids_for_titles([term for term, _ in terms])
    assert [(term, mapped[term]) for term, _ in terms] == terms


@pytest.mark.parametrize(("title", "expected"), TITLES)
def test_title_maps_to_its_occupation(occupations, title, expected):
    assert occupation_for_title(title) == occupations[expected]


@pytest.mark.parametrize("title", UNMAPPED)
def test_unrelated_or_vague_titles_stay_unmapped(occupations, title):
    assert occupation_for_title(title) is None


def test_bulk_pass_maps_every_job_like_the_single_title_rule(occupations):
    jobs = [PublishedJobFactory(title=title) for title, _ in TITLES[::4]]
    draft = DraftJobFactory(title="Sr. Registered Nurse")
    stray = PublishedJobFactory(title="Dog Walker")

    changed = jobs_assign_occupations()

    assert changed == len(jobs) + 1
    for job in jobs:
        job.refresh_from_db()
        assert job.occupation == occupation_for_title(job.title)
    draft.refresh_from_db()
    assert draft.occupation == occupations["Registered Nurse"]
    stray.refresh_from_db()
    assert stray.occupation is None
    assert list(UnmappedTitle.objects.values_list("title", "job_count")) == [("Dog Walker", 1)]
    assert jobs_assign_occupations() == 0  # a rerun changes nothing


def test_bulk_pass_can_be_limited_to_a_batch_of_jobs(occupations):
    batch = [PublishedJobFactory(title="Sr. Barista"), PublishedJobFactory(title="Cashier II")]
    other = PublishedJobFactory(title="Line Cook")
    assert jobs_assign_occupations(job_ids=[job.pk for job in batch]) == 2
    assert [Job.objects.get(pk=job.pk).occupation.name for job in batch] == ["Barista", "Cashier"]
    assert Job.objects.get(pk=other.pk).occupation is None


def test_single_job_service_stores_the_occupation(occupations):
    job = PublishedJobFactory(title="Senior Data Scientist")
    assert job_assign_occupation(job=job) == occupations["Data Scientist"]
    assert Job.objects.get(pk=job.pk).occupation == occupations["Data Scientist"]
    job.title = "Dog Walker"
    assert job_assign_occupation(job=job) is None
    assert Job.objects.get(pk=job.pk).occupation is None


def test_mapping_an_unmapped_title_adds_an_alias_and_maps_its_jobs(occupations):
    jobs = [PublishedJobFactory(title="Kitchen Porter") for _ in range(2)]
    jobs_assign_occupations()
    unmapped = UnmappedTitle.objects.get(title="Kitchen Porter")
    assert unmapped.job_count == 2

    changed = unmapped_title_map(unmapped=unmapped, occupation=occupations["Line Cook"])

    assert changed == 2
    assert "Kitchen Porter" in Occupation.objects.get(name="Line Cook").aliases
    assert {job.occupation_id for job in Job.objects.filter(pk__in=[j.pk for j in jobs])} == {
        occupations["Line Cook"].pk
    }
    assert not UnmappedTitle.objects.exists()
    assert occupation_for_title("Senior Kitchen Porter") == occupations["Line Cook"]


def test_seeding_twice_changes_nothing(occupations):
    counts = (Occupation.objects.count(), Occupation.related.through.objects.count())
    occupations_seed()
    assert (Occupation.objects.count(), Occupation.related.through.objects.count()) == counts
    assert len(occupations) == 38


def test_many_titles_at_once_map_like_one_at_a_time(occupations):
    titles = [title for title, _ in TITLES] + UNMAPPED
    mapped = occupation_ids_for_titles(titles)
    assert mapped == {
        title: (occupations[expected].pk if expected else None)
        for title, expected in [*TITLES, *((title, None) for title in UNMAPPED)]
    }
