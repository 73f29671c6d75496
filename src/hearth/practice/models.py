"""Practice records: the chronology, case notes with the child's voice, statutory visits,
management oversight (approvals as rows), supervision and case audits."""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q

from hearth.core import codes
from hearth.core.models import CaseRecord, in_choices


class ChronologyEntry(CaseRecord):
    """One line of a child's chronology, written in the same transaction as the event."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT,
                              related_name="chronology")
    occurred_at = models.DateTimeField()
    event_type = models.CharField(max_length=40)
    summary = models.CharField(max_length=300)
    actor = models.ForeignKey("organisation.Worker", on_delete=models.PROTECT, null=True,
                              blank=True, related_name="+")
    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True,
                                     blank=True, related_name="+")
    subject_id = models.BigIntegerField(null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")

    class Meta:
        verbose_name_plural = "chronology entries"
        indexes = [models.Index(fields=["child", "-occurred_at"])]


class CaseNote(CaseRecord):
    """A case note; ``childs_voice`` holds the child's own words, kept apart so they show."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="case_notes")
    author = models.ForeignKey("organisation.Worker", on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField()
    subject = models.CharField(max_length=200)
    body = models.TextField()
    childs_voice = models.TextField("the child's own words", blank=True)


class Visit(CaseRecord):
    """A statutory visit to a child on a CIN, CP or care plan, or an IRO contact."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="visits")
    kind = models.CharField(max_length=3, choices=codes.VisitKind.choices)
    visit_date = models.DateField()
    worker = models.ForeignKey("organisation.Worker", on_delete=models.PROTECT, null=True,
                               blank=True, related_name="+")
    child_seen = models.BooleanField(default=True)
    seen_alone = models.BooleanField(null=True)

    class Meta:
        constraints = [
            in_choices("kind", codes.VisitKind, "visit_kind_valid"),
            models.CheckConstraint(condition=Q(child_seen=True) | ~Q(seen_alone=True),
                                   name="visit_seen_alone_only_if_seen"),
        ]
        indexes = [models.Index(fields=["child", "kind", "visit_date"])]


class OversightKind(models.TextChoices):
    ASSESSMENT_COMPLETION = "assessment", "Assessment completion"
    STEP_UP = "step_up", "Step up"
    STEP_DOWN = "step_down", "Step down"
    CASE_CLOSURE = "closure", "Case closure"
    CP_PLAN_END = "cp_plan_end", "End of child protection plan"
    OTHER = "other", "Other management decision"


class OversightRequest(CaseRecord):
    """A request for a manager's decision, pointing at the exact record it concerns."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT,
                              related_name="oversight_requests")
    kind = models.CharField(max_length=12, choices=OversightKind.choices)
    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    subject_id = models.BigIntegerField()
    subject = GenericForeignKey("subject_type", "subject_id")
    requested_by = models.ForeignKey("organisation.Worker", on_delete=models.PROTECT,
                                     related_name="+")
    requested_at = models.DateTimeField()

    class Meta:
        constraints = [in_choices("kind", OversightKind, "oversight_kind_valid")]


class OversightOutcome(models.TextChoices):
    APPROVED = "approved", "Approved"
    RETURNED = "returned", "Returned with comment"


class OversightDecision(CaseRecord):
    """A manager's decision on a request; a resubmission is a new request, never an edit."""

    request = models.ForeignKey(OversightRequest, on_delete=models.PROTECT,
                                related_name="decisions")
    outcome = models.CharField(max_length=10, choices=OversightOutcome.choices)
    decided_by = models.ForeignKey("organisation.Worker", on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField()
    comment = models.TextField(blank=True)

    class Meta:
        constraints = [
            in_choices("outcome", OversightOutcome, "oversight_outcome_valid"),
            models.CheckConstraint(condition=~Q(outcome="returned") | ~Q(comment=""),
                                   name="oversight_return_needs_comment"),
        ]


class Supervision(CaseRecord):
    """A supervision session between a worker and their supervisor."""

    worker = models.ForeignKey("organisation.Worker", on_delete=models.PROTECT,
                               related_name="supervisions")
    supervisor = models.ForeignKey("organisation.Worker", on_delete=models.PROTECT,
                                   related_name="supervisions_given")
    held_on = models.DateField()
    notes = models.TextField(blank=True)

    class Meta:
        constraints = [models.CheckConstraint(condition=~Q(worker=models.F("supervisor")),
                                              name="supervision_not_self")]


class AuditGrade(models.TextChoices):
    OUTSTANDING = "outstanding", "Outstanding"
    GOOD = "good", "Good"
    REQUIRES_IMPROVEMENT = "requires_improvement", "Requires improvement to be good"
    INADEQUATE = "inadequate", "Inadequate"


class CaseAudit(CaseRecord):
    """A quality-assurance audit of one child's case file."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="audits")
    auditor = models.ForeignKey("organisation.Worker", on_delete=models.PROTECT,
                                related_name="+")
    audit_date = models.DateField()
    theme = models.CharField(max_length=100)
    grade = models.CharField(max_length=20, choices=AuditGrade.choices)
    findings = models.TextField(blank=True)
    moderated_by = models.ForeignKey("organisation.Worker", on_delete=models.PROTECT, null=True,
                                     blank=True, related_name="+")
    moderated_grade = models.CharField(max_length=20, choices=AuditGrade.choices, blank=True)

    class Meta:
        constraints = [
            in_choices("grade", AuditGrade, "audit_grade_valid"),
            in_choices("moderated_grade", AuditGrade, "audit_moderated_grade_valid", blank=True),
        ]
