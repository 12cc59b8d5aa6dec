"""The service catalogue: what a provider can put on an action plan, with real lengths.

`kind` is the stable code other apps rely on (employers and outcomes read it); `code` names one offering.
"""

from decimal import Decimal

from django.db import migrations

CATALOGUE = [
    # code, kind, format, name, name_fr, hours, description
    ("coaching-one-to-one", "coaching", "one_to_one", "One-to-one employment coaching",
     "Accompagnement individuel en emploi", "1", "A standing one-hour session with a counsellor; book as often as needed."),
    ("resume-workshop", "resume", "workshop", "Resume writing workshop", "Atelier de rédaction de CV", "3",
     "Three hours: targeted resumes, accomplishment statements, formats for Canadian employers."),
    ("resume-review", "resume", "one_to_one", "One-to-one resume review", "Révision individuelle du CV", "1",
     "A counsellor reviews and tailors the resume for a specific posting."),
    ("cover-letter-workshop", "resume", "workshop", "Cover letter workshop", "Atelier sur la lettre de présentation",
     "2", "Two hours: writing a cover letter that answers the posting."),
    ("interview-skills-workshop", "interview_practice", "workshop", "Interview skills workshop",
     "Atelier sur les entrevues", "3", "Three hours: behavioural questions, the STAR method, salary questions."),
    ("mock-interview", "interview_practice", "one_to_one", "Mock interview with feedback",
     "Simulation d'entrevue avec rétroaction", "1", "A recorded practice interview for a real posting."),
    ("linkedin-workshop", "social_media", "workshop", "LinkedIn and social media for your job search",
     "LinkedIn et médias sociaux pour la recherche d'emploi", "2",
     "Two hours: a complete LinkedIn profile, networking messages, privacy settings."),
    ("ats-keywords-clinic", "ats_keywords", "workshop", "Applicant tracking systems: keywords clinic",
     "Systèmes de suivi des candidatures : atelier sur les mots clés", "1.5",
     "Ninety minutes: how screening software reads a resume, matching keywords to a posting."),
    ("job-search-strategies", "job_search", "workshop", "Job search strategies workshop",
     "Atelier sur les stratégies de recherche d'emploi", "3",
     "Three hours: the hidden job market, job boards, tracking applications."),
    ("career-exploration-workshop", "career_exploration", "workshop", "Career exploration workshop",
     "Atelier d'exploration de carrière", "6", "Two three-hour sessions: interests, labour market information, options."),
    ("money-management", "life_skills", "workshop", "Money management and budgeting workshop",
     "Atelier de gestion de l'argent et du budget", "2", "Two hours: budgeting for the move into work."),
    ("digital-skills-basics", "training", "course", "Digital skills basics", "Compétences numériques de base", "12",
     "Four three-hour sessions: e-mail, online applications, video calls, documents."),
    ("workplace-language", "training", "course", "Workplace communication in English or French",
     "Communication en milieu de travail en anglais ou en français", "40",
     "Occupation-specific language training, ten weeks of four hours."),
    ("first-aid-cpr", "training", "course", "Standard First Aid and CPR/AED level C",
     "Secourisme général et RCR/DEA niveau C", "16", "Two-day certification."),
    ("whmis", "training", "course", "WHMIS 2015 certification", "Certification SIMDUT 2015", "3",
     "Workplace hazardous materials information system."),
    ("smart-serve", "training", "course", "Smart Serve certification", "Certification Smart Serve", "4",
     "Responsible alcohol service, required to serve alcohol in Ontario."),
    ("food-handler", "training", "course", "Food handler certification", "Certification de manipulateur d'aliments",
     "8", "One-day certified food handler course."),
    ("forklift-certification", "training", "course", "Forklift operator certification",
     "Certification de cariste", "8", "Classroom and practical evaluation, one day."),
    ("credential-recognition-support", "credential_recognition", "one_to_one",
     "Credential recognition support (ECA and regulators)",
     "Soutien à la reconnaissance des titres de compétences", "3",
     "Help with an educational credential assessment and the regulator's licensing steps."),
    ("information-interviews", "information_interview", "activity", "Information interviews in your target field",
     "Entrevues d'information dans votre domaine", "3", "Three conversations with people who do the job."),
    ("mentorship", "mentoring", "placement", "Mentorship with an industry professional",
     "Mentorat avec un ou une professionnelle du secteur", "24", "Two hours a week for three months."),
    ("volunteer-placement", "volunteer", "placement", "Volunteer placement", "Placement bénévole", "60",
     "Up to twelve weeks of five hours: recent Canadian experience and a reference."),
    ("paid-work-placement", "internship", "placement", "Paid work placement (internship)",
     "Stage rémunéré", "320", "Eight weeks full time with a wage subsidy to the employer."),
    ("apprenticeship-registration", "apprenticeship", "one_to_one", "Apprenticeship registration support",
     "Soutien à l'inscription en apprentissage", "2", "Finding a sponsor and registering with Skilled Trades Ontario."),
    ("self-employment-program", "self_employment", "course", "Self-employment and business planning program",
     "Programme de travail autonome et de plan d'affaires", "30",
     "Ten three-hour sessions: business plan, cash flow, registration."),
]


def load(apps, schema_editor):
    Entry = apps.get_model("clients", "ServiceCatalogueEntry")
    for code, kind, fmt, name, name_fr, hours, description in CATALOGUE:
        Entry.objects.update_or_create(code=code, defaults={
            "kind": kind, "format": fmt, "name": name, "name_fr": name_fr, "duration_hours": Decimal(hours),
            "description": description, "active": True,
        })


def unload(apps, schema_editor):
    apps.get_model("clients", "ServiceCatalogueEntry").objects.filter(code__in=[row[0] for row in CATALOGUE]).delete()


class Migration(migrations.Migration):
    dependencies = [("clients", "0003_noc_and_skills")]
    operations = [migrations.RunPython(load, unload)]
