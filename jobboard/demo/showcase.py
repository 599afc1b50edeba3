"""The seed page's posting, loaded as it reads there."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from companies.models import Company
from listings.models import Job, Place
from listings.services import job_refresh_places

SHOWCASE_DESCRIPTION = """
<h3>Job Summary</h3>
<p>Apple is dedicated to creating technologies that enrich people's lives, and they are seeking a
Machine Learning Engineer with expertise in computer vision and large-scale data processing. The
role involves designing algorithms, building scalable data pipelines, and collaborating with
multi-functional teams to deliver high-impact, production-quality solutions.</p>
<h3>Responsibilities</h3>
<ul>
<li>Design, build, and maintain large-scale data processing workflows, ensuring efficiency,
scalability, and reliability across diverse data sources and modalities.</li>
<li>Develop and optimize computer vision models that power core product experiences, including
areas such as image understanding, multi-view geometry, 3D reconstruction, and visual
recognition.</li>
<li>Partner closely with engineering, research, and data teams to translate product requirements
into technical solutions.</li>
<li>Explore emerging areas such as LLM-based agents, retrieval-augmented systems, and
tool-oriented reasoning to improve internal workflows or data operations.</li>
</ul>
<h3>Required qualifications</h3>
<ul>
<li>Strong foundation in computer vision, including experience with deep learning-based vision
models.</li>
<li>Hands-on experience developing machine learning models using frameworks such as PyTorch or
TensorFlow.</li>
<li>Experience building or optimizing large-scale data pipelines.</li>
<li>Proficiency in Python or C++ for algorithm development and data processing.</li>
</ul>
<h3>Preferred qualifications</h3>
<ul>
<li>PhD in a relevant field with research directly related to computer vision, large-scale data
systems, or multimodal learning.</li>
<li>Experience with GPU-based optimization, large-batch training, or distributed training.</li>
</ul>
"""


def showcase_job_seed() -> None:
    """The seed page's Apple posting, so the demo has the job the product grew from."""
    apple = Company.objects.get(name="Apple")
    title = "Machine Learning Engineer - Computer Vision & Data Systems"
    if Job.objects.filter(company=apple, title=title).exists():
        return
    now = timezone.now()
    job = Job.objects.create(
        title=title,
        company=apple,
        workplace_type=Job.WorkplaceType.ON_SITE,
        employment_type=Job.EmploymentType.FULL_TIME,
        pay_min=Decimal("133600"),
        pay_max=Decimal("160500"),
        pay_period=Job.PayPeriod.YEAR,
        description_html=SHOWCASE_DESCRIPTION,
        apply_url="https://jobs.apple.com/",
        status=Job.Status.PUBLISHED,
        posted_at=now - timedelta(days=12),
        expires_at=now + timedelta(days=48),
        featured=True,
    )
    job.places.set([Place.objects.get(slug="sunnyvale-ca")])
    job_refresh_places(job=job)
