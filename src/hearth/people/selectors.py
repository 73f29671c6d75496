"""Reads for the child record and child search (issue 4, "Case work in the browser").

Every selector takes the acting user and filters through ``hearth.access.selectors``
(``children_visible_to``, resolved once per read as ``_opened``), so a page that forgets a check
still shows nothing outside the user's scope. Each returns in a fixed number of queries, however
long the child's history: the chronology is one paginated query over every kind of event (a SQL
UNION), never a query per row.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Case,
    CharField,
    DateTimeField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Cast, Concat

from hearth.access.models import Role, User
from hearth.access.selectors import (
    children_known_to,
    children_reason_may_open,
    children_visible_to,
)
from hearth.care.models import (
    CarePeriod,
    CLAReview,
    HealthCheck,
    LegalStatusRecord,
    MissingEpisode,
    Placement,
    ReturnHomeInterview,
)
from hearth.cin.models import CINEpisode
from hearth.core import clock
from hearth.core.codes import HealthCheckKind, LegalStatus, VisitKind
from hearth.leavingcare.models import AdviserContact, CareLeaver, PathwayPlan
from hearth.organisation.models import Allocation
from hearth.people.models import Address, Child, Relationship, UASCStatus
from hearth.practice.models import CaseNote, ChronologyEntry, Visit
from hearth.protection.models import CoreGroup, CPPlan, CPReview
from hearth.timescales.due import DueItem, due_items


def _opened(user: User, child: Child) -> list[int]:
    """``[child.pk]`` if ``user`` may open the child now, else ``[]``: one query through
    ``children_visible_to``. A page's reads filter on this list instead of repeating the scope
    subquery in each of their statements, which keeps both the SQL and its building cheap; a
    caller that passes a child the user may not open gets empty sections, never its rows."""
    return list(children_visible_to(user).filter(pk=child.pk).values_list("pk", flat=True))


# -- summary -----------------------------------------------------------------------------------


@dataclass
class ChildSummary:
    """What the top of a child's record shows: who they are, their plan, who holds them."""

    child: Child
    address: Address | None
    episode: CINEpisode | None
    cp_plan: CPPlan | None
    care_period: CarePeriod | None
    legal_status: LegalStatusRecord | None
    placement: Placement | None
    care_leaver: CareLeaver | None
    allocation: Allocation | None
    missing: MissingEpisode | None
    uasc: bool
    last_visit: dt.date | None
    last_cla_review: dt.date | None
    alerts: list[str] = field(default_factory=list)

    @property
    def plan_type(self) -> str:
        """The child's current statutory status, the most intensive first (903 / CIN census)."""
        if self.care_period is not None:
            return "Looked after (CLA)"
        if self.cp_plan is not None:
            return "Child protection (CP)"
        if self.care_leaver is not None:
            return "Care leaver"
        if self.episode is not None:
            return "Child in need (CIN)"
        return "No open plan"


def _open_on(today: dt.date, start: str = "start_date", end: str = "end_date") -> Q:
    return Q(**{f"{start}__lte": today}) & (
        Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gt": today})
    )


MISSING_ALERT = "Currently missing"
RESTRICTED_ALERT = "Restricted record: only named users may open it"
UASC_ALERT = "Unaccompanied asylum-seeking child"
DIED_ALERT = "This child has died"


