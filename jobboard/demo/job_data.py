"""The fixed tables the demo data is drawn from: places, industries, companies and titles.

Pay figures are rough 2026 US medians, enough for believable spreads by title and place; they
are demo data, not salary data.
"""

from dataclasses import dataclass

# State name, code, and its cities as (name, population, pay multiplier for the local market).
STATES: list[tuple[str, str, list[tuple[str, int, float]]]] = [
    (
        "California",
        "CA",
        [
            ("Los Angeles", 3_820_000, 1.18),
            ("San Diego", 1_380_000, 1.12),
            ("San Jose", 970_000, 1.32),
            ("San Francisco", 810_000, 1.35),
            ("Fresno", 545_000, 0.96),
            ("Sacramento", 525_000, 1.05),
            ("Oakland", 430_000, 1.25),
            ("Irvine", 315_000, 1.17),
            ("Sunnyvale", 155_000, 1.33),
            ("Santa Clara", 130_000, 1.32),
            ("Mountain View", 82_000, 1.34),
            ("Cupertino", 58_000, 1.33),
            ("Palo Alto", 67_000, 1.34),
        ],
    ),
    (
        "Texas",
        "TX",
        [
            ("Houston", 2_300_000, 1.0),
            ("San Antonio", 1_470_000, 0.93),
            ("Dallas", 1_300_000, 1.02),
            ("Austin", 980_000, 1.08),
            ("Fort Worth", 960_000, 0.97),
            ("El Paso", 680_000, 0.86),
        ],
    ),
    (
        "New York",
        "NY",
        [
            ("New York", 8_260_000, 1.28),
            ("Buffalo", 275_000, 0.92),
            ("Rochester", 210_000, 0.93),
            ("Albany", 100_000, 0.97),
        ],
    ),
    (
        "Washington",
        "WA",
        [("Seattle", 755_000, 1.25), ("Bellevue", 152_000, 1.24), ("Redmond", 77_000, 1.24)],
    ),
    ("Massachusetts", "MA", [("Boston", 655_000, 1.2), ("Cambridge", 118_000, 1.22)]),
    ("Illinois", "IL", [("Chicago", 2_660_000, 1.08), ("Naperville", 150_000, 1.03)]),
    (
        "Florida",
        "FL",
        [
            ("Jacksonville", 985_000, 0.93),
            ("Miami", 450_000, 1.02),
            ("Tampa", 400_000, 0.97),
            ("Orlando", 320_000, 0.95),
        ],
    ),
    ("Georgia", "GA", [("Atlanta", 510_000, 1.02), ("Savannah", 148_000, 0.9)]),
    ("Colorado", "CO", [("Denver", 715_000, 1.08), ("Boulder", 105_000, 1.1)]),
    ("Arizona", "AZ", [("Phoenix", 1_650_000, 0.98), ("Tucson", 545_000, 0.9)]),
    ("North Carolina", "NC", [("Charlotte", 910_000, 0.98), ("Raleigh", 485_000, 1.0)]),
    ("Pennsylvania", "PA", [("Philadelphia", 1_550_000, 1.05), ("Pittsburgh", 303_000, 0.97)]),
    ("Ohio", "OH", [("Columbus", 913_000, 0.95), ("Cleveland", 362_000, 0.91)]),
    ("Michigan", "MI", [("Detroit", 633_000, 0.94), ("Ann Arbor", 123_000, 1.0)]),
    ("Oregon", "OR", [("Portland", 630_000, 1.06)]),
    ("Tennessee", "TN", [("Nashville", 690_000, 0.96), ("Memphis", 620_000, 0.88)]),
    ("Minnesota", "MN", [("Minneapolis", 425_000, 1.04)]),
    ("Utah", "UT", [("Salt Lake City", 210_000, 0.98)]),
    ("Virginia", "VA", [("Arlington", 235_000, 1.12), ("Richmond", 230_000, 0.96)]),
    ("Nevada", "NV", [("Las Vegas", 660_000, 0.96), ("Reno", 270_000, 0.97)]),
]

