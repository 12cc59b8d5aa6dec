"""Search pickers: a text field that finds one row by typing, instead of a <select> listing a growing table
(issue 11: a 1,706-option specialist drop-down on the case page).

A picker is a named, scoped search (PICKERS below). `PickField` is the form field; its widget renders the
WAI-ARIA 1.2 combobox pattern (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/, list autocomplete with manual
selection): a text input with role=combobox, a listbox the `pick` view fills over HTMX as the person types
(at most MAX_OPTIONS rows of one indexed query), and `static/js/picker.js` for the keyboard (arrows, Enter,
Escape) and the announcement of how many matched.

Without JavaScript the same input is a plain search field: the person types a name and sends the form; one
match is taken, no match or several answer 422 with the text kept and, for several, up to MAX_OPTIONS radio
buttons to choose from. The chosen row's code travels in `<name>_pick`; a code typed or posted as the field's
own value (API-style clients, older tests) is accepted too. Scope is checked on every path: a code outside the
picker's rows is "not found", never a leak.
"""

import uuid
from dataclasses import dataclass
from functools import reduce
from operator import and_

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from espportal.models import Membership, Provider, Role, User

MAX_OPTIONS = 10


@dataclass(frozen=True)
class Picker:
    """A scoped search over staff. `roles`: the membership roles listed; `network`: every provider's staff
    (specialist referrals, labelled with their provider) rather than the form's provider only."""

    name: str
    roles: tuple
    network: bool = False
    public: bool = False  # a job seeker may search it too (provider names are public; staff and clients are not)

    def rows(self, provider: Provider | None) -> QuerySet[Membership]:
        """The memberships this picker may return for a form of `provider` (active ones, in `roles`)."""
        rows = Membership.objects.active().filter(role__in=self.roles)
        if not self.network:
            rows = rows.filter(provider=provider)
        return rows.select_related("user", "provider").order_by("user__last_name", "user__first_name", "pk")

    def search(self, rows: QuerySet[Membership], text: str) -> QuerySet[Membership]:
        """Rows whose first name, last name or email holds every word of `text` (case-insensitive)."""
        words = text.split()[:4]
        if not words:
            return rows.none()
        return rows.filter(reduce(and_, [self._word(w) for w in words]))

    def _word(self, word: str) -> Q:
        found = Q(user__first_name__icontains=word) | Q(user__last_name__icontains=word) | Q(
            user__email__icontains=word)
        return found | Q(provider__name__icontains=word) if self.network else found

    def by_code(self, rows: QuerySet[Membership], code: str) -> Membership | None:
        """The row of the user whose code is `code`, when it is one of `rows`; None otherwise (or not a code)."""
        try:
            code = uuid.UUID(str(code))
        except ValueError:
            return None
        return rows.filter(**{self.code_field: code}).first()

    def by_codes(self, rows: QuerySet[Membership], codes: list[str]) -> list[Membership] | None:
        """The rows of `codes`, in the picker's order (one query); None when any is not a code of `rows`."""
        try:
            codes = {uuid.UUID(str(code)) for code in codes}
        except ValueError:
            return None
        found = list(rows.filter(**{f"{self.code_field}__in": codes}))
        return found if len(found) == len(codes) else None

    code_field = "user__code"

    def value(self, membership: Membership) -> str:
        """What the form posts for a row (the user's code)."""
        return str(membership.user.code)

    def result(self, membership: Membership) -> User:
        """What the field cleans to: the staff member."""
        return membership.user

    def exact(self, membership: Membership, text: str) -> bool:
        """Whether `text` names this row exactly (its name, email or label, any case)."""
        return text.casefold() in (membership.user.display_name.casefold(), membership.user.email.casefold(),
                                   self.label(membership).casefold())

    def excluded(self, provider: Provider | None):
        """A row this picker leaves out on purpose and names when typed (ProviderPicker: the form's own provider)."""
        return None

    def label(self, membership: Membership) -> str:
        """What the person reads for one row: name and provider (network pickers) or name and role."""
        if self.network:
            return f"{membership.user.display_name} · {membership.provider.name}"
        return f"{membership.user.display_name} ({membership.get_role_display()})"


@dataclass(frozen=True)
class ProviderPicker(Picker):
    """Providers searched by name: every one but the form's own (a transfer's destination), or with
    `include_own` every one (who delivers a plan item)."""

    include_own: bool = False
    code_field = "code"

    def rows(self, provider: Provider | None) -> QuerySet[Provider]:
        rows = Provider.objects.all()
        return (rows.exclude(pk=provider.pk) if provider and not self.include_own else rows).order_by("name", "pk")

    def search(self, rows: QuerySet[Provider], text: str) -> QuerySet[Provider]:
        words = text.split()[:4]
        if not words:
            return rows.none()
        return rows.filter(reduce(and_, [Q(name__icontains=w) for w in words]))

    def excluded(self, provider: Provider | None) -> Provider | None:
        """The form's own provider when this picker leaves it out (so a search for it can say so), else None."""
        return provider if provider and not self.include_own else None

    def label(self, provider: Provider) -> str:
        return provider.name

    def value(self, provider: Provider) -> str:
        return str(provider.code)

    def result(self, provider: Provider) -> Provider:
        return provider

    def exact(self, provider: Provider, text: str) -> bool:
        return text.casefold() == provider.name.casefold()


