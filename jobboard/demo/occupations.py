"""Demo occupations: the titles the demo data posts, with aliases, curated text and FAQ.

``occupations_seed()`` is idempotent: it updates what exists and creates what is missing, so
``seed_demo`` can call it on every run, before ``jobs_assign_occupations()`` and
``salary_aggregates_refresh()``.
"""

from django.db import transaction

from salaries.models import Comparison, ComparisonRow, FaqEntry, Occupation

# name: (O*NET-SOC code, aliases, description, skills)
OCCUPATIONS: dict[str, tuple[str, list[str], str, str]] = {
    "Computer Vision Machine Learning Engineer": (
        "15-2051.00",
        [
            "Machine Learning Engineer - Computer Vision",
            "Computer Vision Engineer",
            "Computer Vision ML Engineer",
            "ML Engineer - Computer Vision",
            "Computer Vision Scientist",
            "Perception Engineer",
        ],
        "A Computer Vision Machine Learning Engineer designs and trains models that let "
        "computers interpret images and video (object detection, segmentation, tracking, 3D "
        "reconstruction), builds the data pipelines that feed them, and deploys them in "
        "products from phones to cars, robots and medical devices.",
        "Python and C++; PyTorch or TensorFlow; OpenCV; deep learning for vision; data "
        "pipelines at scale; GPU optimisation; deploying and monitoring models.",
    ),
    "Machine Learning Engineer": (
        "15-2051.00",
        ["ML Engineer", "MLE", "AI Engineer", "Machine Learning Developer"],
        "A Machine Learning Engineer turns models into dependable software: preparing data, "
        "training and evaluating models, and running them in production with monitoring.",
        "Python; PyTorch or TensorFlow; SQL; cloud platforms; MLOps; statistics.",
    ),
    "Data Scientist": (
        "15-2051.00",
        ["Data Science", "Applied Scientist", "Research Data Scientist"],
        "A Data Scientist answers business questions with data: exploring it, building "
        "statistical and predictive models, and explaining the results to decision makers.",
        "Python or R; SQL; statistics and experiment design; machine learning; communication.",
    ),
    "Data Analyst": (
        "15-2051.01",
        ["Business Intelligence Analyst", "BI Analyst", "Reporting Analyst"],
        "A Data Analyst collects, cleans and summarises data into reports and dashboards that "
        "help teams track and improve what they do.",
        "SQL; spreadsheets; a BI tool (Tableau, Power BI, Looker); basic statistics.",
    ),
    "Software Engineer": (
        "15-1252.00",
        ["Software Developer", "SWE", "Backend Engineer", "Full Stack Engineer", "Programmer"],
        "A Software Engineer designs, writes, tests and maintains software, usually in a team "
        "that ships changes continuously.",
        "One or more languages (Python, Java, Go, JavaScript); testing; version control; "
        "system design; code review.",
    ),
    "Frontend Engineer": (
        "15-1254.00",
        ["Front End Developer", "Frontend Developer", "UI Engineer", "Web Developer"],
        "A Frontend Engineer builds the parts of web applications people see and use, with "
        "attention to accessibility, speed and design.",
        "HTML, CSS and JavaScript; a framework such as React; accessibility; testing.",
    ),
    "DevOps Engineer": (
        "15-1244.00",
        ["Site Reliability Engineer", "SRE", "Platform Engineer", "Cloud Engineer"],
        "A DevOps Engineer keeps software shipping and running: build pipelines, cloud "
        "infrastructure, monitoring and incident response.",
        "Linux; a cloud platform; Terraform; Kubernetes; CI/CD; scripting.",
    ),
    "Product Manager": (
        "11-2021.00",
        ["Product Owner", "Technical Product Manager"],
        "A Product Manager decides what a team builds and why, working from customer needs, "
        "data and business goals, and sees it through to launch.",
        "Customer research; prioritisation; writing specifications; data analysis.",
    ),
    "UX Designer": (
        "15-1255.00",
        ["User Experience Designer", "Product Designer", "UI/UX Designer", "UX/UI Designer"],
        "A UX Designer researches how people use a product and designs flows, layouts and "
        "prototypes that make it easier to use.",
        "User research; wireframing and prototyping (Figma); interaction design; usability "
        "testing.",
    ),
    "Registered Nurse": (
        "29-1141.00",
        ["RN", "Staff Nurse", "Travel Nurse", "Charge Nurse", "ICU Nurse", "ER Nurse"],
        "A Registered Nurse assesses patients, gives medication and treatment, coordinates "
        "care with doctors and teaches patients and families how to manage their health.",
        "An RN licence; clinical assessment; medication administration; charting (EHR); "
        "communication under pressure.",
    ),
    "Licensed Practical Nurse": (
        "29-2061.00",
        ["LPN", "Licensed Vocational Nurse", "LVN"],
        "A Licensed Practical Nurse gives basic nursing care under the direction of registered "
        "nurses and doctors: vital signs, wound care, medication and comfort.",
        "An LPN/LVN licence; patient care; medication administration; documentation.",
    ),
    "Nurse Practitioner": (
        "29-1171.00",
        ["NP", "Family Nurse Practitioner", "FNP", "APRN"],
        "A Nurse Practitioner is an advanced practice nurse who diagnoses and treats illness, "
        "orders tests and prescribes medication.",
        "An NP licence and board certification; diagnosis; prescribing; patient education.",
    ),
    "Medical Assistant": (
        "31-9092.00",
        ["Certified Medical Assistant", "CMA", "Clinical Medical Assistant"],
        "A Medical Assistant rooms patients, takes vital signs and histories, and handles "
        "scheduling and records in clinics and doctors' offices.",
        "Vital signs; phlebotomy; EHR; scheduling; patient communication.",
    ),
    "Pharmacist": (
        "29-1051.00",
        ["Staff Pharmacist", "Clinical Pharmacist", "PharmD"],
        "A Pharmacist dispenses prescriptions, checks them for safety and advises patients and "
        "prescribers on medication.",
        "A PharmD and licence; pharmacology; accuracy; patient counselling.",
    ),
    "Physical Therapist": (
        "29-1123.00",
        ["PT", "Physiotherapist", "DPT"],
        "A Physical Therapist helps people recover movement and manage pain after injury, "
        "surgery or illness, through exercise, manual therapy and education.",
        "A DPT and licence; assessment; treatment planning; documentation.",
    ),
    "Dental Hygienist": (
        "29-1292.00",
        ["Registered Dental Hygienist", "RDH", "Hygienist"],
        "A Dental Hygienist cleans teeth, examines patients for oral disease and teaches them "
        "how to care for their teeth.",
        "An RDH licence; scaling and polishing; radiographs; patient education.",
    ),
    "Truck Driver": (
        "53-3032.00",
        ["CDL-A Truck Driver", "CDL Driver", "OTR Driver", "Class A Driver", "Tractor Trailer"],
        "A Truck Driver moves freight between warehouses, stores and customers, inspects the "
        "vehicle and keeps driving logs.",
        "A commercial driver's licence (CDL-A); safe driving record; logbooks (ELD).",
    ),
    "Delivery Driver": (
        "53-3033.00",
        ["Courier", "Package Delivery Driver", "Route Driver", "Van Driver"],
        "A Delivery Driver carries packages or goods to homes and businesses on a planned route.",
        "A clean driving licence; navigation; customer service; lifting.",
    ),
    "Warehouse Associate": (
        "53-7062.00",
        ["Warehouse Worker", "Picker Packer", "Material Handler", "Order Picker"],
        "A Warehouse Associate receives, stores, picks and packs goods and loads shipments.",
        "Stamina and lifting; scanners; accuracy; safety rules.",
    ),
    "Forklift Operator": (
        "53-7051.00",
        ["Forklift Driver", "Reach Truck Operator", "Lift Truck Operator"],
        "A Forklift Operator moves pallets and materials around warehouses and yards.",
        "Forklift certification; load safety; inventory scanning.",
    ),
    "Retail Sales Associate": (
        "41-2031.00",
        ["Sales Associate", "Retail Associate", "Sales Floor Associate"],
        "A Retail Sales Associate helps customers find products, runs the register and keeps "
        "the sales floor stocked and tidy.",
        "Customer service; product knowledge; point-of-sale systems.",
    ),
    "Cashier": (
        "41-2011.00",
        ["Front End Cashier", "Checkout Associate"],
        "A Cashier rings up purchases, takes payment and answers customers' questions.",
        "Accuracy with money; point-of-sale systems; courtesy.",
    ),
    "Store Manager": (
        "41-1011.00",
        ["Retail Store Manager", "General Manager Retail", "Shop Manager"],
        "A Store Manager runs a shop: staff and schedules, stock, sales targets and customer "
        "service.",
        "Leadership; scheduling; budgeting; merchandising.",
    ),
    "Barista": (
        "35-3023.01",
        ["Coffee Barista"],
        "A Barista prepares coffee and other drinks and serves customers in a cafe.",
        "Espresso preparation; speed; customer service; food safety.",
    ),
    "Line Cook": (
        "35-2014.00",
        ["Cook", "Prep Cook", "Restaurant Cook"],
        "A Line Cook prepares dishes at one station of a restaurant kitchen during service.",
        "Knife skills; food safety; speed; following recipes.",
    ),
    "Customer Service Representative": (
        "43-4051.00",
        ["Customer Service Rep", "Customer Support Representative", "Call Center Agent", "CSR"],
        "A Customer Service Representative answers customers by phone, chat or email, solves "
        "their problems and records what happened.",
        "Communication; patience; CRM software; problem solving.",
    ),
    "Administrative Assistant": (
        "43-6014.00",
        ["Office Assistant", "Administrative Coordinator", "Executive Assistant", "Receptionist"],
        "An Administrative Assistant keeps an office running: calendars, correspondence, "
        "records and visitors.",
        "Office software; organisation; written communication.",
    ),
    "Accountant": (
        "13-2011.00",
        ["Staff Accountant", "Senior Accountant", "CPA", "Accounting Specialist"],
        "An Accountant keeps and checks financial records, prepares statements and tax "
        "returns, and advises on financial rules.",
        "Accounting principles (GAAP); Excel; ERP systems; CPA for many roles.",
    ),
    "Financial Analyst": (
        "13-2051.00",
        ["FP&A Analyst", "Finance Analyst", "Investment Analyst"],
        "A Financial Analyst builds budgets, forecasts and models that guide investment and "
        "business decisions.",
        "Financial modelling; Excel; accounting; presentation.",
    ),
    "Electrician": (
        "47-2111.00",
        ["Journeyman Electrician", "Licensed Electrician", "Industrial Electrician"],
        "An Electrician installs, maintains and repairs electrical wiring and equipment in "
        "buildings and plants.",
        "An electrician's licence; the electrical code; troubleshooting; safety.",
    ),
    "HVAC Technician": (
        "49-9021.00",
        ["HVAC Tech", "HVAC Installer", "HVAC Service Technician", "HVAC Mechanic"],
        "An HVAC Technician installs and repairs heating, ventilation, air conditioning and "
        "refrigeration systems.",
        "EPA 608 certification; diagnostics; electrical basics; customer service.",
    ),
    "Teacher": (
        "25-2031.00",
        ["Elementary Teacher", "High School Teacher", "Middle School Teacher", "Educator"],
        "A Teacher plans and teaches lessons, assesses students' progress and works with "
        "families and colleagues.",
        "A teaching licence; lesson planning; classroom management; assessment.",
    ),
    "Marketing Manager": (
        "11-2021.00",
        ["Digital Marketing Manager", "Growth Marketing Manager", "Brand Manager"],
        "A Marketing Manager plans and runs campaigns that bring in customers, and measures "
        "what works.",
        "Campaign planning; analytics; content; budgeting.",
    ),
    "Sales Representative": (
        "41-4012.00",
        ["Account Executive", "Sales Rep", "Outside Sales Representative", "Inside Sales Rep"],
        "A Sales Representative finds and wins customers, manages their accounts and meets "
        "sales targets.",
        "Prospecting; negotiation; CRM; product knowledge.",
    ),
    "Project Manager": (
        "13-1082.00",
        ["Program Manager", "Technical Project Manager", "PMP Project Manager"],
        "A Project Manager plans a project's work, budget and schedule and keeps people "
        "working together until it is delivered.",
        "Planning and scheduling; risk management; stakeholder communication; PMP helps.",
    ),
    "Security Guard": (
        "33-9032.00",
        ["Security Officer", "Unarmed Security Officer", "Armed Security Officer"],
        "A Security Guard protects people and property by patrolling, monitoring and "
        "reporting incidents.",
        "A guard card; observation; report writing; calm under pressure.",
    ),
    "Mechanical Engineer": (
        "17-2141.00",
        ["Mechanical Design Engineer", "Product Design Engineer"],
        "A Mechanical Engineer designs and tests machines, devices and thermal systems.",
        "CAD (SolidWorks); mechanics; thermodynamics; prototyping.",
    ),
    "Civil Engineer": (
        "17-2051.00",
        ["Structural Engineer", "Site Engineer", "Transportation Engineer"],
        "A Civil Engineer designs and oversees roads, bridges, water systems and buildings.",
        "A PE licence for senior roles; AutoCAD or Civil 3D; structural analysis.",
    ),
}