INDUSTRIES = [
    "Technology",
    "Healthcare",
    "Retail",
    "Transportation and Logistics",
    "Finance and Insurance",
    "Manufacturing",
    "Education",
    "Hospitality and Food Service",
    "Construction",
    "Energy and Utilities",
    "Government",
    "Media and Entertainment",
    "Telecommunications",
    "Professional Services",
    "Real Estate",
    "Pharmaceuticals and Biotech",
    "Automotive",
    "Aerospace and Defense",
    "Nonprofit",
    "Consumer Goods",
]

# Companies with their real public facts; the rest of the ~500 are made up from NAME_* below.
KNOWN_COMPANIES = [
    {
        "name": "Apple",
        "industry": "Technology",
        "size": "10000+",
        "headquarters": "Cupertino, CA, US",
        "year_founded": 1976,
        "website": "https://www.apple.com",
        "description": (
            "Imagine what you could do here! At Apple, new ideas have a way of becoming "
            "extraordinary products, services, and customer experiences very quickly. Bring "
            "passion and dedication to your job and there's no telling what you could accomplish."
        ),
    },
]

NAME_STEMS = [
    "Summit", "Northwind", "Bluewater", "Redwood", "Granite", "Evergreen", "Silverline",
    "Ironwood", "Harbor", "Pioneer", "Cascade", "Meridian", "Lakeside", "Sterling", "Horizon",
    "Keystone", "Beacon", "Crescent", "Riverbend", "Oakridge", "Brightpath", "Trailhead",
    "Cobalt", "Juniper", "Sequoia", "Prairie", "Highland", "Coastal", "Liberty", "Vantage",
]  # fmt: skip
NAME_SUFFIXES = {
    "Technology": ["Labs", "Systems", "Software", "AI", "Robotics", "Data"],
    "Healthcare": ["Health", "Medical Center", "Clinics", "Care", "Hospital"],
    "Retail": ["Market", "Outfitters", "Stores", "Goods", "Supply"],
    "Transportation and Logistics": ["Logistics", "Freight", "Transport", "Delivery"],
    "Finance and Insurance": ["Financial", "Bank", "Capital", "Insurance", "Credit Union"],
    "Manufacturing": ["Manufacturing", "Industries", "Fabrication", "Works"],
    "Education": ["Academy", "School District", "College", "Learning"],
    "Hospitality and Food Service": ["Coffee", "Kitchen", "Hotels", "Restaurants", "Bakery"],
    "Construction": ["Builders", "Construction", "Contractors"],
    "Energy and Utilities": ["Energy", "Power", "Solar", "Utilities"],
    "Government": ["County", "City Services", "Transit Authority"],
    "Media and Entertainment": ["Media", "Studios", "Games", "Publishing"],
    "Telecommunications": ["Telecom", "Networks", "Wireless"],
    "Professional Services": ["Consulting", "Partners", "Advisors", "Group"],
    "Real Estate": ["Properties", "Realty", "Homes"],
    "Pharmaceuticals and Biotech": ["Therapeutics", "Bio", "Pharma", "Genomics"],
    "Automotive": ["Motors", "Auto", "Mobility"],
    "Aerospace and Defense": ["Aerospace", "Aviation", "Defense Systems"],
    "Nonprofit": ["Foundation", "Alliance", "Community Services"],
    "Consumer Goods": ["Brands", "Home Goods", "Foods"],
}


@dataclass(frozen=True)
class Title:
    """A base job title and how postings for it look."""

    name: str
    family: str
    annual_median: int
    industries: tuple[str, ...]
    hourly_share: float = 0.0  # share of postings that state pay per hour
    remote_share: float = 0.0
    hybrid_share: float = 0.0
    weight: int = 10  # how common postings with this title are
    variants: tuple[str, ...] = ()  # other ways postings write the title


