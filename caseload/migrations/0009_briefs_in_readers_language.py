"""Handoff briefs made before their snapshot kept codes stored sentences and labels in the language of the request
that made them: the assessment's reasons, the accommodations, catalogue plan items' names, task titles without
their message key, goals without their French title. Each old brief gets the codes back so it reads in its reader's
language: reasons from the assessment the brief summarised (codes since clients 0014), accommodations by their
label in either language, the catalogue's French name, the task's key from the case's task of that title, and the
occupation's French title. What cannot be matched stays as written (the brief shows it as it is)."""

from django.db import migrations
from django.utils import translation


def _accommodation_codes():
    from clients.models import Accommodation  # the vocabulary (choices), not model state

    codes = {}
    for language in ("en", "fr"):
        with translation.override(language):
            codes.update({str(label): code for code, label in Accommodation.choices})
    return codes


def briefs_to_codes(apps, schema_editor):
    HandoffBrief = apps.get_model("caseload", "HandoffBrief")
    Assessment = apps.get_model("clients", "Assessment")
    Task = apps.get_model("caseload", "Task")
    Occupation = apps.get_model("clients", "Occupation")
    Catalogue = apps.get_model("clients", "ServiceCatalogueEntry")
    accommodations = _accommodation_codes()
    french_names = dict(Catalogue.objects.exclude(name_fr="").values_list("name", "name_fr"))
    for brief in HandoffBrief.objects.all().iterator():
        s, changed = dict(brief.snapshot or {}), False
        if any(isinstance(r, str) for r in s.get("segment_reasons") or ()):
            latest = (Assessment.objects.filter(client_id=brief.client_id, assessed_at__lte=brief.created_at)
                      .order_by("-assessed_at", "-id").first())
            if latest and latest.reasons and not any(isinstance(r, str) for r in latest.reasons):
                s["segment_reasons"] = list(latest.reasons) + (
                    [latest.override_reason] if latest.override_reason else [])
                changed = True
        if any(a in accommodations for a in s.get("accommodations") or ()):
            s["accommodations"] = [accommodations.get(a, a) for a in s["accommodations"]]
            changed = True
        for item in s.get("plan_items") or ():
            if "title_fr" not in item and item.get("title") in french_names:
                item["title_fr"], changed = french_names[item["title"]], True
        for key in ("open_tasks", "check_ins"):
            for task in s.get(key) or ():
                if not task.get("title_key"):
                    found = Task.objects.filter(case_id=brief.case_id, title=task.get("title")).exclude(
                        title_key="").values("title_key", "title_params").first()
                    if found:
                        task.update(found)
                        changed = True
        for goal in s.get("goals") or ():
            if not goal.get("title_fr") and goal.get("noc"):
                french = Occupation.objects.filter(code=goal["noc"]).values_list("title_fr", flat=True).first()
                if french:
                    goal["title_fr"], changed = french, True
        if changed:
            HandoffBrief.objects.filter(pk=brief.pk).update(snapshot=s)


class Migration(migrations.Migration):
    dependencies = [("caseload", "0008_constraint_messages"), ("clients", "0014_assessment_reasons_as_codes")]
    operations = [migrations.RunPython(briefs_to_codes, migrations.RunPython.noop)]