def child_summary(*, user: User, child: Child) -> ChildSummary:
    """The summary of a child ``user`` has opened (``access.services.open_child``), in a fixed
    number of queries. Rows are read through ``_opened`` as well, so a caller passing a child
    the user may not open gets empty sections, never another child's details."""
    today = clock.today()
    opened = _opened(user, child)

    def mine(queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset.filter(child_id__in=opened)

    address = mine(Address.objects.filter(_open_on(today))).order_by("-start_date").first()
    episode = mine(CINEpisode.objects.filter(_open_on(today, "referral_date", "closure_date"))
                   ).first()
    cp_plan = mine(CPPlan.objects.filter(_open_on(today))).first()
    period = mine(CarePeriod.objects.filter(_open_on(today))).first()
    legal_status = mine(LegalStatusRecord.objects.filter(_open_on(today))).first()
    placement = mine(Placement.objects.filter(_open_on(today))).first()
    leaver = mine(CareLeaver.objects.filter(_open_on(today))).select_related(
        "personal_adviser").first()
    allocation = mine(Allocation.objects.filter(_open_on(today))).select_related(
        "worker", "worker__manager", "team").order_by("-start_date").first()
    missing = mine(MissingEpisode.objects.filter(returned_at__isnull=True)).order_by(
        "-started_at").first()
    uasc = mine(UASCStatus.objects.filter(_open_on(today))).exists()
    last_visit = mine(Visit.objects.filter(visit_date__lte=today, child_seen=True)).order_by(
        "-visit_date").values_list("visit_date", flat=True).first()
    last_review = mine(CLAReview.objects.filter(review_date__lte=today)).order_by(
        "-review_date").values_list("review_date", flat=True).first()
    summary = ChildSummary(
        child=child, address=address, episode=episode, cp_plan=cp_plan, care_period=period,
        legal_status=legal_status, placement=placement, care_leaver=leaver,
        allocation=allocation, missing=missing, uasc=uasc, last_visit=last_visit,
        last_cla_review=last_review,
    )
    if missing is not None:
        summary.alerts.append(f"{MISSING_ALERT} since {missing.started_at:%-d %B %Y %H:%M}")
    if child.restricted:
        summary.alerts.append(RESTRICTED_ALERT)
    if uasc:
        summary.alerts.append(UASC_ALERT)
    if child.date_of_death is not None:
        summary.alerts.append(f"{DIED_ALERT} ({child.date_of_death:%-d %B %Y})")
    return summary


# -- chronology --------------------------------------------------------------------------------

CHRONOLOGY_PAGE_SIZE = 25

#: Labels for the kinds of event a chronology holds: ``ChronologyEntry.event_type`` values the
#: services and the synthetic generator write, and the records that have no entry of their own.
EVENT_LABELS: dict[str, str] = {
    "contact": "Contact",
    "referral": "Referral",
    "assessment_authorised": "Assessment authorised",
    "strategy_discussion": "Strategy discussion",
    "s47_started": "Section 47 enquiry",
    "icpc": "Initial child protection conference",
    "cp_plan_start": "Child protection plan started",
    "cp_plan_end": "Child protection plan ended",
    "cin_plan_start": "Child in need plan started",
    "early_help_start": "Early help",
    "became_looked_after": "Became looked after",
    "placement_change": "Placement change",
    "ceased_looked_after": "Ceased to be looked after",
    "missing": "Missing episode",
    "visit": "Visit",
    "oversight_returned": "Management oversight",
    "case_closure": "Case closed",
    "case_note": "Case note",
    "cla_review": "Looked-after review",
    "health_check": "Health check",
    "legal_status": "Legal status",
    "return_interview": "Return home interview",
    "core_group": "Core group",
    "cp_review": "Child protection review",
    "pathway_plan": "Pathway plan",
    "adviser_contact": "Personal adviser contact",
}


def event_label(kind: str) -> str:
    """A kind's label; a kind written by a newer service reads as its own words."""
    return EVENT_LABELS.get(kind) or kind.replace("_", " ").capitalize()


#: The columns every part of the chronology UNION selects, in this order. The names are new
#: (not model fields) so each part selects exactly these, in this order, on every database.
COLUMNS = ("c_at", "c_kind", "c_summary", "c_body", "c_voice", "c_worker")


def _text(value: str) -> Value:
    return Value(value, output_field=CharField())


def _at(date_field: str) -> Cast:
    """A dated record's day as a moment (midnight) so it sorts among timed entries."""
    return Cast(date_field, DateTimeField())


def _worker_name(prefix: str) -> Any:
    return Case(
        When(**{f"{prefix}__isnull": True}, then=_text("")),
        default=Concat(f"{prefix}__first_name", _text(" "), f"{prefix}__last_name",
                       output_field=CharField()),
        output_field=CharField(),
    )


def _part(queryset: QuerySet[Any], *, at: Any, kind: Any, summary: Any, body: Any = "",
          voice: Any = "", worker: Any = "") -> QuerySet[Any]:
    values = [at, kind, summary, body, voice, worker]
    exprs = {name: _text(v) if isinstance(v, str) else v for name, v in zip(COLUMNS, values,
                                                                               strict=True)}
    part: QuerySet[Any] = queryset.order_by().annotate(**exprs).values(*COLUMNS)
    return part


def _chronology_parts(user: User, child: Child) -> dict[str, QuerySet[Any]]:
    """One ``values()`` queryset per source, keyed by the kind it holds ("" for entries, whose
    kinds are their own ``event_type``)."""

    opened = _opened(user, child)

    def mine(queryset: QuerySet[Any], path: str = "child") -> QuerySet[Any]:
        return queryset.filter(**{f"{path}_id__in": opened})

    visit_type = ContentType.objects.get_for_model(Visit)
    # A visit the generator or a service already wrote into the chronology shows once.
    chronicled = ChronologyEntry.objects.filter(child_id__in=opened, subject_type=visit_type)
    return {
        "": _part(mine(ChronologyEntry.objects.all()), at=F("occurred_at"),
                  kind=F("event_type"), summary=F("summary"), worker=_worker_name("actor")),
        "case_note": _part(mine(CaseNote.objects.all()), at=F("written_at"), kind="case_note",
                           summary=F("subject"), body=F("body"), voice=F("childs_voice"),
                           worker=_worker_name("author")),
        "visit": _part(mine(Visit.objects.exclude(pk__in=chronicled.values("subject_id"))),
                       at=_at("visit_date"), kind="visit", summary=F("kind"),
                       worker=_worker_name("worker")),
        "legal_status": _part(mine(LegalStatusRecord.objects.all()), at=_at("start_date"),
                              kind="legal_status", summary=F("code")),
        "cla_review": _part(mine(CLAReview.objects.all()), at=_at("review_date"),
                            kind="cla_review", summary="Looked-after review",
                            worker=_worker_name("iro")),
        "health_check": _part(mine(HealthCheck.objects.all()), at=_at("check_date"),
                              kind="health_check", summary=F("kind")),
        "return_interview": _part(
            mine(ReturnHomeInterview.objects.filter(held_at__isnull=False), "episode__child"),
            at=F("held_at"), kind="return_interview", summary="Return home interview held"),
        "core_group": _part(mine(CoreGroup.objects.all(), "plan__child"), at=_at("held_on"),
                            kind="core_group", summary="Core group meeting"),
        "cp_review": _part(mine(CPReview.objects.all(), "plan__child"), at=_at("review_date"),
                           kind="cp_review", summary="Child protection review conference"),
        "pathway_plan": _part(mine(PathwayPlan.objects.all(), "care_leaver__child"),
                              at=_at("plan_date"), kind="pathway_plan",
                              summary=Case(When(is_review=True, then=_text("Pathway plan review")),
                                           default=_text("Pathway plan"),
                                           output_field=CharField())),
        "adviser_contact": _part(mine(AdviserContact.objects.all(), "care_leaver__child"),
                                 at=_at("contact_date"), kind="adviser_contact",
                                 summary=Case(When(in_person=True, then=_text("Seen in person")),
                                              default=_text("Contact, not in person"),
                                              output_field=CharField()),
                                 worker=_worker_name("care_leaver__personal_adviser")),
    }


def chronology(*, user: User, child: Child, kind: str = "") -> QuerySet[Any]:
    """Every recorded event in the child's life with us, newest first, as one query: the
    chronology entries services write, and the records that have none of their own (case notes,
    visits, legal statuses, CLA and CP reviews, core groups, health checks, return home
    interviews, pathway plans and personal adviser contacts). ``kind`` keeps one kind of event.
    Rows are dicts keyed by ``COLUMNS``; paginate the result (it is lazy)."""
    parts = _chronology_parts(user, child)
    if kind:
        chosen = [parts[kind]] if kind in parts else []
        chosen.append(parts[""].filter(c_kind=kind))
    else:
        chosen = list(parts.values())
    first, *rest = chosen
    combined: QuerySet[Any] = first.union(*rest, all=True)
    return combined.order_by("-c_at", "c_kind", "c_summary")


def chronology_kinds(*, user: User, child: Child) -> list[tuple[str, str]]:
    """The kinds of event this child's chronology holds, as (value, label), in one query."""
    parts = _chronology_parts(user, child)
    kinds = [part.values_list("c_kind").distinct() for part in parts.values()]
    first, *rest = kinds
    found = {kind for (kind,) in first.union(*rest)}
    return sorted(((kind, event_label(kind)) for kind in found), key=lambda pair: pair[1])


def event_detail(row: dict[str, Any]) -> str:
    """A row's summary as a reader wants it: coded summaries (visit kind, health check kind)
    spelt out."""
    summary = str(row["c_summary"])
    if row["c_kind"] == "visit" and summary in VisitKind.values:
        return str(VisitKind(summary).label)
    if row["c_kind"] == "health_check" and summary in HealthCheckKind.values:
        return str(HealthCheckKind(summary).label)
    if row["c_kind"] == "legal_status" and summary in LegalStatus.values:
        return f"{LegalStatus(summary).label} ({summary})"
    return summary


# -- open work ---------------------------------------------------------------------------------


def open_work(*, user: User, child: Child) -> list[DueItem]:
    """The child's statutory work still to do, soonest due first, from ``timescales.due``."""
    return due_items(child.la_id, _opened(user, child), clock.now())


# -- relationships -----------------------------------------------------------------------------


def relationships(*, user: User, child: Child) -> QuerySet[Relationship]:
    """The child's relationships, current first. ``other_child_visible`` says whether the user
    may open a related child's record: a restricted or out-of-scope sibling is shown as a
    relationship without a name or link."""
    others = children_visible_to(user).filter(pk=OuterRef("other_child_id"))
    return Relationship.objects.filter(child_id__in=_opened(user, child)).select_related(
        "person", "other_child").annotate(other_child_visible=Exists(others)).order_by(
        F("end_date").desc(nulls_first=True), "relationship_type", "pk")


# -- search ------------------------------------------------------------------------------------

SEARCH_LIMIT = 50
MIN_SEARCH_LENGTH = 2
_DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d %m %Y", "%d.%m.%Y")
_NHS = re.compile(r"^[0-9]{10}$")
_UPN = re.compile(r"^[A-Z][0-9]{11}[0-9A-Z]$")


class Access:
    """How a search result may be opened."""

    OPEN = "open"
    REASON = "reason"
    RESTRICTED = "restricted"


#: Roles that hold child records (``access.selectors``); the rest have none to find.
SEARCH_ROLES = frozenset({Role.PRACTITIONER, Role.TEAM_MANAGER, Role.FRONT_DOOR, Role.IRO,
                          Role.HEAD_OF_SERVICE, Role.DIRECTOR, Role.PERFORMANCE})


def may_search(user: User) -> bool:
    """Whether the user's role finds children at all (the role alone, no query)."""
    return user.role in SEARCH_ROLES and user.la_id is not None


def parse_date(text: str) -> dt.date | None:
    """A date of birth as people type it (31/12/2015, 31-12-2015, 2015-12-31), or None."""
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text.strip(), fmt).replace(tzinfo=dt.UTC).date()
        except ValueError:
            continue
    return None


