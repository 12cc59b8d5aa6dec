"""Messages about job leads and matches, rendered in the reader's language: see espportal.messages."""

from django.utils.translation import gettext as _

from employers.reasons import STAFF, accommodation_label, answer_reason_text, reason_texts
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
    """A counsellor's task; the body gives the match's reasons (stored as codes) about the client."""
    return (_("Strong match: %(title)s at %(employer)s") % p,
            "; ".join(reason_texts(p.get("reasons") or (), reader=STAFF)))


@message("employers.lead_interested")
def lead_interested(p):
    return (_("%(name)s is interested in %(title)s at %(employer)s") % p,
            _("Help them apply: %(title)s at %(employer)s.") % p)


@message("employers.lead_not_for_me")
def lead_not_for_me(p):
    # reason_code/accommodation/details since the reason is stored as a code; "reason" in rows made before.
    reason = p.get("reason") or answer_reason_text(p.get("reason_code", ""), p.get("accommodation", ""),
                                                   p.get("details", ""))
    body = _("Their reason: %(reason)s") % {"reason": reason} if reason else ""
    return _("%(name)s says %(title)s at %(employer)s is not for them") % p, body