PICKERS = {picker.name: picker for picker in [
    ProviderPicker("provider", (), public=True),
    ProviderPicker("any-provider", (), public=True, include_own=True),
    Picker("specialist", (Role.COUNSELLOR, Role.JOB_DEVELOPER), network=True),
    Picker("staff", tuple(Role.values)),
    Picker("case-staff", (Role.COUNSELLOR, Role.JOB_DEVELOPER, Role.MANAGER)),
    Picker("counsellor", (Role.COUNSELLOR, Role.MANAGER)),
]}


def register(picker: Picker) -> None:
    """Add a picker an app above this one defines over its own rows (clients.pickers: the provider's clients),
    so the `pick` view serves it without importing upward. Called from that app's AppConfig.ready."""
    PICKERS[picker.name] = picker


def names_excluded(picker: Picker, provider: Provider | None, text: str) -> bool:
    """Whether `text` names the row `picker` leaves out for a form of `provider` (ProviderPicker: the form's own
    provider), by its exact name, its code, or as the search would find it: the person is told so, not that
    nothing matches (tester, 2026-11-30). One query at most."""
    own = picker.excluded(provider)
    if own is None or not text:
        return False
    if text == str(own.code) or picker.exact(own, text):
        return True
    return picker.search(type(own).objects.filter(pk=own.pk), text).exists()


def options(picker: Picker, provider: Provider | None, text: str) -> list[tuple[str, str]]:
    """(user code, label) of the first MAX_OPTIONS rows matching `text`, for the listbox: one query."""
    rows = picker.search(picker.rows(provider), text)[:MAX_OPTIONS]
    return [(picker.value(row), picker.label(row)) for row in rows]


class PickWidget(forms.Widget):
    """The combobox: the text typed (the field's own name) and the chosen code (`<name>_pick`)."""

    template_name = "espportal/widgets/picker.html"

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.picker_name = ""
        self.candidates = []  # (code, label) offered as radio buttons after an ambiguous search

    def value_from_datadict(self, data, files, name):
        return data.get(name, ""), data.get(f"{name}_pick", "")

    def value_omitted_from_data(self, data, files, name):
        return name not in data and f"{name}_pick" not in data

    def format_value(self, value):
        return value

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        text, pick = value if isinstance(value, tuple) else ("", "")
        if isinstance(value, User | Provider):
            text, pick = getattr(value, "display_name", None) or value.name, str(value.code)
        context["widget"].update(
            text=text, pick=pick, candidates=self.candidates,
            url=reverse("espportal:pick", args=[self.picker_name]))
        return context


class PickField(forms.Field):
    """One row chosen through a picker; cleans to the User (staff pickers) or the Provider ("provider"). Call `scope(provider)` in the form's
    __init__ (the provider whose staff are listed; network pickers list every provider's).

    Errors (422 on the page, the text kept): required; "no one matches"; "several match" (with up to
    MAX_OPTIONS radio buttons); "not in the list" for a code outside the scope; "own" when a provider picker
    that leaves out the form's own provider is given that provider (its exact name or code, or text only it
    matches); a form may word "own" for its purpose with error_messages={"own": ...}."""

    widget = PickWidget
    default_error_messages = {
        "required": _("Type a name and choose from the list."),
        "none": _("Nothing matches “%(text)s”. Check the spelling, or type part of the name."),
        "several": _("%(count)s match “%(text)s”: choose one below, or type more of the name."),
        "invalid_pick": _("That choice is not in the list any more. Search again."),
        # A provider picker that leaves out the form's own provider: the person typed it (tester, 2026-11-30:
        # "Nothing matches" sent them to check a spelling that was right). Forms say why it is left out.
        "own": _("“%(text)s” is your own provider: choose another one."),
    }

    def __init__(self, *, picker: str, **kwargs):
        super().__init__(**kwargs)
        self.picker = PICKERS[picker]
        self.widget.picker_name = picker
        self.provider = None

    def scope(self, provider: Provider | None) -> None:
        self.provider = provider

    def clean(self, value):
        text, pick = value if isinstance(value, tuple) else (str(value or ""), "")
        text = text.strip()
        rows = self.picker.rows(self.provider)
        own = self.picker.excluded(self.provider)
        if pick:
            found = self.picker.by_code(rows, pick)
            if found is None:
                if own is not None and pick == str(own.code):
                    raise ValidationError(self.error_messages["own"], code="own", params={"text": own.name})
                raise ValidationError(self.error_messages["invalid_pick"], code="invalid_pick")
            return self.picker.result(found)
        if not text:
            if not self.required:
                return None
            raise ValidationError(self.error_messages["required"], code="required")
        # The own row named exactly (or by its code) is refused before any other row that merely contains the text.
        if own is not None and (text == str(own.code) or self.picker.exact(own, text)):
            raise ValidationError(self.error_messages["own"], code="own", params={"text": text})
        found = self.picker.by_code(rows, text)
        if found is not None:
            return self.picker.result(found)
        matches = list(self.picker.search(rows, text)[:MAX_OPTIONS + 1])
        exact = [row for row in matches if self.picker.exact(row, text)]
        if len(matches) == 1 or len(exact) == 1:
            return self.picker.result((exact or matches)[0])
        if not matches:
            if names_excluded(self.picker, self.provider, text):
                raise ValidationError(self.error_messages["own"], code="own", params={"text": text})
            raise ValidationError(self.error_messages["none"], code="none", params={"text": text})
        self.widget.candidates = [(self.picker.value(row), self.picker.label(row)) for row in matches[:MAX_OPTIONS]]
        count = f"{MAX_OPTIONS}+" if len(matches) > MAX_OPTIONS else len(matches)
        raise ValidationError(self.error_messages["several"], code="several", params={"text": text, "count": count})


