"""Template filters that render Django form fields as GOV.UK Frontend inputs.

allauth's forms (sign-in, MFA codes) are rendered through Hearth's overrides of allauth's
template "elements"; these filters give each input GOV.UK's classes and the ``aria-describedby``
that ties it to its hint and error message (WCAG 2.2 1.3.1, 3.3.1).
"""

from __future__ import annotations

import re

from django import forms, template
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def govuk_widget(field: forms.BoundField, css_class: str) -> SafeString:
    """The field's widget with GOV.UK classes, error state and described-by ids."""
    described_by = []
    if field.help_text:
        described_by.append(f"{field.id_for_label}-hint")
    if field.errors:
        described_by.append(f"{field.id_for_label}-error")
        if "govuk-input" in css_class:
            css_class += " govuk-input--error"
    attrs: dict[str, str | bool] = {"class": css_class}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if isinstance(field.field.widget, forms.TextInput | forms.PasswordInput):
        attrs["spellcheck"] = "false"
    # GOV.UK asks for labels and hints, never placeholder text (it vanishes as one types).
    field.field.widget.attrs.pop("placeholder", None)
    return field.as_widget(attrs=attrs)


@register.filter
def is_checkbox(field: forms.BoundField) -> bool:
    return isinstance(field.field.widget, forms.CheckboxInput)


@register.filter
def first_field_id(form: forms.Form) -> str:
    """Where a form-wide error (e.g. wrong username or password) links: its first field."""
    for field in form:
        if not field.is_hidden:
            return str(field.id_for_label)
    return ""


@register.filter
def squash(text: str) -> str:
    """Collapse the whitespace allauth's block-formatted titles carry into single spaces."""
    return re.sub(r"\s+", " ", str(text)).strip()