TECH = ("Technology", "Telecommunications", "Media and Entertainment", "Automotive")
CARE = ("Healthcare", "Pharmaceuticals and Biotech", "Government", "Education")
SHOPS = ("Retail", "Consumer Goods", "Hospitality and Food Service")
MOVING = ("Transportation and Logistics", "Retail", "Manufacturing", "Consumer Goods")
OFFICE = ("Finance and Insurance", "Professional Services", "Real Estate", "Government")

TITLES = [
    Title(
        "Computer Vision Machine Learning Engineer", "ml", 165_000,
        TECH + ("Aerospace and Defense",), remote_share=0.15, hybrid_share=0.3, weight=6,
        variants=(
            "Machine Learning Engineer - Computer Vision",
            "Computer Vision Engineer",
            "Machine Learning Engineer - Computer Vision & Data Systems",
        ),
    ),
    Title("Machine Learning Engineer", "ml", 158_000, TECH + ("Finance and Insurance",),
          remote_share=0.2, hybrid_share=0.3, weight=8),
    Title("Data Scientist", "ml", 132_000, TECH + ("Finance and Insurance", "Healthcare"),
          remote_share=0.25, hybrid_share=0.3, weight=10),
    Title("Data Analyst", "office", 82_000, TECH + OFFICE, remote_share=0.2, hybrid_share=0.3,
          weight=10),
    Title("Software Engineer", "software", 138_000, TECH + ("Finance and Insurance",),
          remote_share=0.25, hybrid_share=0.3, weight=20,
          variants=("Software Developer", "Backend Engineer")),
    Title("Frontend Engineer", "software", 128_000, TECH, remote_share=0.3, hybrid_share=0.3,
          weight=6, variants=("Front End Developer",)),
    Title("DevOps Engineer", "software", 135_000, TECH, remote_share=0.3, hybrid_share=0.25,
          weight=6, variants=("Site Reliability Engineer",)),
    Title("Product Manager", "office", 140_000, TECH, remote_share=0.15, hybrid_share=0.4,
          weight=6),
    Title("UX Designer", "office", 110_000, TECH + ("Media and Entertainment",),
          remote_share=0.25, hybrid_share=0.35, weight=4),
    Title("Registered Nurse", "care", 94_000, CARE, hourly_share=0.6, weight=30,
          variants=("RN - Med/Surg", "Registered Nurse - ICU", "Staff Nurse")),
    Title("Licensed Practical Nurse", "care", 59_000, CARE, hourly_share=0.8, weight=10,
          variants=("LPN",)),
    Title("Nurse Practitioner", "care", 126_000, CARE, hourly_share=0.2, weight=6),
    Title("Medical Assistant", "care", 42_000, CARE, hourly_share=0.85, weight=12),
    Title("Pharmacist", "care", 136_000, CARE + ("Retail",), hourly_share=0.3, weight=4),
    Title("Physical Therapist", "care", 99_000, CARE, hourly_share=0.3, weight=5),
    Title("Dental Hygienist", "care", 87_000, ("Healthcare",), hourly_share=0.8, weight=4),
    Title("Truck Driver", "driving", 68_000, MOVING, hourly_share=0.3, weight=18,
          variants=("CDL-A Truck Driver", "Class A CDL Driver")),
    Title("Delivery Driver", "driving", 41_000, MOVING + ("Hospitality and Food Service",),
          hourly_share=0.9, weight=14),
    Title("Warehouse Associate", "warehouse", 38_000, MOVING, hourly_share=0.95, weight=18,
          variants=("Warehouse Worker",)),
    Title("Forklift Operator", "warehouse", 43_000, MOVING, hourly_share=0.95, weight=6),
    Title("Retail Sales Associate", "shop", 33_000, SHOPS, hourly_share=0.95, weight=18,
          variants=("Sales Associate",)),
    Title("Cashier", "shop", 30_000, SHOPS, hourly_share=0.98, weight=14),
    Title("Store Manager", "shop", 62_000, SHOPS, hourly_share=0.1, weight=6),
    Title("Barista", "food", 30_000, ("Hospitality and Food Service",), hourly_share=0.98,
          weight=10),
    Title("Line Cook", "food", 36_000, ("Hospitality and Food Service",), hourly_share=0.95,
          weight=10),
    Title("Customer Service Representative", "office", 40_000,
          OFFICE + ("Telecommunications", "Retail"), hourly_share=0.8, remote_share=0.3,
          weight=14),
    Title("Administrative Assistant", "office", 46_000, OFFICE + ("Education", "Healthcare"),
          hourly_share=0.6, weight=10),
    Title("Accountant", "office", 78_000, OFFICE, remote_share=0.1, hybrid_share=0.3, weight=8),
    Title("Financial Analyst", "office", 90_000, OFFICE, remote_share=0.1, hybrid_share=0.35,
          weight=6),
    Title("Electrician", "trade", 64_000, ("Construction", "Energy and Utilities",
          "Manufacturing"), hourly_share=0.85, weight=8),
    Title("HVAC Technician", "trade", 58_000, ("Construction", "Real Estate",
          "Energy and Utilities"), hourly_share=0.85, weight=6),
    Title("Teacher", "education", 64_000, ("Education", "Nonprofit"), weight=10,
          variants=("Elementary School Teacher", "High School Math Teacher")),
    Title("Marketing Manager", "office", 112_000, TECH + ("Consumer Goods", "Retail"),
          remote_share=0.15, hybrid_share=0.35, weight=5),
    Title("Sales Representative", "sales", 66_000, TECH + ("Consumer Goods", "Manufacturing"),
          remote_share=0.15, hybrid_share=0.2, weight=10),
    Title("Project Manager", "office", 98_000, ("Construction", "Professional Services",
          "Technology"), hybrid_share=0.3, weight=8),
    Title("Security Guard", "security", 37_000, ("Professional Services", "Government",
          "Real Estate"), hourly_share=0.95, weight=8),
    Title("Mechanical Engineer", "engineering", 97_000, ("Manufacturing", "Automotive",
          "Aerospace and Defense"), hybrid_share=0.2, weight=6),
    Title("Civil Engineer", "engineering", 92_000, ("Construction", "Government",
          "Energy and Utilities"), hybrid_share=0.2, weight=5),
]  # fmt: skip

