"""The front door: contacts and the decision on each, within one working day (WT 2023 ch.2).

A decision to refer opens a CIN episode (``cin.CINEpisode``): in the CIN census and the SSD a
referral *is* the start of an episode, so the referral is not stored twice.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q

from hearth.core import codes
from hearth.core.models import CaseRecord, in_choices


class Contact(CaseRecord):
    """A contact about a child (Annex A list 1). ``decision`` is empty while awaiting decision."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="contacts")
    received_at = models.DateTimeField()
    source = models.CharField(max_length=2, choices=codes.ReferralSource.choices)
    reason = models.TextField(blank=True)
    decision = models.CharField(max_length=12, choices=codes.ContactDecision.choices, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey("organisation.Worker", on_delete=models.PROTECT, null=True,
                                   blank=True, related_name="+")
    strategy_discussion_needed = models.BooleanField(default=False)
    referrer_organisation = models.ForeignKey(
        "organisation.PartnerOrganisation", on_delete=models.PROTECT, null=True, blank=True,
        related_name="contacts",
        help_text="The partner agency that made the contact, when it was one; its users see "
                  "this contact and its outcome.",
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(decision="") & Q(decided_at__isnull=True))
                | (~Q(decision="") & Q(decided_at__isnull=False)
                   & Q(decided_at__gte=F("received_at"))),
                name="contact_decision_dated_after_receipt",
            ),
            in_choices("source", codes.ReferralSource, "contact_source_valid"),
            in_choices("decision", codes.ContactDecision, "contact_decision_valid", blank=True),
        ]
        indexes = [models.Index(fields=["la", "decision", "received_at"]),
                   models.Index(fields=["received_at"])]
