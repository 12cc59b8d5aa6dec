"""Messages of the quality app (complaints, surveys), rendered in the reader's language: see espportal.messages."""

from django.utils.translation import gettext as _

from espportal.messages import message


@message("quality.complaint_resolved")
def complaint_resolved(p):
    return _("Your complaint is resolved"), _("Read the ministry's answer to your complaint.")


@message("quality.complaint_overdue")
def complaint_overdue(p):
    return _("A complaint is overdue"), _("The response deadline of a complaint you are assigned has passed.")


@message("quality.attribution_decided")
def attribution_decided(p):
    if p.get("decision") == "changed":
        return _("The attribution you contested was changed: %(title)s") % p
    return _("The attribution you contested was upheld: %(title)s") % p


@message("quality.survey_client")
def survey_client(p):
    return _("A short question about your service"), _(
        "How satisfied are you with the help you got? One question, one minute. You may answer anonymously.")