RELATED = [
    ("Computer Vision Machine Learning Engineer", "Machine Learning Engineer"),
    ("Computer Vision Machine Learning Engineer", "Data Scientist"),
    ("Computer Vision Machine Learning Engineer", "Software Engineer"),
    ("Machine Learning Engineer", "Data Scientist"),
    ("Data Scientist", "Data Analyst"),
    ("Software Engineer", "Frontend Engineer"),
    ("Software Engineer", "DevOps Engineer"),
    ("Registered Nurse", "Licensed Practical Nurse"),
    ("Registered Nurse", "Nurse Practitioner"),
    ("Truck Driver", "Delivery Driver"),
    ("Warehouse Associate", "Forklift Operator"),
    ("Retail Sales Associate", "Cashier"),
    ("Retail Sales Associate", "Store Manager"),
    ("Accountant", "Financial Analyst"),
    ("Product Manager", "Project Manager"),
]

CV = "Computer Vision Machine Learning Engineer"
FAQ = {
    CV: [
        (
            "What does a Computer Vision Machine Learning Engineer do?",
            OCCUPATIONS[CV][2],
        ),
        (
            "What are the key skills and qualifications needed to thrive as a Computer Vision "
            "Machine Learning Engineer, and why are they important?",
            "Most postings ask for a degree in computer science, mathematics or a related "
            "field and hands-on experience with image processing and deep learning. "
            "Proficiency with PyTorch or TensorFlow and with OpenCV is the everyday toolkit; "
            "experience with cloud platforms and large data pipelines matters because vision "
            "models are trained on very large image sets. Problem solving, teamwork and clear "
            "communication matter as much: a model is only useful once it works inside a "
            "product that other engineers build.",
        ),
        (
            "What are some common challenges Computer Vision Machine Learning Engineers face "
            "when deploying models to production environments?",
            "Real-world images differ from training data (lighting, cameras, new objects), so "
            "models must be monitored for data drift and retrained. Inference must often be "
            "fast and small enough for phones or edge devices, which means optimising and "
            "sometimes compressing models. Integrating a model into existing software, "
            "keeping accuracy up as new data arrives, and working within hardware limits all "
            "take close collaboration with software engineers, data scientists and product "
            "teams.",
        ),
        (
            "Will Machine Learning Engineers be replaced by AI?",
            "AI tools automate parts of the work (labelling, boilerplate code, hyperparameter "
            "search), but designing systems, choosing data, judging results and fixing models "
            "that fail in the real world still need engineers. The role is changing with the "
            "tools rather than disappearing.",
        ),
    ],
    "Registered Nurse": [
        ("What does a Registered Nurse do?", OCCUPATIONS["Registered Nurse"][2]),
        (
            "Do Registered Nurses need a bachelor's degree?",
            "An associate degree in nursing (ADN) and passing the NCLEX-RN are enough for a "
            "licence, but many hospitals prefer or require a BSN, especially for specialty "
            "units and leadership roles.",
        ),
    ],
}