# Seniority words postings put around a title, with how much more the job pays.
SENIORITY = [
    ("", "", 1.0, 62),
    ("Senior ", "", 1.25, 14),
    ("Sr. ", "", 1.25, 4),
    ("Lead ", "", 1.35, 5),
    ("", " II", 1.1, 8),
    ("", " III", 1.2, 4),
    ("Junior ", "", 0.82, 3),
]
SENIOR_FAMILIES = {"ml", "software", "office", "care", "engineering", "sales", "trade"}

# Text of descriptions, by title family: summary duties, responsibilities, requirements, extras.
FAMILY_TEXT: dict[str, dict[str, list[str]]] = {
    "ml": {
        "duty": [
            "design, develop, and implement critical machine learning models supporting core "
            "product experiences",
            "build models for image understanding, multi-view geometry and visual recognition",
            "turn research in Computer Vision and/or Machine Learning into production systems",
        ],
        "do": [
            "Design, build, and maintain large-scale data processing workflows",
            "Develop and optimize computer vision models that power core product experiences",
            "Run large-scale experiments and improve data quality",
            "Partner with engineering, research, and data teams on technical solutions",
            "Deploy models at scale, with monitoring, evaluation and continuous improvement",
            "Own projects throughout the entire ML lifecycle, from data to deployment",
            "Optimize inference speed for deployment on edge devices",
            "Review papers and prototype promising approaches quickly",
        ],
        "need": [
            "Experience in Computer Vision and/or Machine Learning, including ownership of "
            "projects throughout the entire ML Lifecycle",
            "Proficiency in Python, OpenCV, SQL, and one or more deep learning frameworks",
            "Hands-on experience with PyTorch or TensorFlow",
            "Experience building large-scale data pipelines (distributed ETL, dataset generation)",
            "A degree in computer science, mathematics, statistics or a related field",
            "Strong foundation in statistics and experimental design",
        ],
        "plus": [
            "PhD in a relevant field with research in computer vision or multimodal learning",
            "Experience with GPU-based optimization or distributed training",
            "Experience with Spark, Ray, or equivalent distributed computing frameworks",
            "Familiarity with LLM-powered tools and retrieval-augmented systems",
        ],
    },
    "software": {
        "duty": [
            "build reliable services and clean interfaces used by millions of people",
            "design, build and operate the systems behind our products",
            "ship well-tested code in small, frequent releases",
        ],
        "do": [
            "Write, test and review code in a small, product-minded team",
            "Design APIs and data models that are easy to change",
            "Keep services fast, observable and secure",
            "Take part in an on-call rotation with sensible hours",
            "Mentor other engineers and share what you learn",
            "Improve build, test and deployment pipelines",
            "Work with designers and product managers from idea to launch",
        ],
        "need": [
            "Professional experience with Python, Go, Java, or TypeScript",
            "Experience with relational databases such as PostgreSQL",
            "A habit of writing tests and readable code",
            "Experience with cloud platforms (AWS, GCP or Azure)",
            "Clear written communication",
        ],
        "plus": [
            "Experience with Kubernetes and infrastructure as code",
            "Open-source contributions",
            "Experience with accessibility and web performance",
        ],
    },
    "office": {
        "duty": [
            "keep the team organised and the numbers right",
            "support customers and colleagues with clear, timely work",
            "turn data and plans into decisions the business can act on",
        ],
        "do": [
            "Prepare reports and presentations for leadership",
            "Coordinate schedules, budgets and deadlines across teams",
            "Answer questions from customers and colleagues by phone, email and chat",
            "Keep records accurate and up to date",
            "Analyse results and recommend improvements",
            "Work with spreadsheets, CRM and accounting software every day",
        ],
        "need": [
            "Strong Excel or Google Sheets skills",
            "Clear written and spoken communication",
            "Attention to detail and good organisation",
            "A bachelor's degree or equivalent experience",
        ],
        "plus": [
            "Experience with SQL or a BI tool such as Tableau",
            "A professional certification in your field",
            "Bilingual English and Spanish",
        ],
    },
    "care": {
        "duty": [
            "provide safe, compassionate care to patients and their families",
            "deliver excellent patient care as part of a supportive clinical team",
        ],
        "do": [
            "Assess patients, plan care and document it accurately",
            "Administer medications and treatments as ordered",
            "Educate patients and families about care plans",
            "Work closely with physicians and the wider care team",
            "Follow infection control and safety protocols",
            "Respond calmly to changes in patient condition",
        ],
        "need": [
            "Current state license in good standing",
            "BLS certification (ACLS preferred for acute settings)",
            "Ability to work 12-hour shifts including weekends and holidays",
            "Strong communication and teamwork",
        ],
        "plus": [
            "One or more years of acute care experience",
            "Bachelor of Science in Nursing",
            "Experience with Epic or Cerner electronic health records",
        ],
    },
    "driving": {
        "duty": [
            "deliver freight safely and on time across the region",
            "keep our customers' deliveries moving, safely and on schedule",
        ],
        "do": [
            "Drive assigned routes safely and on schedule",
            "Inspect the vehicle before and after each trip",
            "Load and unload freight, using equipment where needed",
            "Keep accurate logs with an electronic logging device",
            "Deliver great service to every customer you meet",
        ],
        "need": [
            "A valid driver's license and a clean driving record",
            "Class A CDL for over-the-road routes",
            "Ability to lift up to 50 pounds",
            "Pass a DOT physical and drug screen",
        ],
        "plus": [
            "Hazmat or tanker endorsements",
            "One or more years of commercial driving experience",
        ],
    },
    "warehouse": {
        "duty": [
            "keep orders moving through a busy, safe distribution center",
            "pick, pack and ship customer orders accurately",
        ],
        "do": [
            "Pick, pack and ship orders with handheld scanners",
            "Operate forklifts and pallet jacks safely",
            "Receive and put away inbound freight",
            "Keep work areas clean and organised",
            "Count inventory and report discrepancies",
        ],
        "need": [
            "Ability to stand, walk and lift up to 50 pounds",
            "Reliable attendance on your scheduled shifts",
            "Forklift certification for operator roles",
        ],
        "plus": ["Warehouse management system experience", "Previous warehouse experience"],
    },
    "shop": {
        "duty": [
            "help customers find what they need and keep the store running smoothly",
            "create a friendly, efficient shopping experience",
        ],
        "do": [
            "Greet and help customers on the sales floor",
            "Run the register and handle cash accurately",
            "Restock shelves and keep displays tidy",
            "Open and close the store following procedures",
            "Train and support new team members",
        ],
        "need": [
            "Friendly, reliable and comfortable with customers",
            "Availability on evenings, weekends and holidays",
            "Basic math and point-of-sale skills",
        ],
        "plus": ["Previous retail experience", "Supervisory experience for manager roles"],
    },
    "food": {
        "duty": [
            "prepare great food and drinks in a fast-paced, friendly team",
            "serve guests quickly and keep the kitchen spotless",
        ],
        "do": [
            "Prepare food and drinks to our recipes and standards",
            "Keep stations clean and follow food safety rules",
            "Serve guests warmly and quickly",
            "Receive deliveries and rotate stock",
        ],
        "need": [
            "Food handler card or the ability to get one",
            "Ability to stand for a full shift",
            "Availability on weekends",
        ],
        "plus": ["Previous kitchen or cafe experience", "ServSafe certification"],
    },
    "trade": {
        "duty": [
            "install, maintain and repair systems safely and to code",
            "keep buildings and equipment running for our customers",
        ],
        "do": [
            "Install and repair systems to code",
            "Diagnose faults and explain repairs to customers",
            "Read blueprints and technical drawings",
            "Keep tools, vehicle and paperwork in order",
            "Follow safety procedures on every job site",
        ],
        "need": [
            "State license or completed apprenticeship",
            "A valid driver's license",
            "Own hand tools",
        ],
        "plus": ["EPA 608 certification", "Commercial project experience"],
    },
    "education": {
        "duty": [
            "help every student learn and grow in a supportive classroom",
            "plan and teach engaging lessons aligned with state standards",
        ],
        "do": [
            "Plan and deliver lessons aligned with state standards",
            "Assess student progress and adapt instruction",
            "Communicate regularly with families",
            "Collaborate with colleagues in grade-level teams",
        ],
        "need": ["State teaching certification", "A bachelor's degree"],
        "plus": ["A master's degree in education", "Bilingual certification"],
    },
    "sales": {
        "duty": [
            "grow accounts and bring new customers on board",
            "build relationships that turn into long-term customers",
        ],
        "do": [
            "Prospect and qualify new customers",
            "Run demos and negotiate contracts",
            "Keep the CRM up to date",
            "Meet and exceed quarterly targets",
        ],
        "need": ["Two or more years of sales experience", "Strong communication skills"],
        "plus": ["Experience selling to enterprise customers", "A network in the industry"],
    },
    "security": {
        "duty": ["keep people and property safe", "provide a visible, professional presence"],
        "do": [
            "Patrol the site and monitor cameras",
            "Control access and check credentials",
            "Write clear incident reports",
            "Respond to alarms and emergencies",
        ],
        "need": ["State guard card", "High school diploma or equivalent"],
        "plus": ["Military or law enforcement background", "First aid and CPR certification"],
    },
    "engineering": {
        "duty": [
            "design and deliver projects from concept through construction",
            "solve hard physical problems with careful engineering",
        ],
        "do": [
            "Develop designs, calculations and drawings",
            "Run analysis and review designs with peers",
            "Coordinate with manufacturing, contractors and suppliers",
            "Prepare technical reports and specifications",
        ],
        "need": [
            "Bachelor's degree in engineering",
            "Experience with CAD tools such as SolidWorks or AutoCAD",
        ],
        "plus": ["Professional Engineer (PE) license", "Experience with FEA or CFD tools"],
    },
}
