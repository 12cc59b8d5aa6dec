"""Synthetic employers, contacts, activities, leads and matches for the local demo. No real business is described."""

import datetime as dt
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from clients.models import Client, Consent, Skill
from clients.services import consent_grant
from employers import matching, selectors, services
from employers.models import Contact, EngagementActivity, JobLead, Match
from espportal.models import Membership, Role

# name, sector, size, postal, lat, lng, step-free, inclusive commitments, hiring needs, provider index
EMPLOYERS = [
    ("Harbourfront Ledger Partners", "54", "small", "M5J 2N8", "43.64150", "-79.37720", True, ["newcomers"],
     "Junior accountants and bookkeepers for tax season", 0),
    ("Bluewater Software Co-op", "51", "small", "M5V 3K2", "43.64490", "-79.39530", True, ["disability", "youth"],
     "Developers and support technicians", 0),
    ("Queen Street Community Health", "62", "medium", "M6J 1H4", "43.64710", "-79.41930", True, ["newcomers"],
     "Nurses, personal support workers", 0),
    ("Danforth Bakery Collective", "31", "micro", "M4K 1N2", "43.67750", "-79.35220", False, ["youth"],
     "Bakers and counter staff", 0),
    ("Lakeshore Logistics Hub", "48", "large", "M8W 3R3", "43.59510", "-79.53180", True, ["social_assistance"],
     "Material handlers, drivers", 0),
    ("Spadina Grocers", "44", "medium", "M5T 2C2", "43.65380", "-79.39780", True, ["disability"],
     "Cashiers, stock clerks", 0),
    ("Etobicoke Trades Alliance", "23", "medium", "M9W 5L7", "43.71900", "-79.59650", False, ["indigenous"],
     "Apprentice electricians and carpenters", 0),
    ("Yonge Street Hospitality Group", "72", "large", "M4Y 1X9", "43.66660", "-79.38500", True, ["youth"],
     "Cooks, servers, supervisors", 0),
    ("North York Data Services", "54", "medium", "M2N 6K1", "43.76870", "-79.41270", True, ["newcomers"],
     "Data analysts, administrative assistants", 0),
    ("Scarborough Care Homes", "62", "large", "M1P 2L7", "43.77000", "-79.27200", True, ["mature"],
     "Personal support workers", 0),
    ("Mississauga Pharmacy Network", "44", "medium", "L5B 2C9", "43.59300", "-79.64200", True, ["newcomers"],
     "Pharmacy assistants and pharmacists", 0),
    ("Brampton Fulfilment Centre", "48", "large", "L6T 5P6", "43.71200", "-79.71800", True, ["social_assistance"],
     "Warehouse shifts all year", 0),
    ("Mine Nordique Ltée", "21", "large", "P3E 6H5", "46.49000", "-80.99000", False, ["indigenous", "francophone"],
     "Heavy equipment operators, welders", 1),
    ("Sudbury Regional Clinic", "62", "medium", "P3A 1Z7", "46.50400", "-80.99500", True, ["francophone"],
     "Bilingual nurses and receptionists", 1),
    ("Timmins Construction et fils", "23", "small", "P4N 1C2", "48.47700", "-81.33000", False, ["indigenous"],
     "Carpenters and labourers", 1),
    ("Boréal Forest Services", "11", "small", "P3B 2K9", "46.51000", "-80.96000", False, ["indigenous"],
     "Seasonal landscaping crews", 1),
    ("North Bay École Boréale", "61", "medium", "P1B 8K9", "46.31000", "-79.46000", True, ["francophone"],
     "Teacher assistants, early childhood educators", 1),
    ("Sault Ste. Marie Steelworks", "31", "large", "P6A 5P2", "46.52000", "-84.33000", True, ["mature"],
     "Industrial electricians, welders", 1),
    ("Kingston Waterfront Hotel", "72", "medium", "K7L 1A1", "44.23000", "-76.48000", True, ["youth", "racialized"],
     "Cooks, cleaners, front desk", 2),
    ("Ottawa Valley Transit", "48", "large", "K1P 5J2", "45.42100", "-75.69700", True, ["racialized"],
     "Bus drivers, mechanics", 2),
    ("Belleville Food Processing", "31", "medium", "K8N 5A2", "44.16200", "-77.38300", False, ["social_assistance"],
     "Production labourers", 2),
    ("Cornwall Call Centre Services", "56", "large", "K6H 5R6", "45.02000", "-74.73000", True,
     ["disability", "francophone"], "Bilingual customer service", 2),
    ("Peterborough Home Support", "62", "small", "K9J 2Z2", "44.30000", "-78.32000", True, ["mature"],
     "Home support workers", 2),
    ("Brockville Security Ltd", "56", "small", "K6V 3Z5", "44.59000", "-75.68000", False, ["mature"],
     "Security guards, nights and weekends", 2),
    ("Eastern Ontario Credit Union", "52", "medium", "K2P 1L4", "45.41600", "-75.69500", True, ["newcomers"],
     "Accounting clerks, financial analysts", 2),
]