COMPARISONS = [
    (
        CV,
        "Data Scientist",
        [
            (
                "Credentials",
                "Bachelor's or Master's in CS, ML or a related field; experience with computer "
                "vision frameworks",
                "Bachelor's or Master's in CS, Statistics or a related field; strong "
                "analytical skills",
            ),
            (
                "Work environment",
                "Develops computer vision models and works with image and video data, often "
                "in AI and technology companies",
                "Analyses data and builds predictive models, often in finance, healthcare or "
                "technology",
            ),
            (
                "Industry usage",
                "Common in AI, robotics, autonomous vehicles, medical imaging and retail",
                "Used across finance, marketing, healthcare and technology",
            ),
        ],
        "Both roles use machine learning. Computer Vision Machine Learning Engineers build "
        "and ship models for images and video and need specialised vision tools; Data "
        "Scientists analyse many kinds of data to find insight, with less emphasis on visual "
        "data and on production engineering.",
    ),
    (
        "Registered Nurse",
        "Licensed Practical Nurse",
        [
            (
                "Credentials",
                "ADN or BSN and the NCLEX-RN",
                "A one-year practical nursing programme and the NCLEX-PN",
            ),
            (
                "Scope of practice",
                "Assesses patients, plans care, gives IV medication",
                "Gives basic care under an RN's or doctor's direction",
            ),
            (
                "Work environment",
                "Hospitals, clinics, home health, schools",
                "Nursing homes, long-term care, clinics, home health",
            ),
        ],
        "Registered Nurses train longer and carry more responsibility for assessment and "
        "care planning; Licensed Practical Nurses start working sooner and focus on direct "
        "patient care.",
    ),
]


@transaction.atomic
def occupations_seed() -> None:
    """Create or update the demo occupations, their relations, FAQ entries and comparisons."""
    occupations = {}
    for name, (onet_code, aliases, description, skills) in OCCUPATIONS.items():
        occupations[name], _ = Occupation.objects.update_or_create(
            name=name,
            defaults={
                "onet_code": onet_code,
                "aliases": aliases,
                "description": description,
                "skills": skills,
            },
        )
    for name, other in RELATED:
        occupations[name].related.add(occupations[other])
    for name, entries in FAQ.items():
        for position, (question, answer) in enumerate(entries):
            FaqEntry.objects.update_or_create(
                occupation=occupations[name],
                place=None,
                question=question,
                defaults={"answer": answer, "position": position},
            )
    for name, other, rows, summary in COMPARISONS:
        comparison, _ = Comparison.objects.update_or_create(
            occupation=occupations[name], other=occupations[other], defaults={"summary": summary}
        )
        for position, (aspect, left, right) in enumerate(rows):
            ComparisonRow.objects.update_or_create(
                comparison=comparison,
                aspect=aspect,
                defaults={"occupation_text": left, "other_text": right, "position": position},
            )
