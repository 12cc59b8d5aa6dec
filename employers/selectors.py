"""Reads for the employer network: named queries the pages and the API share."""

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import Substr
from django.utils.translation import gettext as _

from clients.access import clients_for, rows_for
from clients.models import Accommodation, Client, Occupation, OccupationalGoal
from clients.templatetags.clients_extras import localized
from employers.access import leads_visible
from employers.facts import DEFAULT_COMMUTE_KM, MIN_COMMUTE_KM
from employers.matching import refresh_reasons
from employers.models import (
    ActivityAttendance,
    Employer,
    EngagementActivity,
    JobLead,
    LearnedPreference,
    Match,
    Permanence,
    ProviderEmployerRelationship,
    normalise_name,
    normalise_postal,
)
from employers.reasons import ACCOMMODATION_CODES, SEEKER, match_reason_text, reason_texts
from employers.scoring_rows import with_required_ids
from espportal.access import Actor
from espportal.db import subquery_count
from espportal.pagination import capped_counts, total_label
from espportal.templatetags.portal import money
from espportal.vocab import Region, Sector

PIPELINE_COLUMNS = [Match.Status.SHARED, Match.Status.INTERESTED, Match.Status.APPLIED, Match.Status.INTERVIEW,
                    Match.Status.OFFER, Match.Status.HIRED]
COLUMN_LIMIT = 10  # the top of each column; the rest pages through ?column=<status>
# A column's total on the board is counted up to here ("100+"): it says how busy a column is, and each column's
# count reads the provider's visible clients until it has this many, six times a page.
COLUMN_COUNT_CAP = 100


def employers_directory() -> QuerySet[Employer]:
    """Every employer in the network with its count of open leads (narrowed by employers.filters), by name: the
    index `employer_name_id` gives a page in order and each page row counts its own open leads."""
    open_leads = JobLead.objects.filter(employer=OuterRef("pk"), status=JobLead.Status.OPEN)
    return Employer.objects.annotate(open_leads=subquery_count(open_leads)).order_by("name", "pk")


def lead_board(actor: Actor) -> QuerySet[JobLead]:
    """The leads the actor may see, with their count of live matches (narrowed by employers.filters), newest
    first: open leads come in order from the index `lead_open_newest` and each page row counts its own matches."""
    live_matches = Match.objects.filter(lead=OuterRef("pk")).exclude(status=Match.Status.DISMISSED)
    return leads_visible(actor).select_related("employer", "occupation", "provider").annotate(
        match_count=subquery_count(live_matches)).order_by("-created_at", "-pk")


def employer_profile(actor: Actor, employer: Employer) -> dict:
    return {
        "locations": list(employer.locations.all()),
        "contacts": list(employer.contacts.all()),
        "relationships": list(ProviderEmployerRelationship.objects.filter(employer=employer)
                              .select_related("provider", "owner").order_by("provider__name")),
        "activities": list(EngagementActivity.objects.filter(employer=employer, provider_id=actor.provider.pk)
                           .select_related("staff").annotate(attendee_count=Count("attendance"))
                           .order_by("-date", "-pk")[:50]),  # newest first: Meta.ordering is not applied to a GROUP BY
        "leads": list(leads_visible(actor).filter(employer=employer).select_related("occupation")[:50]),
    }


def face_time_count(client: Client) -> int:
    return ActivityAttendance.objects.filter(client=client).count()


def matches_of_client(actor: Actor, client: Client) -> QuerySet[Match]:
    """`client`'s matches the actor may see, best first, ready for with_reason_texts."""
    return with_required_ids(rows_for(actor, Match.objects.filter(client=client)).select_related(
        "lead__employer", "lead__occupation").order_by("-score", "-id"))


def matches_of_lead(actor: Actor, lead: JobLead) -> QuerySet[Match]:
    """`lead`'s matches under way (shared or further, declined too) with the clients the actor may see, latest move
    first, ready for with_reason_texts."""
    return with_required_ids(rows_for(actor, Match.objects.filter(lead=lead)).exclude(status=Match.Status.SUGGESTED)
                             .select_related("client", "lead").order_by("-updated_at", "-pk"))


def existing_matches(lead: JobLead, client_ids) -> dict:
    return {m.client_id: m for m in Match.objects.filter(lead=lead, client_id__in=client_ids)}


def pipeline_column(matches: QuerySet[Match], status: str) -> QuerySet[Match]:
    """One column of the pipeline: `matches` (see matches_for) at `status`, latest move first."""
    return matches.filter(status=status).select_related("client", "lead__employer").order_by("-updated_at", "-pk")


