"""Forms for finding a child and giving a reason to open a record."""

from __future__ import annotations

from django import forms

from hearth.access.services import MIN_REASON_LENGTH, REASON_TOO_SHORT
from hearth.people.selectors import MIN_SEARCH_LENGTH

SEARCH_TOO_SHORT = "Enter at least {n} characters: a name, a date of birth or an identifier."
SEARCH_EMPTY = "Enter a name, a date of birth or an identifier."
REASON_EMPTY = "Say why you need this record."


class SearchForm(forms.Form):
    """One box: a name, a date of birth (31/12/2015) or a UPN, NHS number or LA child id."""

    q = forms.CharField(max_length=100, strip=True,
                        error_messages={"required": SEARCH_EMPTY})

    def clean_q(self) -> str:
        terms = " ".join(str(self.cleaned_data["q"]).split())
        if len(terms) < MIN_SEARCH_LENGTH:
            raise forms.ValidationError(SEARCH_TOO_SHORT.format(n=MIN_SEARCH_LENGTH))
        return terms


class ReasonForm(forms.Form):
    """Why the user needs a record outside their own scope (``access_reason_give``)."""

    reason = forms.CharField(widget=forms.Textarea, max_length=2000, strip=True,
                             error_messages={"required": REASON_EMPTY})

    def clean_reason(self) -> str:
        reason = str(self.cleaned_data["reason"])
        if len(reason) < MIN_REASON_LENGTH:
            raise forms.ValidationError(REASON_TOO_SHORT.format(n=MIN_REASON_LENGTH))
        return reason
