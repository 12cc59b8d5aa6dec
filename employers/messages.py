"""Messages about job leads and matches, rendered in the reader's language: see espportal.messages."""

from django.utils.translation import gettext as _

from employers.reasons import accommodation_label
from espportal.messages import message


@message("employers.match_shared")
def match_shared(p):
    body = _("Your counsellor thinks %(title)s at %(employer)s could suit you. Tell them if you are interested.") % p
    if p.get("ask"):  # accommodations the person needs that the employer has not spoken of
        body += " " + _("Ask the employer about %(names)s: they have not said which accommodations they offer.") % {
            "names": ", ".join(accommodation_label(code) for code in p["ask"])}
    return _("A job lead for you: %(title)s") % p, body


@message("employers.strong_match")
def strong_match(p):
    return _("Strong match: %(title)s at %(employer)s") % p


@message("employers.lead_interested")
def lead_interested(p):
    return (_("%(name)s is interested in %(title)s at %(employer)s") % p,
            _("Help them apply: %(title)s at %(employer)s.") % p)


@message("employers.lead_not_for_me")
def lead_not_for_me(p):
    body = _("Their reason: %(reason)s") % p if p.get("reason") else ""
    return _("%(name)s says %(title)s at %(employer)s is not for them") % p, body