def pipeline(matches: QuerySet[Match]) -> list[tuple[str, str, list[Match], int, str]]:
    """Columns of `matches` (see matches_for) under way: (status, label, the COLUMN_LIMIT latest, how many in
    all counted up to COLUMN_COUNT_CAP + 1, that total for a person: "100+" past the cap). A fixed number of
    queries: one capped count of every column, one query per column (each on the index match_status_latest)."""
    cap = COLUMN_COUNT_CAP
    counts = capped_counts({status: matches.filter(status=status) for status in PIPELINE_COLUMNS}, cap)
    return [(status, Match.Status(status).label, list(pipeline_column(matches, status)[:COLUMN_LIMIT]),
             counts[status], total_label(counts[status], cap)) for status in PIPELINE_COLUMNS]


def _major_titles() -> dict:
    """NOC major group code -> its title in the reader's language."""
    return {o.code: o.display_title for o in Occupation.objects.filter(level=Occupation.Level.MAJOR)
            .only("code", "title", "title_fr")}


def labour_market(actor: Actor) -> dict:
    """Demand in the network's open leads, and the gap between what this provider's clients aim for and the
    employers and leads it has. Aggregates only."""
    open_leads = JobLead.objects.filter(status=JobLead.Status.OPEN)
    titles = _major_titles()
    by_major = (open_leads.annotate(major=Substr("noc_code", 1, 2)).values("major")
                .annotate(leads=Count("id"), positions=Sum("positions")).order_by("-leads", "major"))
    by_sector = open_leads.values("employer__sector").annotate(leads=Count("id")).order_by("-leads")
    by_region = open_leads.values("region").annotate(leads=Count("id")).order_by("-leads")
    sectors, regions = dict(Sector.choices), dict(Region.choices)

    clients = clients_for(actor)
    goal_majors = dict(
        OccupationalGoal.objects.filter(client__in=clients.values("pk"))
        .annotate(major=Substr("occupation__code", 1, 2)).values("major")
        .annotate(n=Count("client", distinct=True)).values_list("major", "n")
    )
    own_leads = dict(open_leads.filter(provider_id=actor.provider.pk).annotate(major=Substr("noc_code", 1, 2))
                     .values("major").annotate(n=Count("id")).values_list("major", "n"))
    partner_employers = Employer.objects.filter(
        Exists(ProviderEmployerRelationship.objects.filter(employer=OuterRef("pk"), provider_id=actor.provider.pk))
    )
    employer_majors = dict(JobLead.objects.filter(employer__in=partner_employers)
                           .annotate(major=Substr("noc_code", 1, 2)).values("major")
                           .annotate(n=Count("employer", distinct=True)).values_list("major", "n"))
    gap = []
    for major in sorted(set(goal_majors) | set(own_leads) | set(employer_majors)):
        clients_n, leads_n = goal_majors.get(major, 0), own_leads.get(major, 0)
        gap.append({"major": major, "title": titles.get(major, ""), "clients": clients_n, "leads": leads_n,
                    "employers": employer_majors.get(major, 0), "short": clients_n > 0 and leads_n < clients_n})
    gap.sort(key=lambda row: (-(row["clients"] - row["leads"]), row["major"]))
    return {
        "by_major": [{**row, "title": titles.get(row["major"], "")} for row in by_major],
        "by_sector": [{"sector": sectors.get(r["employer__sector"], r["employer__sector"]), "leads": r["leads"]}
                      for r in by_sector],
        "by_region": [{"region": regions.get(r["region"], r["region"] or "—"), "leads": r["leads"]}
                      for r in by_region],
        "gap": gap,
    }


def near_misses(client: Client, suggested_ids, *, limit: int = 5, goal_codes=None) -> list[JobLead]:
    """Open leads in the client's goal major groups that were not suggested, nor already matched with the client
    (those are under way, listed as matches): the "why not?" candidates. `goal_codes`: the client's goal NOC codes
    when the caller has them (matching.LeadList.goal_codes)."""
    if goal_codes is None:
        goal_codes = client.goals.values_list("occupation__code", flat=True)
    majors = {code[:2] for code in goal_codes}
    if not majors:
        return []
    condition = Q()
    for major in majors:
        condition |= Q(noc_code__startswith=major)
    matched = Match.objects.filter(client=client).values("lead_id")
    return list(JobLead.objects.filter(condition, status=JobLead.Status.OPEN, unadvertised=False)
                .exclude(pk__in=list(suggested_ids)).exclude(pk__in=matched)
                .select_related("employer").order_by("-created_at")[:limit])


def matches_shared_with(actor: Actor, client: Client) -> QuerySet[Match]:
    """The leads a job seeker's counsellor shared with them, newest first (the caller paginates, then calls
    `with_reason_texts` on the page)."""
    hidden = [Match.Status.SUGGESTED, Match.Status.DISMISSED]
    return with_required_ids(rows_for(actor, Match.objects.filter(client=client)).exclude(status__in=hidden)
                             .select_related("lead__employer").order_by("-shared_at", "-id"))