# employer index, title, NOC, required skills, pay min, pay max, hours, permanence, accommodations, remote,
# unadvertised
LEADS = [
    (0, "Staff accountant", "11100", ["bookkeeping", "accounting-software", "spreadsheets"], 28, 34, 37.5,
     "permanent", ["screen_reader", "flexible_hours"], False, False),
    (0, "Bookkeeper (tax season)", "12200", ["bookkeeping", "spreadsheets"], 23, 26, 35, "contract",
     ["flexible_hours"], False, True),
    (0, "Accounting clerk", "14200", ["data-entry", "spreadsheets"], 20, 22, 37.5, "permanent", [], False, False),
    (1, "Junior web developer", "21234", ["javascript", "web-development"], 27, 33, 37.5, "permanent",
     ["screen_reader", "quiet_workspace", "flexible_hours"], True, False),
    (1, "Software developer", "21232", ["python", "sql"], 35, 45, 37.5, "permanent",
     ["screen_reader", "assistive_devices"], True, False),
    (1, "IT support technician", "22221", ["it-support", "customer-service"], 22, 26, 40, "contract",
     ["step_free"], False, False),
    (2, "Registered nurse", "31301", ["patient-care"], 38, 48, 37.5, "permanent", ["step_free"], False, False),
    (2, "Personal support worker", "44101", ["personal-support", "first-aid"], 20, 23, 30, "permanent",
     ["step_free", "flexible_hours"], False, False),
    (2, "Medical receptionist", "13112", ["reception", "scheduling"], 19, 22, 24, "permanent",
     ["step_free", "sign_language"], False, True),
    (3, "Baker", "63202", ["food-safety"], 18, 20, 40, "permanent", [], False, False),
    (3, "Counter attendant", "65201", ["customer-service", "cash-handling"], 17.20, 17.50, 20, "casual", [],
     False, False),
    (4, "Material handler", "75101", ["warehouse", "forklift"], 19, 21, 40, "permanent", ["step_free"], False,
     False),
    (4, "Delivery driver", "75201", ["driving-g"], 19, 22, 40, "contract", [], False, False),
    (4, "Shipper and receiver", "14400", ["inventory", "warehouse"], 20, 22, 40, "permanent", [], False, True),
    (5, "Cashier", "65100", ["cash-handling", "customer-service"], 17.20, 18, 24, "permanent",
     ["step_free", "quiet_workspace"], False, False),
    (5, "Shelf stocker", "65102", ["inventory"], 17.20, 18, 30, "casual", ["step_free"], False, False),
    (6, "Electrician apprentice", "72200", ["electrical", "workplace-safety"], 22, 28, 40, "permanent", [],
     False, False),
    (6, "Carpenter", "72310", ["carpentry", "power-tools", "blueprint-reading"], 28, 35, 40, "contract", [], False,
     False),
    (6, "Construction labourer", "75110", ["workplace-safety"], 20, 23, 40, "seasonal", [], False, False),
    (7, "Line cook", "63200", ["cooking", "food-safety"], 18, 21, 35, "permanent", ["flexible_hours"], False,
     False),
    (7, "Server", "65200", ["customer-service"], 17.20, 17.20, 25, "casual", [], False, False),
    (7, "Food service supervisor", "62020", ["supervision", "food-safety"], 21, 24, 40, "permanent", [], False,
     False),
    (8, "Data analyst", "21223", ["sql", "spreadsheets"], 32, 40, 37.5, "permanent",
     ["screen_reader", "quiet_workspace"], True, False),
    (8, "Administrative assistant", "13110", ["word-processing", "scheduling"], 22, 25, 37.5, "permanent",
     ["step_free", "screen_reader"], False, False),
    (8, "Financial analyst", "11101", ["spreadsheets", "accounting-software"], 33, 40, 37.5, "permanent",
     ["flexible_hours"], True, True),
    (9, "Personal support worker (nights)", "44101", ["personal-support"], 21, 24, 36, "permanent",
     ["step_free"], False, False),
    (9, "Nurse aide", "33102", ["patient-care", "first-aid"], 20, 23, 32, "contract", ["step_free"], False, False),
    (10, "Pharmacy assistant", "33103", ["customer-service", "data-entry"], 19, 22, 30, "permanent",
     ["step_free"], False, False),
    (10, "Pharmacist", "31120", ["patient-care"], 50, 60, 37.5, "permanent", ["step_free"], False, False),
    (11, "Warehouse associate", "75101", ["warehouse"], 19.50, 21, 40, "permanent", ["step_free"], False, False),
    (11, "Forklift operator", "75101", ["forklift", "workplace-safety"], 21, 24, 40, "seasonal", [], False, False),
    (12, "Heavy equipment operator", "73400", ["workplace-safety"], 30, 38, 44, "permanent", [], False, False),
    (12, "Welder", "72106", ["welding", "blueprint-reading"], 28, 34, 40, "permanent", [], False, True),
    (13, "Infirmière autorisée / Registered nurse", "31301", ["patient-care", "bilingual-en-fr"], 40, 50, 37.5,
     "permanent", ["step_free", "sign_language"], False, False),
    (13, "Réceptionniste bilingue", "14101", ["reception", "bilingual-en-fr"], 19, 22, 30, "permanent",
     ["step_free"], False, False),
    (14, "Carpenter", "72310", ["carpentry", "power-tools"], 27, 32, 40, "seasonal", [], False, False),
    (14, "Labourer", "75110", ["workplace-safety"], 19, 21, 40, "seasonal", [], False, False),
    (15, "Landscaping crew member", "85121", ["landscaping"], 18, 20, 40, "seasonal", [], False, False),
    (16, "Teacher assistant", "43100", ["childcare", "bilingual-en-fr"], 22, 25, 30, "contract", ["step_free"],
     False, False),
    (16, "Early childhood educator", "42202", ["childcare", "first-aid"], 22, 26, 37.5, "permanent",
     ["step_free"], False, False),
    (17, "Industrial electrician", "72201", ["electrical", "workplace-safety"], 34, 42, 40, "permanent",
     ["assistive_devices"], False, False),
    (17, "Production labourer", "95109", ["teamwork"], 19, 21, 40, "contract", [], False, False),
    (18, "Cook", "63200", ["cooking", "food-safety"], 18, 21, 35, "seasonal", [], False, False),
    (18, "Room attendant", "65310", ["cleaning"], 17.50, 18.50, 30, "seasonal", ["flexible_hours"], False, False),
    (18, "Front desk agent", "64409", ["customer-service", "bilingual-en-fr"], 18, 20, 32, "permanent",
     ["step_free"], False, True),
    (19, "Bus operator", "73301", ["driving-g", "customer-service"], 26, 34, 40, "permanent", [], False, False),
    (19, "Transit mechanic", "72410", ["power-tools"], 30, 38, 40, "permanent", [], False, False),
    (20, "Production labourer", "95109", ["food-safety"], 18, 20, 40, "permanent", ["step_free"], False, False),
    (20, "Shift supervisor", "62010", ["supervision"], 24, 27, 40, "permanent", [], False, True),
    (21, "Customer service agent (bilingual)", "64409", ["customer-service", "bilingual-en-fr"], 19, 22, 37.5,
     "permanent", ["screen_reader", "quiet_workspace", "assistive_devices", "flexible_hours"], True, False),
    (21, "Customer service agent (part time)", "64409", ["customer-service"], 18, 20, 20, "permanent",
     ["screen_reader", "flexible_hours"], True, False),
    (22, "Home support worker", "44101", ["personal-support", "driving-g"], 20, 23, 30, "permanent",
     ["flexible_hours"], False, False),
    (23, "Security guard", "64410", ["first-aid"], 18, 20, 40, "permanent", [], False, False),
    (23, "Security guard (weekends)", "64410", ["first-aid"], 18, 20, 16, "casual", [], False, False),
    (24, "Accounting clerk", "14200", ["bookkeeping", "data-entry"], 21, 24, 37.5, "permanent",
     ["screen_reader", "step_free"], False, False),
    (24, "Financial analyst", "11101", ["spreadsheets"], 34, 42, 37.5, "permanent", ["step_free"], True, False),
    (24, "Member service representative", "64409", ["customer-service", "cash-handling"], 20, 22, 37.5,
     "permanent", ["step_free"], False, False),
    (2, "Licensed practical nurse", "32101", ["patient-care"], 30, 35, 37.5, "contract", ["step_free"], False,
     False),
    (5, "Cashier (evenings)", "65100", ["cash-handling"], 17.20, 17.50, 16, "casual", [], False, False),
    (9, "Activities coordinator", "42201", ["communication"], 21, 24, 30, "permanent", ["step_free"], False, False),
    # Openings that fit the demo job seekers' goals, skills, places and needs, so each has live suggestions that pass
    # the relevance gate (employers.relevance) and every accommodation test, beside openings shown with a why-not.
    (1, "Back-end developer", "21232", ["python", "sql"], 34, 42, 37.5, "permanent", ["screen_reader"], False,
     False),
    (1, "Front-end developer", "21234", ["javascript"], 30, 36, 37.5, "contract", ["flexible_hours"], True, False),
    (8, "Web developer", "21234", ["javascript", "web-development"], 28, 34, 37.5, "permanent", ["step_free"], False,
     False),
    (8, "Client support representative", "64409", ["customer-service"], 21, 24, 37.5, "permanent",
     ["screen_reader", "assistive_devices", "step_free"], False, False),
    (1, "Help desk agent", "64409", ["customer-service", "communication"], 22, 26, 37.5, "permanent",
     ["screen_reader", "assistive_devices", "quiet_workspace"], False, False),
    (0, "Office administrator", "13110", ["communication", "word-processing"], 23, 27, 37.5, "permanent",
     ["screen_reader", "assistive_devices", "flexible_hours"], False, False),
    (11, "Maintenance electrician", "72201", ["electrical"], 30, 36, 40, "permanent", ["step_free"], False, False),
    (4, "Electrical maintenance technician", "72201", ["electrical", "workplace-safety"], 29, 35, 40, "contract",
     [], False, False),
    (9, "Supplies handler", "75101", ["warehouse"], 22, 24, 40, "permanent", ["flexible_hours", "step_free"], False,
     False),
    (3, "Stock and delivery handler", "75101", ["warehouse"], 22, 24, 40, "permanent", ["flexible_hours"], False,
     False),
    (8, "Mailroom and supply handler", "75101", ["forklift", "warehouse"], 22, 25, 40, "contract",
     ["flexible_hours", "step_free"], False, False),
    (8, "Community outreach worker", "42201", ["communication"], 22, 25, 37.5, "permanent",
     ["sign_language", "step_free"], False, False),
    (2, "Peer support worker", "42201", ["communication", "teamwork"], 22, 26, 30, "permanent",
     ["sign_language", "flexible_hours"], False, False),
    (9, "Recreation aide", "42201", ["teamwork"], 21, 24, 37.5, "contract", ["sign_language", "step_free"], False,
     False),
    (8, "Junior financial analyst", "11101", ["accounting-software", "spreadsheets"], 30, 36, 37.5, "permanent",
     ["flexible_hours"], False, False),
    (2, "Finance officer", "11100", ["bookkeeping"], 30, 36, 37.5, "permanent", ["flexible_hours", "step_free"],
     False, False),
    (12, "Camionneur / Haul truck driver", "73300", ["driving-class-a"], 28, 34, 40, "permanent", [], False, False),
    (15, "Log truck driver", "73300", ["driving-class-a", "forklift"], 25, 30, 40, "contract", [], False, False),
    (13, "Medical supplies driver", "73300", ["driving-class-a"], 22, 25, 37.5, "permanent", ["step_free"], False,
     False),
    (2, "Accounts payable bookkeeper", "12200", ["bookkeeping"], 24, 28, 37.5, "permanent", ["flexible_hours"], False,
     False),
    (0, "Bookkeeper (remote)", "12200", ["bookkeeping", "spreadsheets"], 24, 28, 30, "contract", ["flexible_hours"],
     True, False),
    (8, "Payroll bookkeeper (remote)", "12200", ["bookkeeping"], 23, 27, 37.5, "permanent",
     ["flexible_hours", "screen_reader"], True, False),
    (0, "Python developer (reporting)", "21232", ["python"], 32, 38, 37.5, "permanent", [], False, False),
    (6, "Finish carpenter", "72310", ["carpentry"], 26, 32, 40, "permanent", [], False, False),
    (4, "Crate and pallet carpenter", "72310", ["carpentry", "power-tools"], 24, 29, 40, "permanent", [], False,
     False),
]
CLOSED = {10: JobLead.Status.FILLED, 20: JobLead.Status.EXPIRED, 42: JobLead.Status.FILLED,
          52: JobLead.Status.WITHDRAWN}

