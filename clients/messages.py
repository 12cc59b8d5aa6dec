"""Messages about job seekers' records, rendered in the reader's language: see espportal.messages."""

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from clients.services.invitation import invitation_link_mint
from espportal.messages import local_date, message, secret


@message("clients.access_request")
def access_request(p):
    return (_("%(provider)s asks to share a job seeker's record") % p,
            _("%(provider)s may be serving a person you hold a record for (%(name)s). Ask the person whether they "
              "consent to share their record with %(provider)s.") % p)


def plan_item_params(item) -> dict:
    """A plan item's title as message parameters: {"item": English, "item_fr": French}. A catalogue item has the
    catalogue's name in both languages; a free-text item is the person's words, the same in both."""
    if item.service_id and item.title == item.service.name:
        return {"item": item.service.name, "item_fr": item.service.name_fr or item.service.name}
    return {"item": item.title, "item_fr": item.title}


def plan_item_title(p: dict) -> str:
    """The plan item's title stored by plan_item_params, in the active language (rows from before the French
    title was stored show the stored one)."""
    french = (get_language() or "en").startswith("fr")
    return p.get("item_fr", p["item"]) if french else p["item"]


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
