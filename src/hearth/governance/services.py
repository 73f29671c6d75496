"""Writes of information governance: the subject access export, and destruction of a child's
records at the end of their retention, proposed by one person and approved by another.

DESIGN.md: each function takes a required keyword ``actor``, checks its guards, runs in one
``transaction.atomic()`` and writes its access-audit row. Refusals are audited too
(``access.services.deny``) and answer 403.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from dataclasses import dataclass

from auditlog.context import disable_auditlog
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import Max, ProtectedError, RestrictedError
from django.http import HttpRequest

from hearth.access.models import (
    AccessEvent,
    AccessReason,
    AccessVerb,
    ChangeEntry,
    RestrictedAccess,
    User,
)
from hearth.access.records import records_of
from hearth.access.services import deny, record_access, require_actor
from hearth.core import clock, codes
from hearth.core.errors import GuardFailed, InvalidTransition
from hearth.governance.models import (
    RetentionDecision,
    RetentionDestruction,
    RetentionProposal,
)
from hearth.governance.selectors import (
    DESTRUCTION_APPROVER_ROLES,
    GOVERNANCE_ROLES,
    child_for_retention,
    child_for_subject_access,
    destroyed,
    open_proposal,
    retention_of,
)
from hearth.people.models import Child, Person, Relationship

MIN_REASON_LENGTH = 10
REASON_TOO_SHORT = (
    "Say why, in at least {n} characters (for a subject access request, its reference)."
)
NO_SUBJECT_ACCESS = (
    "Only information governance (administrators) can export a child's records for a subject "
    "access request; a restricted child's only when you are named on it."
)
NO_RETENTION = (
    "Only administrators can propose destroying records; the director or another "
    "administrator approves."
)
NOT_PAST_RETENTION = "These records are not past their retention date ({date}); keep them."
NO_RETENTION_DATE = "This child has no date of birth, so the retention date cannot be worked out."
ALREADY_PROPOSED = "Destroying these records has already been proposed; it awaits a decision."
ALREADY_DESTROYED = "These records have already been destroyed."
OWN_PROPOSAL = "You proposed this destruction, so someone else must decide on it."
ALREADY_DECIDED = "This proposal has already been decided."
REFUSAL_NEEDS_REASON = "Say why the records should be kept."
CHANGED_SINCE = (
    "The records have changed since destruction was proposed; propose again so the approver "
    "sees what is there now."
)
STILL_OPEN = "The child still has open involvement ({what}); records of open work are kept."

SUBJECT_ACCESS_NOTE = (
    "Everything Hearth holds about this child, for a subject access request (UK GDPR Art. 15). "
    "Before release, review it for information about other people (family members, workers, "
    "referrers) and apply the exemptions of the Data Protection Act 2018, Sch. 2 para 16 and "
    "Sch. 3 Part 3 (social work data), as the council's SAR procedure requires."
)


def _checked_reason(reason: str) -> str:
    reason = reason.strip()
    if len(reason) < MIN_REASON_LENGTH:
        raise GuardFailed(REASON_TOO_SHORT.format(n=MIN_REASON_LENGTH))
    return reason


# Subject access


@dataclass(frozen=True)
class SubjectAccessExport:
    filename: str
    content: bytes
    files: dict[str, int]


def _serialised(queryset: models.QuerySet[models.Model]) -> str:
    return str(serializers.serialize("json", queryset, indent=1))


def subject_access_export(*, actor: User, child_id: int, reason: str,
                          request: HttpRequest | None = None) -> SubjectAccessExport:
    """A zip of everything held about one child: one JSON file per kind of record that refers to
    the child (``access.records``: every case-record model, found from the model registry),
    the people linked to them through relationships, the change history, the reasons and named
    users, retention decisions, and the access audit about the child, with a manifest.

    For administrators (information governance) with a recorded reason, e.g. the request's
    reference; audited as an export. Reads only: nothing is changed or deleted.
    """
    actor = require_actor(actor)
    child = child_for_subject_access(actor, child_id)
    if child is None:
        deny(actor=actor, request=request, child_id=child_id, message=NO_SUBJECT_ACCESS,
             detail="subject access export")
    reason = _checked_reason(reason)
    now = clock.now()
    with transaction.atomic():
        record_access(actor=actor, verb=AccessVerb.EXPORT, child=child, request=request,
                      reason=reason, detail="subject access export of every record")
        parts: list[tuple[str, models.QuerySet[models.Model]]] = [
            (f"records/{model._meta.label_lower}.json", queryset)
            for model, queryset in records_of(child)
        ]
        people = Person.objects.filter(
            pk__in=Relationship.objects.filter(child=child).values("person_id")
        ).order_by("pk")
        parts += [
            ("related_people/people.person.json", people),
            ("change_history.json", ChangeEntry.objects.filter(child_id=child.pk).order_by("pk")),
            ("access/reasons_given.json", AccessReason.objects.filter(child=child).order_by("pk")),
            ("access/named_users.json", RestrictedAccess.objects.filter(child=child)
             .order_by("pk")),
            ("retention/proposals.json", RetentionProposal.objects.filter(child=child)
             .order_by("pk")),
            ("access_audit.json", AccessEvent.objects.filter(child=child).order_by("pk")),
        ]
        buffer = io.BytesIO()
        files: dict[str, int] = {}
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, queryset in parts:
                rows = list(queryset)
                if not rows:
                    continue
                files[name] = len(rows)
                archive.writestr(name, _serialised(rows))  # type: ignore[arg-type]
            manifest = {
                "child_la_child_id": child.la_child_id, "council": str(child.la_id),
                "exported_at": now, "exported_by": actor.get_username(), "reason": reason,
                "note": SUBJECT_ACCESS_NOTE, "files": files,
            }
            archive.writestr("manifest.json",
                             json.dumps(manifest, cls=DjangoJSONEncoder, indent=1))
    filename = f"subject-access-{child.la_child_id}-{now:%Y%m%d-%H%M}.zip"
    return SubjectAccessExport(filename=filename, content=buffer.getvalue(), files=files)


# Retention: propose, decide, destroy


def _fingerprint(child: Child) -> dict[str, object]:
    counts = {model._meta.label: queryset.count() for model, queryset in records_of(child)}
    latest = ChangeEntry.objects.filter(child_id=child.pk).aggregate(latest=Max("id"))["latest"]
    return {"counts": {k: v for k, v in counts.items() if v}, "latest_change": latest or 0}


def _open_involvement(child: Child) -> str:
    """What is still open for the child, or ``""``: open work is never destroyed."""
    if child.cin_episodes.filter(closure_date__isnull=True).exists():
        return "a CIN episode"
    if child.care_periods.filter(end_date__isnull=True).exists():
        return "a period of care"
    return ""


def _retention_guards(actor: User, child: Child, request: HttpRequest | None,
                      roles: frozenset[str]) -> None:
    if actor.role not in roles or child_for_retention(actor, child.pk) is None:
        deny(actor=actor, request=request, child_id=child.pk, message=NO_RETENTION,
             detail="retention decision")
    if destroyed(Child.objects.filter(pk=child.pk)).exists():
        raise InvalidTransition(ALREADY_DESTROYED, current="destroyed", allowed=[])


def retention_propose(*, actor: User, child: Child, reason: str,
                      request: HttpRequest | None = None) -> RetentionProposal:
    """Propose destroying ``child``'s records because they are past their retention date.

    Guards: an administrator of the child's council; the date has passed (``retention``); no
    open involvement; no proposal already awaiting a decision. The proposal records the state
    of the records proposed (``fingerprint``), which the decision is checked against.
    """
    actor = require_actor(actor)
    _retention_guards(actor, child, request, GOVERNANCE_ROLES)
    reason = _checked_reason(reason)
    with transaction.atomic():
        child = Child.objects.select_for_update().get(pk=child.pk)
        found = retention_of(child)
        if found is None:
            raise GuardFailed(NO_RETENTION_DATE)
        rule, retain_until = found
        if retain_until >= clock.today():
            raise GuardFailed(NOT_PAST_RETENTION.format(date=f"{retain_until:%d %B %Y}"))
        if (what := _open_involvement(child)):
            raise GuardFailed(STILL_OPEN.format(what=what))
        if open_proposal(child) is not None:
            raise InvalidTransition(ALREADY_PROPOSED, current="proposed", allowed=["decide"])
        proposal = RetentionProposal.objects.create(
            la_id=child.la_id, child=child, rule=rule, retain_until=retain_until,
            reason=reason, proposed_by=actor, proposed_at=clock.now(),
            fingerprint=_fingerprint(child),
        )
        record_access(actor=actor, verb=AccessVerb.PROPOSE_DESTRUCTION, child=child,
                      request=request, reason=reason,
                      detail=f"retain until {retain_until:%Y-%m-%d} ({rule.label})")
    return proposal


def retention_decide(*, actor: User, proposal: RetentionProposal, approve: bool,
                     comment: str = "", request: HttpRequest | None = None
                     ) -> RetentionDecision:
    """Approve or refuse a proposal; on approval, carry out the destruction in the same
    transaction (``_destroy``), so an approval is never left unexecuted or half done.

    Guards: an administrator or the director of the council, never the proposer (the database
    refuses it as well); the proposal undecided; the records unchanged since it was made.
    """
    actor = require_actor(actor)
    _retention_guards(actor, proposal.child, request, DESTRUCTION_APPROVER_ROLES)
    if proposal.proposed_by_id == actor.pk:
        deny(actor=actor, request=request, child_id=proposal.child_id, message=OWN_PROPOSAL,
             detail="retention decision on own proposal")
    comment = comment.strip()
    if not approve and not comment:
        raise GuardFailed(REFUSAL_NEEDS_REASON)
    with transaction.atomic():
        proposal = RetentionProposal.objects.select_for_update().select_related("child").get(
            pk=proposal.pk)
        if RetentionDecision.objects.filter(proposal=proposal).exists():
            raise InvalidTransition(ALREADY_DECIDED, current="decided", allowed=[])
        child = Child.objects.select_for_update().get(pk=proposal.child_id)
        if approve and (_fingerprint(child) != proposal.fingerprint
                        or _open_involvement(child)):
            raise GuardFailed(CHANGED_SINCE)
        decision = RetentionDecision.objects.create(
            la_id=proposal.la_id, proposal=proposal, proposed_by_id=proposal.proposed_by_id,
            decided_by=actor, decided_at=clock.now(), approved=approve, comment=comment,
        )
        record_access(actor=actor, verb=AccessVerb.DECIDE_DESTRUCTION, child=child,
                      request=request, reason=comment,
                      detail="approved destruction" if approve else "refused destruction")
        if approve:
            _destroy(actor=actor, decision=decision, child=child, request=request)
    return decision


def _delete_all(querysets: list[tuple[type[models.Model], models.QuerySet[models.Model]]]
                ) -> dict[str, int]:
    """Delete every queryset, referring rows before the rows they refer to: a pass deletes what
    nothing else still protects, until all are gone (ProtectedError is raised before any SQL)."""
    destroyed_rows: dict[str, int] = {}
    remaining = list(querysets)
    while remaining:
        blocked = []
        for model, queryset in remaining:
            try:
                _, per_model = queryset.delete()
            except (ProtectedError, RestrictedError):
                blocked.append((model, queryset))
                continue
            for label, n in per_model.items():
                if n:
                    destroyed_rows[label] = destroyed_rows.get(label, 0) + n
        if len(blocked) == len(remaining):
            names = ", ".join(model._meta.label for model, _ in blocked)
            raise GuardFailed(f"These records are held by others and cannot be destroyed: {names}")
        remaining = blocked
    return destroyed_rows


def _destroy(*, actor: User, decision: RetentionDecision, child: Child,
             request: HttpRequest | None) -> RetentionDestruction:
    """Destroy the child's records, their change history and the people known only through
    them, and reduce the child to an LA id and birth year.

    The child's row stays, without content, because the access audit (append-only, kept for
    its own purpose) and this decision refer to it. The change history goes with the records,
    as it holds their old values. Nothing here writes change history (auditlog is disabled).
    """
    people = list(Relationship.objects.filter(child=child, person__isnull=False)
                  .values_list("person_id", flat=True))
    with disable_auditlog():
        counts = _delete_all([(m, q) for m, q in records_of(child) if m is not Child])
        orphans = Person.objects.filter(pk__in=people, relationships__isnull=True)
        for model_label, n in orphans.delete()[1].items():
            counts[model_label] = counts.get(model_label, 0) + n
        counts["access.ChangeEntry"] = ChangeEntry.objects.filter(child_id=child.pk).delete()[0]
        birth = child.date_of_birth or child.expected_date_of_birth or clock.today()
        Child.objects.filter(pk=child.pk).update(
            first_name="Destroyed", last_name="record", date_of_birth=dt.date(birth.year, 1, 1),
            expected_date_of_birth=None, date_of_death=None, sex=codes.Sex.UNKNOWN,
            gender_identity="", ethnicity=codes.Ethnicity.NOBT, upn="", former_upn="",
            upn_unknown="", nhs_number="",
        )
    destruction = RetentionDestruction.objects.create(
        la_id=child.la_id, decision=decision, child_la_child_id=child.la_child_id,
        carried_out_by=actor, carried_out_at=clock.now(), destroyed=counts,
    )
    record_access(actor=actor, verb=AccessVerb.DESTROY, child=child, request=request,
                  detail=f"destroyed {sum(counts.values())} rows")
    return destruction