CONTACTS = [("Priya Raman", Contact.Role.RECRUITER), ("Marc-André Leblanc", Contact.Role.HIRING_MANAGER),
            ("Grace Oduya", Contact.Role.MENTOR), ("Tom Whitefeather", Contact.Role.OWNER)]
ACTIVITY_KINDS = ["site_visit", "info_interview", "hiring_event", "mentorship", "guest_speaker",
                  "networking_event", "work_placement", "volunteer_placement", "internship"]
# Where the first demo clients end up, to show every column of the pipeline.
PIPELINE_WALK = [["shared", "interested", "applied", "interview", "offer", "hired"],
                 ["shared", "interested", "applied", "interview", "offer"],
                 ["shared", "interested", "applied", "interview"], ["shared", "interested", "applied"],
                 ["shared", "not_for_me"], ["shared", "interested"], ["shared"]]


def _staff_of(provider, roles):
    membership = (Membership.objects.active().filter(provider=provider, role__in=roles).select_related("user")
                  .order_by("role", "id").first())
    return membership.user if membership else None


def _employers(stdout, providers) -> list:
    out = []
    for i, (name, sector, size, postal, lat, lng, step_free, inclusive, needs, p) in enumerate(EMPLOYERS):
        employer = selectors.employer_duplicate(name=name, postal_code=postal)
        if employer is None:
            provider = providers[p]
            developer = _staff_of(provider, [Role.JOB_DEVELOPER, Role.MANAGER])
            employer = services.employer_create(
                provider=provider, created_by=developer, name=name, postal_code=postal, sector=sector,
                size_band=size, inclusive_hiring=inclusive, hiring_needs=needs, latitude=Decimal(lat),
                longitude=Decimal(lng), step_free=step_free, accessible_washroom=step_free,
                inclusive_notes="Partners with community agencies on inclusive hiring." if inclusive else "")
            contact_name, role = CONTACTS[i % len(CONTACTS)]
            services.contact_add(employer=employer, added_by=developer, name=contact_name, role=role,
                                 email=f"contact{i}@employer.example")
            if i % 3 == 0:
                services.contact_add(employer=employer, added_by=developer, name="Lucia Ferreira",
                                     role=Contact.Role.MENTOR, email=f"mentor{i}@employer.example")
            stage = ("hiring_partner", "engaged", "prospect", "dormant")[i % 4]
            services.relationship_set(provider=provider, employer=employer, stage=stage, owner=developer,
                                      changed_by=developer)
        out.append(employer)
    return out


