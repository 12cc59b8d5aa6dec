"""Messages about placements, retention check-ins and support, rendered in the reader's language: see
espportal.messages."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from espportal.messages import message


@message("outcomes.retention_check_due")
def retention_check_due(p):
    return _("%(months)s-month check-in: %(title)s") % p


@message("outcomes.retention_check_overdue")
def retention_check_overdue(p):
    return _("Overdue %(months)s-month check-in: %(client)s") % p


@message("outcomes.retention_check_client")
def retention_check_client(p):
    return (_("How is your job going?"),
            ngettext("It has been %(months)s month since you started as %(title)s. Tell us how it is going.",
                     "It has been %(months)s months since you started as %(title)s. Tell us how it is going.",
                     p["months"]) % p)


@message("outcomes.attribution_review")
def attribution_review(p):
    return _("Review a contested attribution: %(title)s") % p


@message("outcomes.resource_follow_up")
def resource_follow_up(p):
    return _("Follow up with %(client)s on the referral to %(resource)s") % p
