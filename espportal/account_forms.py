"""allauth's forms as the portal shows them (settings.ACCOUNT_FORMS)."""

from allauth.account.forms import LoginForm as AllauthLoginForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AllauthLoginForm):
    """allauth's sign-in form with a plain label: staff and most job seekers type their e-mail address; a job
    seeker invited without e-mail types the username they chose (settings.ACCOUNT_LOGIN_METHODS)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        login = self.fields["login"]
        login.label = _("E-mail address or username")
        login.widget.attrs.pop("placeholder", None)
        login.widget.attrs.update({"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"})
