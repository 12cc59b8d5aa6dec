"""Messages about job seekers' records, rendered in the reader's language: see espportal.messages."""

from django.utils.translation import gettext as _

from espportal.messages import message


@message("clients.access_request")
def access_request(p):
    return (_("%(provider)s asks to share a job seeker's record") % p,
            _("%(provider)s may be serving a person you hold a record for (%(name)s). Ask the person whether they "
              "consent to share their record with %(provider)s.") % p)
