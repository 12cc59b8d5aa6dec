"""Messages about job leads and matches, rendered in the reader's language: see espportal.messages."""

from django.utils.translation import gettext as _

from espportal.messages import message


@message("employers.match_shared")
def match_shared(p):
    return (_("A job lead for you: %(title)s") % p,
            _("Your counsellor thinks %(title)s at %(employer)s could suit you. Tell them if you are interested.")
            % p)


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
