"""``{% casework_links as links %}``: the navigation's case-work links (My work, Find a child)
for the roles that use them, decided by the role alone (no query)."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from hearth.access.models import User
from hearth.people.selectors import may_search
from hearth.practice.selectors import has_caseload

register = template.Library()


@register.simple_tag(takes_context=True)
def casework_links(context: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, URL) pairs for the signed-in user: empty for roles with no child records."""
    user = context.get("user")
    if not isinstance(user, User):
        return []
    links = []
    if has_caseload(user):
        links.append(("My work", reverse("practice:my_work")))
    if may_search(user):
        links.append(("Find a child", reverse("people:search")))
    return links
