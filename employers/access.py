"""Which employer-network rows a staff member may see and change, built on clients/access.py.

Employers and advertised leads are shared by the whole network; unadvertised leads belong to the provider that
developed them; matches and activity attendance name job seekers, so they pass through clients.access.
"""

from django.db.models import Prefetch, Q, QuerySet

from clients.access import rows_for
from employers.models import ActivityAttendance, EngagementActivity, JobLead, LearnedPreference, Match
from espportal.access import CASE_ROLES, JOB_DEVELOPMENT_ROLES, Actor
from espportal.pagination import Branches

READ_ROLES = CASE_ROLES  # see the network, leads, matches, the pipeline
WRITE_ROLES = JOB_DEVELOPMENT_ROLES  # change employers, contacts and leads


def leads_visible(actor: Actor) -> QuerySet[JobLead]:
    """Every advertised lead in the network, and the unadvertised ones this provider developed."""
    return JobLead.objects.filter(Q(unadvertised=False) | Q(provider_id=actor.provider.pk))


def lead_branches(actor: Actor) -> Branches:
    """The same leads as leads_visible, as two disjoint querysets the API reads as a UNION ALL
    (espportal.pagination.Branches): as one OR the planner read and sorted all 200,000 leads for each page
    (issue 11). Advertised leads walk `lead_advertised_newest`, this provider's unadvertised ones
    `lead_unadvertised_newest`."""
    return Branches([JobLead.objects.filter(unadvertised=False),
                     JobLead.objects.filter(unadvertised=True, provider_id=actor.provider.pk)], JobLead.objects.all())


def leads_own(actor: Actor) -> QuerySet[JobLead]:
    return JobLead.objects.filter(provider_id=actor.provider.pk)


def matches_for(actor: Actor) -> QuerySet[Match]:
    """The matches of the clients the actor may see (narrowed by employers.filters.MatchFilterSet)."""
    return rows_for(actor, Match.objects.all())


def activities_for(actor: Actor) -> QuerySet[EngagementActivity]:
    return EngagementActivity.objects.filter(provider_id=actor.provider.pk).select_related(
        "employer", "staff").prefetch_related(
        Prefetch("attendance", queryset=rows_for(actor, ActivityAttendance.objects.select_related("client"))))


def preferences_for(actor: Actor) -> QuerySet[LearnedPreference]:
    """Learned preferences the actor may read: a job seeker's own, staff's for the clients they may see (case
    roles only; anyone else sees none)."""
    if actor.is_job_seeker or (actor.is_staff_member and actor.role in READ_ROLES):
        return rows_for(actor, LearnedPreference.objects.all())
    return LearnedPreference.objects.none()


def preferences_changeable(actor: Actor) -> QuerySet[LearnedPreference]:
    """Learned preferences the actor may undo: a job seeker their own; staff those of the clients their provider
    serves now. Another provider's, even one that reads the record through the client's consent, is not among
    them: a lookup there answers 404, as for any record of another provider. Undone ones stay among them, so a
    second undo (a double click, a retried request) answers as the first did."""
    rows = preferences_for(actor)
    if actor.is_staff_member:
        return rows.filter(client__current_provider_id=actor.provider.pk)
    return rows
