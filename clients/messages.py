"""Messages about job seekers' records, rendered in the reader's language: see espportal.messages."""

from django.utils.translation import gettext as _

from clients.services.invitation import invitation_link_mint
from espportal.messages import local_date, message, secret


@message("clients.access_request")
def access_request(p):
    return (_("%(provider)s asks to share a job seeker's record") % p,
            _("%(provider)s may be serving a person you hold a record for (%(name)s). Ask the person whether they "
              "consent to share their record with %(provider)s.") % p)


@secret("clients.invitation")
def invitation_link(p):
    """The link is made when the e-mail is sent and never stored (clients.services.invitation.invitation_link_mint)."""
    link = invitation_link_mint(invitation_code=p["invitation"], base_url=p.get("base_url", ""))
    return None if link is None else {"link": link}


@message("clients.invitation")
def invitation(p):
    return (_("Your invitation to the employment services portal"),
            _("Hello %(name)s,\n\nYour employment counsellor invited you to the portal, where you can see your "
              "plan, your appointments and who opened your file.\n\nOpen this link to choose your password "
              "(it works once, until %(date)s):\n%(link)s\n\nIf you did not expect this message, you can "
              "ignore it.") % {"name": p["name"], "link": p.get("link", "…"), "date": local_date(p["expires_on"])})
