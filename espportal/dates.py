"""The one rule for each kind of date a person types, and for Toronto wall-clock times; pages and API use these.

Dates a user cannot mean (a birth in year 1, an appointment in 9999) are refused with a message that says what is
accepted. Each kind has one range, relative to today in Toronto, defined here and nowhere else: a form field uses
`date_rule(kind)` as a validator, and so does the API's serializer field (DRF runs Django validators), so the page
and the API refuse the same values with the same words.

Toronto's clocks jump twice a year: a time in the spring-forward gap (2:00-2:59 on the second Sunday of March) does
not exist, and a time in the fall-back fold (1:00-1:59 on the first Sunday of November) happens twice.
`local_datetime` refuses the first and asks which one for the second (pages: a choice next to the field; API: send
the time with its UTC offset, which names the instant).
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms.fields import BaseTemporalField
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

# kind -> (earliest, message when earlier, latest, message when later); bounds are functions of today (Toronto).
# The ranges are the programme's: people served are at most 120 years old (the intake form also checks the minimum
# age of 15, which depends on the birthday); appointments are booked up to two years ahead; due dates (tasks, plan
# steps, follow-ups) a year back (late work recorded) to five years ahead; placements start up to two years back
# (late reporting) and 60 days ahead (the ministry's rule for a start not yet confirmed); a lead closes within two
# years (and after 2000); meetings and other past events (activities, work history) happen after 1940 and not in the future.


def _days(n):
    return lambda today: today + dt.timedelta(days=n)


def _years(n):
    return lambda today: today + dt.timedelta(days=round(365.25 * n))


def _fixed(day):
    return lambda today: day


_SINCE_1940 = (_fixed(dt.date(1940, 1, 1)), _("Enter a date after 1940."))
RULES = {
    "birth": (_years(-120), _("Enter a date of birth within the last 120 years."),
              _days(0), _("The date of birth cannot be in the future.")),
    # An appointment in the recent past passes this range: the service refuses it (and audits the refusal).
    "appointment": (_years(-1), _("An appointment cannot start in the past; choose a later date and time."),
                    _years(2), _("An appointment must be within two years from today.")),
    "due": (_years(-1), _("A due date may be at most a year back."),
            _years(5), _("A due date must be within five years from today.")),
    "placement_start": (_years(-2), _("A start date may be at most two years back."),
                        _days(60), _("A start date may be at most 60 days ahead.")),
    # A lead's closing date in the past is the service's refusal (only when changed): this range is for nonsense.
    "closing": (_fixed(dt.date(2000, 1, 1)), _("Enter a closing date after 2000."),
                _years(2), _("A closing date must be within two years from today.")),
    "meeting": (*_SINCE_1940, _days(0), _("The meeting cannot be in the future.")),
    "past_event": (*_SINCE_1940, _days(0), _("This date cannot be in the future.")),
}


def bounds(kind: str, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """(earliest, latest) accepted for `kind` (a key of RULES) on `today` (Toronto's by default)."""
    today = today or timezone.localdate()
    earliest, _early, latest, _late = RULES[kind]
    return earliest(today), latest(today)


def date_rule(kind: str):
    """A validator (Django's protocol, also run by DRF fields) that refuses a date, or an aware datetime (compared
    by its Toronto date), outside the range of `kind`; raises ValidationError with code "too_early"/"too_late"."""
    if kind not in RULES:
        raise KeyError(f"No date rule {kind!r}")

    def validate(value):
        if isinstance(value, dt.datetime):
            value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
        earliest, latest = bounds(kind)
        if value < earliest:
            raise ValidationError(RULES[kind][1], code="too_early")
        if value > latest:
            raise ValidationError(RULES[kind][3], code="too_late")

    validate.kind = kind
    return validate


# --- Toronto wall-clock times ----------------------------------------------------------------------------------

FOLD_CHOICES = [("first", _("The first one (daylight time, EDT, UTC−4)")),
                ("second", _("The second one (standard time, EST, UTC−5)"))]


def local_datetime(value: dt.datetime, *, which: str = "") -> dt.datetime:
    """A naive wall-clock time in Toronto as an aware datetime; an aware value is returned as it is (its offset
    names the instant). Raises ValidationError code "nonexistent" for a time in the spring-forward gap, and code
    "ambiguous" for one in the fall-back fold unless `which` is "first" (EDT) or "second" (EST)."""
    if timezone.is_aware(value):
        return value
    zone = ZoneInfo(settings.TIME_ZONE)
    first, second = value.replace(tzinfo=zone, fold=0), value.replace(tzinfo=zone, fold=1)
    shown = {"time": value.strftime("%H:%M"), "date": value.date().isoformat()}
    if first.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None) != value:
        raise ValidationError(
            _("%(time)s on %(date)s does not exist in Toronto: the clocks jump from 2:00 to 3:00 that night. Choose "
              "another time."), code="nonexistent", params=shown)
    if first.utcoffset() == second.utcoffset():
        return first
    if which == "first":
        return first
    if which == "second":
        return second
    raise ValidationError(
        _("%(time)s on %(date)s happens twice in Toronto (the clocks go back from 2:00 to 1:00 that night): say "
          "which one you mean."), code="ambiguous", params=shown)