def _leads(employers, providers) -> int:
    skills = {s.code: s for s in Skill.objects.all()}
    added = 0
    now = timezone.now()
    for i, (e, title, noc, required, low, high, hours, permanence, offered, remote, hidden) in enumerate(LEADS):
        employer = employers[e]
        if JobLead.objects.filter(employer=employer, title=title).exists():
            continue
        provider = providers[EMPLOYERS[e][9]]
        developer = _staff_of(provider, [Role.JOB_DEVELOPER, Role.MANAGER])
        site = employer.locations.first()
        lead = services.lead_create(
            provider=provider, employer=employer, created_by=developer, occupation=noc,
            required_skills=[skills[c] for c in required if c in skills], title=title, remote=remote,
            postal_code=employer.postal_code, latitude=site.latitude, longitude=site.longitude,
            pay_min=Decimal(str(low)), pay_max=Decimal(str(high)), hours_per_week=int(hours), permanence=permanence,
            accommodations_offered=offered, positions=1 + i % 4, unadvertised=hidden,
            source=("job_developer", "employer_posted", "public_posting")[i % 3],
            closing_date=timezone.localdate() + dt.timedelta(days=14 + (i * 7) % 60),
        )
        # Spread the posting dates so freshness varies; close a few so the board shows every status.
        JobLead.objects.filter(pk=lead.pk).update(created_at=now - dt.timedelta(days=(i * 5) % 45))
        if i in CLOSED:
            services.lead_update(lead=lead, changed_by=developer, status=CLOSED[i])
        added += 1
    return added


