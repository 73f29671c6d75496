"""``{% performance_link %}``: the navigation's link to the performance dashboards, for the
roles that have one (``selectors.has_dashboard``; the role alone, no query)."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from hearth.access.models import User
from hearth.performance.selectors import has_dashboard

register = template.Library()


@register.simple_tag(takes_context=True)
def performance_link(context: dict[str, Any]) -> str:
    """The dashboards' URL when the signed-in user has one, else an empty string."""
    user = context.get("user")
    if isinstance(user, User) and has_dashboard(user):
        return reverse("performance:start")
    return ""