class LocalDateTimeField(forms.DateTimeField):
    """A page's date-and-time box: the value is resolved by local_datetime, with the form's `<name>_which` choice
    (LocalDateTimeForm) for a time that happens twice, and checked by `kind`'s date rule."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"})

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, validators=[date_rule(kind)], **kwargs)

    def to_python(self, value):
        # Parsed as Django does, but a wall-clock time stays naive: LocalDateTimeForm.clean resolves it in Toronto.
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value
        try:
            parsed = parse_datetime(str(value).strip())
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        # Then the locale's input formats (a browser without a date-time picker, a pasted value); anything else is
        # 'Enter a valid date/time.' (BaseTemporalField is not exported by django.forms: an AttributeError was a 500).
        return parsed or BaseTemporalField.to_python(self, value)

    def run_validators(self, value):
        pass  # run by LocalDateTimeForm.clean once the time is resolved in Toronto


class LocalDateTimeForm(forms.Form):
    """A form with LocalDateTimeFields: each gets a `<name>_which` choice, hidden until its time happens twice;
    then the form shows the choice and says why."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in list(self.fields.items()):
            if isinstance(field, LocalDateTimeField):
                self.fields[f"{name}_which"] = forms.ChoiceField(
                    label=_("Which %(label)s?") % {"label": str(field.label).lower()}, required=False,
                    choices=FOLD_CHOICES, widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        for name, field in self.fields.items():
            if not isinstance(field, LocalDateTimeField):
                continue
            if cleaned.get(name) is None:
                cleaned.pop(f"{name}_which", None)
                continue
            try:
                cleaned[name] = local_datetime(cleaned[name], which=cleaned.get(f"{name}_which") or "")
                for validator in field.validators:
                    validator(cleaned[name])
            except ValidationError as error:
                if error.code == "ambiguous":
                    self.fields[f"{name}_which"].widget = forms.RadioSelect(choices=FOLD_CHOICES)
                self.add_error(name, error)
            cleaned.pop(f"{name}_which", None)  # a service takes the resolved time, not the choice
        return cleaned


class LocalDateTimeSerializerField(serializers.DateTimeField):
    """The API's date-and-time: an ISO 8601 time with its UTC offset is taken as the instant it names; one without
    is Toronto wall-clock time, resolved by local_datetime (so the gap is refused and the fold must be sent with its
    offset), then checked by `kind`'s date rule."""

    def __init__(self, *args, kind: str, **kwargs):
        kwargs.setdefault("help_text", "ISO 8601. Without a UTC offset it is Toronto time; a time that happens "
                                       "twice (the November fall-back) must carry its offset (-04:00 or -05:00).")
        super().__init__(*args, validators=[date_rule(kind)], **kwargs)

    def enforce_timezone(self, value):
        if timezone.is_aware(value):
            return super().enforce_timezone(value)
        try:
            return local_datetime(value)
        except ValidationError as error:
            message = error.messages[0]
            if error.code == "ambiguous":
                message = f"{message} " + str(_("Send it with its UTC offset: -04:00 for the first (EDT), -05:00 "
                                                "for the second (EST)."))
            raise serializers.ValidationError(message, code=error.code) from None


def date_box() -> forms.DateInput:
    """A browser date box (<input type="date">). It takes ISO dates only (2026-03-31), whatever the page's
    language: without format=, a French page rendered 31/03/2026, which the browser drops, so the box was empty."""
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def sane_date_field(kind: str, **kwargs) -> forms.DateField:
    """A page's date box checked by `kind`'s rule."""
    kwargs.setdefault("widget", date_box())
    return forms.DateField(validators=[date_rule(kind)], **kwargs)
