"""Retention decisions as rows: a proposal to destroy a child's records, the decision on it by a
second person, and the record of the destruction (issue 6, "Retention").

DESIGN.md "Approvals are rows, not flags": each step is its own row naming who and when, and the
decision points at the exact proposal, whose ``fingerprint`` says what state of the records was
proposed; a refused proposal stays, and a later one is a new row. The Lord Chancellor's Code of
Practice on the management of records (FOIA 2000 s46, 2021, para 12) asks that destruction be
authorised and that a record of what was destroyed, when and on whose authority be kept: that
record is ``RetentionDestruction``, which holds counts and the child's LA id, not content.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q

from hearth.core.models import CaseRecord, in_choices


class RetentionRule(models.TextChoices):
    """Which retention period applies to a child's file (``retention.retention_for``)."""

    ADOPTED = "adopted", "Adopted: 100 years from the adoption order"
    LOOKED_AFTER = "looked_after", "Looked after: until the 75th birthday"
    DIED_IN_CARE = "died_in_care", "Looked after and died before 18: 15 years from death"
    OTHER = "other", "Other children's social care file: until the 25th birthday"


class RetentionProposal(CaseRecord):
    """One user's proposal to destroy a child's records past their retention date."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT,
                              related_name="retention_proposals")
    rule = models.CharField(max_length=20, choices=RetentionRule.choices)
    retain_until = models.DateField()
    reason = models.TextField()
    proposed_by = models.ForeignKey("access.User", on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField()
    fingerprint = models.JSONField(
        help_text="How many rows of each kind the child's records held when proposed, and the "
                  "latest change; a decision on records that have changed since is refused.",
    )

    class Meta:
        constraints = [
            in_choices("rule", RetentionRule, "retention_proposal_rule_valid"),
            models.CheckConstraint(condition=~Q(reason=""),
                                   name="retention_proposal_reason_not_blank"),
        ]

    def __str__(self) -> str:
        return f"Destroy child {self.child_id}'s records (proposed {self.proposed_at:%Y-%m-%d})"


class RetentionDecision(CaseRecord):
    """A second person's approval or refusal of one proposal; never the proposer's own.

    ``proposed_by`` is copied from the proposal so the database itself refuses a proposer
    deciding their own proposal (a check constraint cannot reach across tables).
    """

    proposal = models.OneToOneField(RetentionProposal, on_delete=models.PROTECT,
                                    related_name="decision")
    proposed_by = models.ForeignKey("access.User", on_delete=models.PROTECT, related_name="+")
    decided_by = models.ForeignKey("access.User", on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField()
    approved = models.BooleanField()
    comment = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=~Q(decided_by=F("proposed_by")),
                                   name="retention_decision_not_by_proposer"),
            models.CheckConstraint(condition=Q(approved=True) | ~Q(comment=""),
                                   name="retention_refusal_says_why"),
        ]


class RetentionDestruction(CaseRecord):
    """The record of a destruction carried out on an approved decision (what, when, by whom)."""

    decision = models.OneToOneField(RetentionDecision, on_delete=models.PROTECT,
                                    related_name="destruction")
    child_la_child_id = models.CharField("child's LA id", max_length=20)
    carried_out_by = models.ForeignKey("access.User", on_delete=models.PROTECT, related_name="+")
    carried_out_at = models.DateTimeField()
    destroyed = models.JSONField(help_text="Rows destroyed, by kind of record.")

    class Meta:
        constraints = [
            models.CheckConstraint(condition=~Q(child_la_child_id=""),
                                   name="retention_destruction_names_child"),
        ]
