"""Reads for a worker's own pages: "My work", their caseload and what is due on it.

DESIGN.md ("social worker: my caseload, what is due or overdue"). The caseload is the children
allocated to the signed-in user's worker record today, through ``children_visible_to`` (so a
restricted child they are not named on drops out). Due items come from ``timescales.due``: one
query per statutory rule for the whole caseload, with overdue / due this week worked out in the
database, whatever the number of children.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q

from hearth.access.models import Role, User
from hearth.access.selectors import children_visible_to
from hearth.core import clock
from hearth.core.errors import NotPermitted
from hearth.organisation.models import Allocation
from hearth.people.models import Child
from hearth.timescales.due import Band, DueItem, due_items, week_end

#: Roles whose users hold cases of their own (a team manager may hold some too).
MY_WORK_ROLES = frozenset({Role.PRACTITIONER, Role.TEAM_MANAGER})

NO_CASELOAD = "Your role does not hold a caseload. My work is for practitioners and managers."


def has_caseload(user: User) -> bool:
    """Whether the user has a "My work" page (the role and worker record alone, no query)."""
    return user.role in MY_WORK_ROLES and user.worker_id is not None and user.la_id is not None


@dataclass
class CaseloadRow:
    child: Child
    items: list[DueItem]

    @property
    def next_item(self) -> DueItem | None:
        return self.items[0] if self.items else None

    @property
    def overdue(self) -> int:
        return sum(item.band is Band.OVERDUE for item in self.items)


@dataclass
class MyWork:
    today: dt.date
    week_ends: dt.date
    rows: list[CaseloadRow] = field(default_factory=list)

    def _count(self, band: Band) -> int:
        return sum(item.band is band for row in self.rows for item in row.items)

    @property
    def overdue(self) -> int:
        return self._count(Band.OVERDUE)

    @property
    def due_this_week(self) -> int:
        return self._count(Band.THIS_WEEK)


def caseload(*, user: User) -> list[Child]:
    """The children allocated to the user's worker record today that they may open."""
    if not has_caseload(user) or user.worker is None:
        raise NotPermitted(NO_CASELOAD)
    today = clock.today()
    held = Allocation.objects.filter(worker_id=user.worker.pk, start_date__lte=today).filter(
        Q(end_date__isnull=True) | Q(end_date__gt=today))
    return list(children_visible_to(user).filter(pk__in=held.values("child_id")).order_by(
        "last_name", "first_name", "pk"))


def my_work(*, user: User) -> MyWork:
    """The user's caseload, each child with their due items, children with overdue work first,
    then by the next due date; children with nothing due last."""
    now = clock.now()
    children = caseload(user=user)
    items = due_items(user.la_id or 0, [child.pk for child in children], now)
    by_child: dict[int, list[DueItem]] = {child.pk: [] for child in children}
    for item in items:
        by_child[item.child_id].append(item)
    rows = [CaseloadRow(child=child, items=by_child[child.pk]) for child in children]
    never = dt.date.max
    rows.sort(key=lambda row: (row.overdue == 0, row.next_item.due if row.next_item else never))
    today = clock.today()
    return MyWork(today=today, week_ends=week_end(today), rows=rows)