def _match(terms: str) -> Q:
    """Search words as a filter: a date of birth, an identifier (UPN, NHS number, LA child id)
    or names (every word must start a first or last name)."""
    terms = " ".join(terms.split())
    born = parse_date(terms)
    if born is not None:
        return Q(date_of_birth=born) | Q(expected_date_of_birth=born)
    compact = terms.replace(" ", "").upper()
    identifier = Q(la_child_id__iexact=terms)
    if _NHS.match(compact):
        identifier |= Q(nhs_number=compact)
    if _UPN.match(compact):
        identifier |= Q(upn=compact) | Q(former_upn=compact)
    names = Q()
    for word in terms.split():
        names &= Q(first_name__istartswith=word) | Q(last_name__istartswith=word)
    return identifier | names


@dataclass(frozen=True)
class Found:
    """A child a search found, and how the user may open their record (``Access``)."""

    child: Child
    access: str


def search_children(*, user: User, terms: str) -> list[Found]:
    """Children matching ``terms`` that ``user`` may see, by name, each with its ``access``:

    - ``open``: in their scope now (``children_visible_to``);
    - ``reason``: openable once they give a reason (``children_reason_may_open``);
    - ``restricted``: a restricted child whose existence their role needs
      (``children_known_to``): shown by LA id only, never opened from here.

    Nothing outside those sets is found. The words are matched first and each scope is then
    asked about those children only, so the scope filters run on a handful of rows by primary
    key rather than over the whole council (five queries whatever the council's size). The
    caller audits the search (``record_access``).
    """
    if not user.la_id:
        return []
    matched = list(Child.objects.filter(_match(terms), la_id=user.la_id).values_list(
        "pk", flat=True))

    def among(scope: QuerySet[Child]) -> set[int]:
        return set(scope.filter(pk__in=matched).values_list("pk", flat=True)) if matched else set()

    can_open = among(children_visible_to(user))
    with_reason = among(children_reason_may_open(user)) - can_open
    restricted = among(children_known_to(user)) - can_open - with_reason
    children = Child.objects.filter(pk__in=can_open | with_reason | restricted).order_by(
        "last_name", "first_name", "date_of_birth", "pk")[:SEARCH_LIMIT]
    return [Found(child, Access.OPEN if child.pk in can_open else
                  Access.REASON if child.pk in with_reason else Access.RESTRICTED)
            for child in children]