class MultiPickWidget(PickWidget):
    """The combobox for several rows: the rows chosen so far as ticked checkboxes (`<name>_pick`, one per row),
    then the search input. picker.js adds a ticked checkbox for each option taken from the listbox; without
    JavaScript the text typed is resolved when the form is sent (see MultiPickField)."""

    template_name = "espportal/widgets/multi_picker.html"

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.chosen = []  # (code, label) of the rows chosen, shown again after a refused submission

    def use_required_attribute(self, initial) -> bool:
        """Never `required` on the search box: it is empty once a row is chosen (the choice is a ticked checkbox),
        so the browser would refuse to send a form whose choice is made; the field itself still refuses none."""
        return False

    def value_from_datadict(self, data, files, name):
        many = hasattr(data, "getlist")
        picks = data.getlist(f"{name}_pick") if many else list(data.get(f"{name}_pick", []))
        texts = data.getlist(name) if many else [data.get(name, "")]
        if len(texts) > 1:  # several values under the field's own name: codes, as older clients post them
            return "", [pick for pick in picks + texts if pick]
        return (texts[0] if texts else ""), [pick for pick in picks if pick]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, ("", ""), attrs)
        context["widget"].update(text=value[0] if isinstance(value, tuple) else "", chosen=self.chosen)
        return context


class MultiPickField(PickField):
    """Several rows chosen through a picker (the bulk reassignment's receivers, an activity's attendees); cleans
    to a list of what the picker returns, in the picker's order. The text left in the search box when the form
    is sent is resolved like PickField's and added (one match or an exact one); no match or several answer 422
    with every earlier choice kept ticked and, for several, up to MAX_OPTIONS more checkboxes. Any posted code
    outside the scope refuses the whole choice ("not in the list"). At most `max_rows` rows (default 200)."""

    widget = MultiPickWidget
    default_error_messages = {
        "required": _("Type a name and choose from the list."),
        "too_many": _("Choose at most %(limit)s."),
    }

    def __init__(self, *, picker: str, max_rows: int = 200, **kwargs):
        super().__init__(picker=picker, **kwargs)
        self.max_rows = max_rows

    def clean(self, value):
        text, picks = value if isinstance(value, tuple) else ("", list(value or []))
        text, picks = text.strip(), list(dict.fromkeys(picks))
        if len(picks) > self.max_rows:
            raise ValidationError(self.error_messages["too_many"], code="too_many", params={"limit": self.max_rows})
        rows = self.picker.rows(self.provider)
        chosen = self.picker.by_codes(rows, picks) if picks else []
        if chosen is None:
            raise ValidationError(self.error_messages["invalid_pick"], code="invalid_pick")
        self.widget.chosen = [(self.picker.value(row), self.picker.label(row)) for row in chosen]
        results = [self.picker.result(row) for row in chosen]
        if text:
            try:
                found = super().clean((text, ""))
            except ValidationError as error:
                answered = [c for c in self.widget.candidates if c[0] in picks]
                self.widget.candidates = [c for c in self.widget.candidates if c[0] not in picks]
                if not (error.code == "several" and answered):  # ticking among the candidates answers the text
                    raise
                found = None
            if found is not None and str(found.code) not in picks:  # every row a picker returns has a code
                results.append(found)
        if not results and self.required:
            raise ValidationError(self.error_messages["required"], code="required")
        return results
