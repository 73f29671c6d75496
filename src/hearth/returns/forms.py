"""The Returns page's form: which return, and which period (a collection year or a date).

Messages follow the GOV.UK Design System: say what to enter, name the field, give an example.
The period the form asks for follows the chosen return's ``period_kind`` in the registry.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from hearth.core import clock
from hearth.returns.base import Period, PeriodKind, ReturnType
from hearth.returns.registry import RETURNS, return_type

CHOOSE_RETURN = "Select the return to generate"
UNKNOWN_RETURN = "Select a return from the list; Hearth does not produce a return called {value}"
ENTER_YEAR = "Enter the year the return ends, for example {example}"
YEAR_DIGITS = "The year the return ends must be 4 digits, for example {example}"
YEAR_RANGE = "The year the return ends must be between {first} and {last}"
ENTER_DATE = "Enter the date the return is as at"
REAL_DATE = "The date the return is as at must be a real date, for example 31 3 2026"
DATE_RANGE = "The date the return is as at must be between {first} and today"


def latest_collection_year() -> int:
    """The collection year in progress: it ends on the next 31 March (or today, if that)."""
    today = clock.today()
    return today.year + (1 if (today.month, today.day) > (3, 31) else 0)


class ReturnRequestForm(forms.Form):
    """``return_name`` from the registry; ``year`` for collection-year returns, ``as_of_*``
    (day, month, year, the GOV.UK date input) for as-of-date returns."""

    return_name = forms.CharField(required=False)
    year = forms.CharField(required=False, max_length=20)
    as_of_day = forms.CharField(required=False, max_length=10)
    as_of_month = forms.CharField(required=False, max_length=10)
    as_of_year = forms.CharField(required=False, max_length=10)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind: ReturnType | None = None
        self.period: Period | None = None

    @staticmethod
    def returns() -> list[ReturnType]:
        return list(RETURNS.values())

    def clean_return_name(self) -> str:
        value: str = self.cleaned_data["return_name"].strip()
        if not value:
            raise forms.ValidationError(CHOOSE_RETURN)
        kind = return_type(value)
        if kind is None:
            raise forms.ValidationError(UNKNOWN_RETURN.format(value=value[:40]))
        self.kind = kind
        return value

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if self.kind is None:
            return cleaned
        if self.kind.period_kind is PeriodKind.COLLECTION_YEAR:
            self.period = self._collection_year(self.kind)
        else:
            self.period = self._as_of(self.kind)
        return cleaned

    def _collection_year(self, kind: ReturnType) -> Period | None:
        raw = self.cleaned_data.get("year", "").strip()
        last = latest_collection_year()
        if not raw:
            self.add_error("year", ENTER_YEAR.format(example=last))
            return None
        if not (raw.isascii() and raw.isdigit() and len(raw) == 4):
            self.add_error("year", YEAR_DIGITS.format(example=last))
            return None
        first = kind.earliest.year
        if not first <= int(raw) <= last:
            self.add_error("year", YEAR_RANGE.format(first=first, last=last))
            return None
        return Period.collection_year(int(raw))

    def _as_of(self, kind: ReturnType) -> Period | None:
        parts = [self.cleaned_data.get(f"as_of_{p}", "").strip() for p in ("day", "month", "year")]
        if not any(parts):
            self.add_error("as_of_day", ENTER_DATE)
            return None
        try:
            day, month, year = (int(p) for p in parts)
            on = dt.date(year, month, day)
        except ValueError:
            self.add_error("as_of_day", REAL_DATE)
            return None
        if not kind.earliest <= on <= clock.today():
            self.add_error("as_of_day", DATE_RANGE.format(first=f"{kind.earliest:%-d %B %Y}"))
            return None
        return kind.period(on)