def _clients(context):
    given = context.get("clients")
    if isinstance(given, dict):
        given = list(given.values())
    return [c for c in (given or Client.objects.order_by("pk")) if isinstance(c, Client)]


def seed(stdout, context: dict) -> dict:
    providers = context["providers"]
    employers = _employers(stdout, providers)
    added = _leads(employers, providers)
    clients = _clients(context)
    for position, client in enumerate(clients, start=1):
        # Demo clients said yes at intake unless their record already says otherwise; every fifth did not. By
        # position, not primary key: a database whose ids do not start at 1 (a test after others) gave the consent
        # to other people, and the demo job seeker could lose every suggestion.
        if client.current_provider_id and not Consent.objects.filter(
                client=client, scope=Consent.Scope.SHARE_EMPLOYERS).exists() and position % 5:
            granted_by = _staff_of(client.current_provider, [Role.COUNSELLOR, Role.INTAKE, Role.MANAGER])
            if granted_by:
                consent_grant(client=client, scope=Consent.Scope.SHARE_EMPLOYERS, granted_by=granted_by,
                              note="Demo: agreed at intake")
    for i, employer in enumerate(employers[:12]):
        provider = providers[EMPLOYERS[i][9]]
        staff = _staff_of(provider, [Role.JOB_DEVELOPER, Role.COUNSELLOR])
        attendees = [c for c in clients if c.current_provider_id == provider.pk][i % 3: i % 3 + 3]
        if staff is None or not attendees or EngagementActivity.objects.filter(employer=employer,
                                                                               provider=provider).exists():
            continue
        services.activity_record(provider=provider, staff=staff, employer=employer,
                                 kind=ACTIVITY_KINDS[i % len(ACTIVITY_KINDS)],
                                 date=timezone.localdate() - dt.timedelta(days=3 + i * 6), attendees=attendees,
                                 contact=employer.contacts.first(), notes="Demo activity.")
    walked = 0
    for client in clients:
        if not client.current_provider_id or Match.objects.filter(client=client).exists():
            continue
        counsellor = _staff_of(client.current_provider, [Role.COUNSELLOR, Role.MANAGER])
        # Share the best fitting leads but leave the last two live suggestions: a lead already matched leaves the
        # client's suggestions, and a demo where every fitting lead was shared shows a counsellor none.
        suggestions = matching.leads_for_client(client, limit=5)
        for rank, suggestion in enumerate(suggestions[:max(1, len(suggestions) - 2)][:3]):
            match = services.match_create(client=client, lead=suggestion.lead, by=None)
            if rank == 0 and walked < len(PIPELINE_WALK):
                for status in PIPELINE_WALK[walked]:
                    match = services.match_move(match=match, status=status, by=counsellor,
                                                reason="Prefers day shifts" if status == "not_for_me" else "")
                walked += 1
    stdout.write(f"Employers: {len(employers)} employers, {added} new leads, "
                 f"{Match.objects.count()} matches, {JobLead.objects.filter(~Q(status='open')).count()} closed leads.\n")
    return {"employers": employers}
