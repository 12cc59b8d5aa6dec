"""What every list's FilterSet shares, and the page side of a FilterSet (the API side is DRF's DjangoFilterBackend).

One django-filter FilterSet per list lives in its app's filters.py and serves both the list page and the list API
(the NetBox way), so a query parameter means the same thing, and is validated the same way, on both. A bad
parameter (?case=not-a-uuid, ?status=nonsense) answers 400: a JSON error on the API (DjangoFilterBackend raises a
DRF ValidationError), the page re-rendered with the form's error and an empty list on a page (page_filter).
"""

import uuid

import django_filters
import django_filters.fields
from django import forms
from django.contrib import messages
from django.core.exceptions import BadRequest, ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from espportal.vocab import label_value


class FilterForm(forms.Form):
    """The form a FilterSet builds: `id_prefix` keeps its ids apart from the other forms on the same page.

    Filters by a record's code (?case=<uuid>) are hidden inputs on a page: they carry the parameter through the
    page's own filter form without offering a box nobody would type a UUID into.
    """

    id_prefix = ""

    def __init__(self, *args, **kwargs):
        if self.id_prefix:
            kwargs.setdefault("auto_id", f"{self.id_prefix}-%s")
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.UUIDField):
                field.widget = forms.HiddenInput()


def filter_form(prefix: str) -> type[FilterForm]:
    """A FilterForm subclass whose field ids start with `prefix` (e.g. "caseload-stage")."""
    return type(f"{prefix.title()}FilterForm", (FilterForm,), {"id_prefix": prefix})


class CodeFilter(django_filters.UUIDFilter):
    """A related row named by its UUID code (?case=<uuid>); anything but a UUID is refused with 400."""

    def __init__(self, field_name: str, **kwargs):
        super().__init__(field_name=f"{field_name}__code", **kwargs)


class CheckboxFilter(django_filters.BooleanFilter):
    """A box that narrows the list when ticked and does nothing when not (?overdue=on, or =true on the API).

    With `method=`, the method is called with False too (django-filter's FilterMethod): it returns the queryset
    untouched when the value is false.
    """

    field_class = forms.BooleanField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.CheckboxInput)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        return qs.filter(**{self.field_name: True}) if value else qs


class ListFilterSet(django_filters.FilterSet):
    """The base of every list's FilterSet: only the filters it declares (none generated from model fields), on a
    FilterForm. A subclass without its own Meta inherits this one; one shown on a page with other forms names its
    id prefix with `class Meta(ListFilterSet.Meta): form = filter_form("...")`."""

    class Meta:
        fields = []
        form = FilterForm


class ListedChoiceMixin:
    """A choice field whose refusal lists what is allowed: its "invalid_choice" message may use %(value)s (what
    was sent) and %(allowed)s (the allowed values, comma-separated, as they are typed in the address)."""

    default_error_messages = {
        "invalid_choice": _("“%(value)s” is not allowed here: use one of %(allowed)s."),
    }

    def validate(self, value):
        try:
            super().validate(value)
        except ValidationError as error:
            if error.code != "invalid_choice":
                raise
            allowed = ", ".join(str(key) for key, _label in self.choices if key != "")
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                  params={"value": value, "allowed": allowed}) from None


class ListedChoiceField(ListedChoiceMixin, forms.ChoiceField):
    pass


class _ListedFilterChoiceField(ListedChoiceMixin, django_filters.fields.ChoiceField):
    pass


class ListedChoiceFilter(django_filters.ChoiceFilter):
    """django-filter's ChoiceFilter whose bad value is a 400 that lists the allowed values (ListedChoiceMixin)."""

    field_class = _ListedFilterChoiceField


def status_filter(choices) -> django_filters.ChoiceFilter:
    """?status=<one of the model's statuses>; anything else is a 400."""
    return django_filters.ChoiceFilter(label=_("Status"), choices=choices)


def _parameter_error(param: str, errors) -> str:
    return gettext("The “%(param)s” parameter is not valid: %(errors)s") % {
        "param": param, "errors": " ".join(str(e) for e in errors)}


def page_filter(filterset_class, request, queryset: QuerySet, *, form_shown: bool = True, **kwargs):
    """Apply a list's FilterSet to a page's already scoped queryset.

    Returns (filterset, rows, status): the rows narrowed by the query string and 200; or, when a parameter is
    invalid, no rows and 400, with the errors on filterset.form for the page to show next to the fields (its error
    summary puts each field's label before its message). A page that does not show the filter form passes
    `form_shown=False`: the errors then reach the person as messages, each after its field's label
    ("Employer: Enter a valid UUID.", espportal.vocab.label_value).
    """
    filterset = filterset_class(request.GET or None, queryset=queryset, request=request, **kwargs)
    if filterset.is_bound and not filterset.is_valid():
        if not form_shown:
            for param, errors in filterset.form.errors.items():
                field = filterset.form.fields.get(param)
                label = field.label if field is not None and field.label else param
                # "Employer: Enter a valid UUID.": a message names its field (tester, 2026-11-30).
                messages.error(request, label_value(label, " ".join(str(e) for e in errors)))
        return filterset, queryset.none(), 400
    return filterset, filterset.qs, 200


def pinned_code(request, param: str) -> uuid.UUID | None:
    """The record code a page's query string pins outside any FilterSet (?match=<uuid> to start a placement from
    a match): None when absent or empty; raises BadRequest (a 400 page with the message, espportal.views.bad_request)
    when it is not a UUID."""
    value = request.GET.get(param, "")
    if not value:
        return None
    try:
        return forms.UUIDField().clean(value)
    except ValidationError as error:
        raise BadRequest(_parameter_error(param, error.messages)) from None


class NotificationFilterSet(ListFilterSet):
    unread = CheckboxFilter(field_name="read_at", method="filter_unread", label=_("Only unread"))

    def filter_unread(self, queryset, name, value):
        return queryset.filter(read_at__isnull=True) if value else queryset