def with_reason_texts(matches, *, reader: str = SEEKER, facts=None):
    """Give each of `matches` (a page: Match rows with their leads), in the reader's language and worded for
    `reader` (reasons.SEEKER or STAFF), `reason_texts` (why it could suit the person, worked out now from their
    profile and the lead as they are today, never as stored when it was shared: matching.refresh_reasons),
    `accommodation_texts` (what the lead says of each accommodation the person needs now: "ask the employer" when
    the employer has not said) and `reason_shown` (their "not for me" reason). `facts`: {client pk: ClientFacts}
    the caller already read. A fixed number of queries, whatever the rows; returns the same rows, as a list."""
    matches = refresh_reasons(matches, facts=facts)
    for match in matches:
        found = match.current_reasons
        match.reason_texts = reason_texts([r for r in found if r["code"] not in ACCOMMODATION_CODES], reader=reader)
        match.accommodation_texts = reason_texts([r for r in found if r["code"] in ACCOMMODATION_CODES],
                                                 reader=reader)
        match.reason_shown = match_reason_text(match)
    return matches


def lead_for_seeker(client: Client) -> QuerySet[JobLead]:
    """Leads a job seeker may open by link: every advertised lead, and unadvertised ones shared with them."""
    shared = Match.objects.filter(client=client).exclude(status__in=[Match.Status.SUGGESTED,
                                                                     Match.Status.DISMISSED])
    return JobLead.objects.filter(Q(unadvertised=False) | Q(pk__in=shared.values("lead_id"))).select_related(
        "employer")


def learned_preferences_of(client: Client) -> QuerySet[LearnedPreference]:
    """The client's learned preferences still in force (the ones that can be undone)."""
    return LearnedPreference.objects.filter(client=client, undone_at__isnull=True)


def preference_text(p: LearnedPreference, *, staff: bool = False) -> str:
    """What a learned preference does, in the reader's language; `staff`: said about the client, not to them."""
    if p.effect == LearnedPreference.Effect.HIDE and p.occupation_id:
        return _("Jobs as “%(occupation)s” are no longer suggested.") % {"occupation": localized(p.occupation)}
    if p.effect == LearnedPreference.Effect.LOWER:
        return _("Jobs as “%(occupation)s” are ranked lower.") % {"occupation": localized(p.occupation)}
    if p.effect == LearnedPreference.Effect.HIDE and p.employer_id:
        return _("Jobs at %(employer)s are no longer suggested.") % {"employer": p.employer.name}
    if p.effect != LearnedPreference.Effect.PROFILE:
        if staff:
            return _("Noted; the client's suggestions did not change.")
        if p.source == LearnedPreference.Source.DISMISSAL:
            return _("Noted by your counsellor; your suggestions did not change.")
        return _("Noted for your counsellor; your suggestions did not change.")
    if p.field == "min_hourly_wage":
        return _("Minimum pay is now %(after)s an hour (it was %(before)s).") % {
            "after": money(p.after), "before": money(p.before) if p.before else _("not set")}
    if p.field == "max_commute_km":
        text = _("Jobs now at most %(after)s km from home (it was %(before)s km).") % {
            "after": p.after, "before": p.before or DEFAULT_COMMUTE_KM}
        if p.after == MIN_COMMUTE_KM and staff:
            text += " " + _("An answer never brings it below %(floor)s km.") % {"floor": MIN_COMMUTE_KM}
        elif p.after == MIN_COMMUTE_KM:
            text += " " + _("An answer never brings it below %(floor)s km: tell your counsellor if you need jobs "
                            "closer than that.") % {"floor": MIN_COMMUTE_KM}
        return text
    if p.field == "wants_full_time":
        return _("Only part-time jobs are suggested now.")
    if p.field == "wants_part_time":
        return _("Only full-time jobs are suggested now.")
    if p.field.startswith("accepts_"):
        return _("%(permanence)s jobs are no longer suggested.") % {
            "permanence": dict(Permanence.choices).get(p.field.removeprefix("accepts_"), p.field)}
    added = [n for n in (p.after or []) if n not in (p.before or [])]
    return _("Recorded as needed: %(names)s. Jobs without it are no longer suggested.") % {
        "names": ", ".join(str(dict(Accommodation.choices).get(n, n)) for n in added)}


def learned_preferences(client: Client, *, staff: bool = False) -> list[LearnedPreference]:
    """Learned preferences in force, newest first, each with `.text` saying its effect (to the person, or with
    `staff` about them) and `.lead_title`."""
    rows = list(learned_preferences_of(client).select_related("occupation", "employer", "match__lead"))
    for row in rows:
        row.text = preference_text(row, staff=staff)
        row.lead_title = row.match.lead.title if row.match_id else ""
    return rows


def employer_duplicate(*, name: str, postal_code: str) -> Employer | None:
    """The employer already in the network under the same name and postal code, compared normalised (accents,
    case and spacing folded: employers.models.normalise_name / normalise_postal); None when there is none."""
    return Employer.objects.filter(name_normalised=normalise_name(name),
                                   postal_normalised=normalise_postal(postal_code)).first()
