"""Reads for the Returns page: who may use it, the council's runs, and which children to link.

Issue 5 and DESIGN.md ("Access"): returns hold every child the return covers, council-wide, so
the page is for the roles whose work is the whole council's statutory data:

- performance analysts, who make the returns;
- the director, who answers for them and already sees the whole council.

Heads of service are left out on purpose: their scope is the children of their own area
(``access.selectors``), and a return's files would hand them every child in the council. They
get council figures as aggregates (home page, KPIs), not child-level files. Everyone else is
refused (403, audited); anonymous users are sent to sign in.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, Q, QuerySet
from django.urls import NoReverseMatch, reverse

from hearth.access.models import Role, User
from hearth.access.selectors import children_reason_may_open, children_visible_to
from hearth.people.models import Child
from hearth.returns.models import ReturnFile, ReturnRun

RETURNS_ROLES = frozenset({Role.PERFORMANCE, Role.DIRECTOR})

#: The URL name of a child's record page, taking ``child_id``. That page belongs to another
#: issue; until it exists ``child_record_url`` gives ``None`` and children show unlinked.
CHILD_RECORD_URL = "people:child"

#: Runs listed on the Returns page, newest first.
RECENT_RUNS = 20

def may_use_returns(user: User) -> bool:
    """Whether ``user`` may generate returns and download their files (no query)."""
    return (isinstance(user, User) and user.is_active and user.la_id is not None
            and user.role in RETURNS_ROLES)

def runs_for(user: User) -> QuerySet[ReturnRun]:
    """The council's runs, newest first, with who asked and how many files (one query)."""
    if not may_use_returns(user):
        return ReturnRun.objects.none()
    return (ReturnRun.objects.filter(la_id=user.la_id)
            .select_related("requested_by")
            .defer("summary", "validation")
            .annotate(file_count=Count("files"))
            .order_by("-requested_at", "-pk"))

def run_for(user: User, run_id: int) -> ReturnRun | None:
    """One run of the user's council, or ``None`` if it is not theirs to see."""
    if not may_use_returns(user):
        return None
    return (ReturnRun.objects.filter(la_id=user.la_id, pk=run_id)
            .select_related("requested_by").first())

def files_of(run: ReturnRun) -> QuerySet[ReturnFile]:
    """The run's files without their contents (the list shows names and sizes only)."""
    return run.files.defer("content").order_by("name")

def child_record_url(child_id: int) -> str | None:
    """The child's record page, if that page exists in this installation's URLs."""
    try:
        return reverse(CHILD_RECORD_URL, kwargs={"child_id": child_id})
    except NoReverseMatch:
        return None

def child_links(user: User, la_child_ids: Iterable[str]) -> dict[str, str]:
    """Links to the records of the children named (by LA id) that ``user`` may open.

    A child is linked if the user may open the record now (``children_visible_to``) or could
    by giving a reason (``children_reason_may_open``; an analyst's way in): the record page
    itself checks, asks for a reason and audits. Restricted children the user is not named on
    are never linked. No link at all while the record page does not exist. One query.
    """
    ids = set(la_child_ids)
    if not ids or not may_use_returns(user) or child_record_url(0) is None:
        return {}
    openable = Q(pk__in=children_visible_to(user).values("pk")) | Q(
        pk__in=children_reason_may_open(user).values("pk"))
    found = (Child.objects.filter(openable, la_id=user.la_id, la_child_id__in=ids)
             .values_list("la_child_id", "pk"))
    links: dict[str, str] = {}
    for la_child_id, pk in found:
        url = child_record_url(pk)
        if url is not None:
            links[la_child_id] = url
    return links
