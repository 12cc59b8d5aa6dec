"""Forms of the funding pages: the what-if period and trial parameters, the ledger filter."""

import datetime as dt
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from espportal.dates import date_box
from outcomes.funding.models import FundingModelVersion

MAX_SPAN_DAYS = 5 * 366


def fiscal_year_start(day: dt.date) -> dt.date:
    """The first day of the Ontario fiscal year (April to March) that `day` falls in."""
    return dt.date(day.year if day.month >= 4 else day.year - 1, 4, 1)


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=date_box())
    end = forms.DateField(label=_("To"), widget=date_box())

    @staticmethod
    def default_initial() -> dict:
        today = timezone.localdate()
        return {"start": fiscal_year_start(today), "end": today}

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                self.add_error("end", _("The end of the period comes before its start."))
            elif (end - start).days > MAX_SPAN_DAYS:
                self.add_error("end", _("Choose a period of five years or less."))
        return data


class TrialForm(forms.ModelForm):
    """Parameters of an outcome-based model to try, unsaved. A negative payment or weight is refused."""

    class Meta:
        model = FundingModelVersion
        fields = ["operating_base", "placement_payment", "retention_3m_payment", "retention_6m_payment",
                  "retention_12m_payment", "weight_segment_1", "weight_segment_2", "weight_segment_3",
                  "weight_segment_unknown", "weight_direct", "weight_assisted", "weight_self_found",
                  "quality_threshold", "quality_multiplier"]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "trial")
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.required = True
            if name in FundingModelVersion.MONEY_FIELDS or name in FundingModelVersion.WEIGHT_FIELDS:
                field.widget.attrs.update({"min": "0", "step": "0.01", "inputmode": "decimal"})
                field.error_messages["min_value"] = (
                    _("A payment cannot be negative.") if name in FundingModelVersion.MONEY_FIELDS
                    else _("A weight cannot be negative."))

    def clean(self):
        data = super().clean()
        for name in (*FundingModelVersion.MONEY_FIELDS, *FundingModelVersion.WEIGHT_FIELDS):
            value = data.get(name)
            if isinstance(value, Decimal) and value < 0 and name not in self.errors:
                self.add_error(name, _("A payment cannot be negative."))
        return data
