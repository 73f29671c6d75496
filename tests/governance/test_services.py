"""Subject access export and two-person destruction, through the services (issue 6)."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

import pytest
from django.db import IntegrityError, transaction
from tests.access.conftest import Council, Users
from tests.factories import ContactFactory
from tests.governance.conftest import OldFiles

from hearth.access.models import AccessEvent, AccessVerb, ChangeEntry
from hearth.access.services import restricted_access_grant
from hearth.cin.models import CINEpisode
from hearth.core.errors import GuardFailed, InvalidTransition, NotPermitted
from hearth.frontdoor.models import Contact
from hearth.governance import services
from hearth.governance.models import (
    RetentionDecision,
    RetentionDestruction,
    RetentionProposal,
    RetentionRule,
)
from hearth.governance.selectors import records_past_retention
from hearth.people.models import Child

pytestmark = pytest.mark.django_db

REASON = "SAR-2024-0042 from the young person's solicitor."
PROPOSAL = "Past the 25th birthday; no open involvement; schedule CSC-3."


def verbs(child: Child) -> list[str]:
    return list(AccessEvent.objects.filter(child=child).order_by("id")
                .values_list("verb", flat=True))


# Subject access


def read_zip(content: bytes) -> dict[str, object]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: json.loads(archive.read(name)) for name in archive.namelist()}


def test_an_administrator_exports_every_record_about_the_child_and_the_audit(
    council: Council, users: Users
) -> None:
    child = council.ann_child
    ContactFactory(child=child, la=child.la)
    before = (Child.objects.count(), Contact.objects.count(), ChangeEntry.objects.count())

    export = services.subject_access_export(actor=users.admin, child_id=child.pk, reason=REASON)

    files = read_zip(export.content)
    assert files["records/people.child.json"][0]["fields"]["first_name"] == "Annie"
    assert len(files["records/frontdoor.contact.json"]) == 1
    assert len(files["records/organisation.allocation.json"]) == 1
    assert files["change_history.json"]  # the records' creation, from django-auditlog
    audit = files["access_audit.json"]
    assert [row["fields"]["verb"] for row in audit] == [AccessVerb.EXPORT]
    manifest = files["manifest.json"]
    assert manifest["reason"] == REASON
    assert manifest["files"] == {name: len(rows) for name, rows in files.items()
                                 if name != "manifest.json"}
    assert verbs(child) == [AccessVerb.EXPORT]
    assert AccessEvent.objects.get(child=child).reason == REASON
    after = (Child.objects.count(), Contact.objects.count(), ChangeEntry.objects.count())
    assert after == before  # nothing deleted or changed


def test_the_export_holds_nothing_about_another_child(council: Council, users: Users) -> None:
    ContactFactory(child=council.ned_child, la=council.la)

    files = read_zip(services.subject_access_export(
        actor=users.admin, child_id=council.ann_child.pk, reason=REASON).content)

    assert "records/frontdoor.contact.json" not in files
    children = {row["pk"] for row in files["records/people.child.json"]}
    assert children == {council.ann_child.pk}


def test_a_short_reason_is_refused_and_nothing_is_exported_or_audited(
    council: Council, users: Users
) -> None:
    with pytest.raises(GuardFailed, match="at least 10 characters"):
        services.subject_access_export(actor=users.admin, child_id=council.ann_child.pk,
                                       reason=" SAR ")

    assert verbs(council.ann_child) == []


@pytest.mark.parametrize("role", ["director", "team_manager", "practitioner", "performance"])
def test_other_roles_cannot_export_and_the_refusal_is_audited(
    council: Council, users: Users, role: str
) -> None:
    with pytest.raises(NotPermitted):
        services.subject_access_export(actor=users.by_role()[role],
                                       child_id=council.ann_child.pk, reason=REASON)

    assert verbs(council.ann_child) == [AccessVerb.DENIED]


def test_a_restricted_child_is_exported_only_by_a_named_administrator(
    council: Council, users: Users
) -> None:
    child = council.restricted_child
    with pytest.raises(NotPermitted):
        services.subject_access_export(actor=users.admin, child_id=child.pk, reason=REASON)

    restricted_access_grant(actor=users.director, child=child, user=users.admin,
                            reason="Answering the subject access request SAR-2024-0042.")
    export = services.subject_access_export(actor=users.admin, child_id=child.pk,
                                            reason=REASON)

    assert "records/people.child.json" in read_zip(export.content)


def test_another_councils_child_cannot_be_exported(council: Council, users: Users) -> None:
    with pytest.raises(NotPermitted):
        services.subject_access_export(actor=users.admin,
                                       child_id=council.other_council_child.pk, reason=REASON)


# Retention report


def test_the_report_lists_the_files_past_their_date_earliest_first(
    council: Council, users: Users, old_files: OldFiles
) -> None:
    rows = records_past_retention(users.admin)

    assert [(row.child, row.rule, row.retain_until) for row in rows] == [
        (old_files.cin, RetentionRule.OTHER, dt.date(2015, 3, 15)),
        (old_files.adopted, RetentionRule.ADOPTED, dt.date(2019, 11, 1)),  # order of 1919
        (old_files.looked_after, RetentionRule.LOOKED_AFTER, dt.date(2020, 1, 20)),
    ]  # the young care leaver (kept until 2065) and the council's children are not listed


def test_the_report_is_empty_for_roles_that_do_not_hold_retention(
    council: Council, users: Users, old_files: OldFiles
) -> None:
    assert records_past_retention(users.north_manager) == []
    assert records_past_retention(users.analyst) == []
    assert {row.child for row in records_past_retention(users.director)} == {
        old_files.cin, old_files.looked_after, old_files.adopted}


# Two people: propose, then decide


def test_a_proposal_by_one_and_approval_by_another_destroys_the_records(
    council: Council, users: Users, old_files: OldFiles
) -> None:
    child = old_files.cin
    proposal = services.retention_propose(actor=users.admin, child=child, reason=PROPOSAL)
    assert CINEpisode.objects.filter(child=child).exists()  # nothing gone yet

    decision = services.retention_decide(actor=users.director, proposal=proposal, approve=True)

    assert decision.approved
    assert not CINEpisode.objects.filter(child=child).exists()
    assert not Contact.objects.filter(child=child).exists()
    assert not ChangeEntry.objects.filter(child_id=child.pk).exists()
    child.refresh_from_db()
    assert (child.first_name, child.last_name, child.date_of_birth) == (
        "Destroyed", "record", dt.date(1990, 1, 1))
    destruction = RetentionDestruction.objects.get(decision=decision)
    assert destruction.destroyed["cin.CINEpisode"] == 1
    assert destruction.destroyed["frontdoor.Contact"] == 1
    assert destruction.carried_out_by == users.director
    assert verbs(child) == [AccessVerb.PROPOSE_DESTRUCTION, AccessVerb.DECIDE_DESTRUCTION,
                            AccessVerb.DESTROY]
    assert child not in {row.child for row in records_past_retention(users.admin)}


def test_the_proposer_cannot_approve_their_own_proposal(
    council: Council, users: Users, old_files: OldFiles
) -> None:
    proposal = services.retention_propose(actor=users.admin, child=old_files.cin,
                                          reason=PROPOSAL)

    with pytest.raises(NotPermitted, match="someone else must decide"):
        services.retention_decide(actor=users.admin, proposal=proposal, approve=True)

    assert not RetentionDecision.objects.exists()
    assert CINEpisode.objects.filter(child=old_files.cin).exists()
    assert verbs(old_files.cin)[-1] == AccessVerb.DENIED


def test_the_database_refuses_a_decision_by_the_proposer(
    council: Council, users: Users, old_files: OldFiles
) -> None:
    proposal = services.retention_propose(actor=users.admin, child=old_files.cin,
                                          reason=PROPOSAL)

    with pytest.raises(IntegrityError), transaction.atomic():
        RetentionDecision.objects.create(
            la=council.la, proposal=proposal, proposed_by=users.admin, decided_by=users.admin,
            decided_at=proposal.proposed_at, approved=True)


def test_a_refusal_says_why_keeps_the_records_and_a_new_proposal_is_a_new_row(
    council: Council, users: Users, old_files: OldFiles
) -> None:
    child = old_files.cin
    first = services.retention_propose(actor=users.admin, child=child, reason=PROPOSAL)
    with pytest.raises(GuardFailed, match="Say why the records should be kept"):
        services.retention_decide(actor=users.director, proposal=first, approve=False)

    services.retention_decide(actor=users.director, proposal=first, approve=False,
                              comment="Subject of an open inquiry: keep.")
    second = services.retention_propose(actor=users.admin, child=child, reason=PROPOSAL)

    assert CINEpisode.objects.filter(child=child).exists()
    assert RetentionProposal.objects.filter(child=child).count() == 2
    assert second.pk != first.pk
    with pytest.raises(InvalidTransition, match="already been decided"):
        services.retention_decide(actor=users.director, proposal=first, approve=True)


def test_a_second_proposal_waits_for_the_first(
    council: Council, users: Users, old_files: OldFiles
) -> None:
    services.retention_propose(actor=users.admin, child=old_files.cin, reason=PROPOSAL)

    with pytest.raises(InvalidTransition, match="awaits a decision"):
        services.retention_propose(actor=users.admin, child=old_files.cin, reason=PROPOSAL)


def test_records_that_changed_after_the_proposal_are_not_destroyed(
    council: Council, users: Users, old_files: OldFiles
) -> None:
    child = old_files.cin
    proposal = services.retention_propose(actor=users.admin, child=child, reason=PROPOSAL)
    ContactFactory(child=child, la=child.la)  # a new contact about the young adult

    with pytest.raises(GuardFailed, match="changed since destruction was proposed"):
        services.retention_decide(actor=users.director, proposal=proposal, approve=True)

    assert Contact.objects.filter(child=child).count() == 2
    assert not RetentionDecision.objects.exists()


def test_files_not_past_their_date_or_with_open_work_are_not_proposed(
    council: Council, users: Users, old_files: OldFiles
) -> None:
    with pytest.raises(GuardFailed, match="not past their retention date"):
        services.retention_propose(actor=users.admin, child=old_files.young_care_leaver,
                                   reason=PROPOSAL)
    episode = CINEpisode.objects.get(child=old_files.cin)
    episode.closure_date, episode.closure_reason = None, ""
    episode.save()

    with pytest.raises(GuardFailed, match="still has open involvement"):
        services.retention_propose(actor=users.admin, child=old_files.cin, reason=PROPOSAL)


@pytest.mark.parametrize("role", ["director", "team_manager", "practitioner", "regional_viewer"])
def test_only_administrators_propose(
    council: Council, users: Users, old_files: OldFiles, role: str
) -> None:
    with pytest.raises(NotPermitted):
        services.retention_propose(actor=users.by_role()[role], child=old_files.cin,
                                   reason=PROPOSAL)

    assert verbs(old_files.cin) == [AccessVerb.DENIED]


def test_a_team_manager_cannot_approve(
    council: Council, users: Users, old_files: OldFiles
) -> None:
    proposal = services.retention_propose(actor=users.admin, child=old_files.cin,
                                          reason=PROPOSAL)

    with pytest.raises(NotPermitted):
        services.retention_decide(actor=users.north_manager, proposal=proposal, approve=True)
