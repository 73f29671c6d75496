"""The governance pages as their users meet them: the export downloads, a bad reason is shown,
and destruction takes two people through the child's retention page."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from tests.access.conftest import Council, Users
from tests.governance.conftest import OldFiles

from hearth.access.models import AccessEvent, AccessVerb, User
from hearth.cin.models import CINEpisode
from hearth.governance.models import RetentionProposal

pytestmark = pytest.mark.django_db

SignIn = Callable[[User], Client]


def test_the_export_downloads_as_a_zip_and_is_audited_with_its_reason(
    council: Council, users: Users, signed_in: SignIn
) -> None:
    url = reverse("governance:subject_access", args=[council.ann_child.pk])

    response = signed_in(users.admin).post(url, {"reason": "SAR-2024-0042 from the mother."})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="subject-access-')
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert "manifest.json" in archive.namelist()
    event = AccessEvent.objects.get(actor=users.admin, verb=AccessVerb.EXPORT)
    assert event.reason == "SAR-2024-0042 from the mother."


def test_a_missing_reason_is_shown_on_the_form_and_nothing_is_exported(
    council: Council, users: Users, signed_in: SignIn
) -> None:
    url = reverse("governance:subject_access", args=[council.ann_child.pk])

    response = signed_in(users.admin).post(url, {"reason": ""})

    assert response.status_code == 400
    assert "at least 10 characters" in response.content.decode()
    assert not AccessEvent.objects.filter(verb=AccessVerb.EXPORT).exists()


def test_destruction_is_proposed_by_one_user_and_approved_by_another_on_the_page(
    council: Council, users: Users, old_files: OldFiles
) -> None:
    url = reverse("governance:child_retention", args=[old_files.cin.pk])
    proposer, approver = Client(), Client()
    proposer.force_login(users.admin)
    approver.force_login(users.director)

    assert proposer.post(url, {"action": "propose",
                               "reason": "Past the 25th birthday."}).status_code == 302
    proposal = RetentionProposal.objects.get(child=old_files.cin)
    own = proposer.post(url, {"action": "approve", "proposal": proposal.pk})
    assert own.status_code == 403
    assert CINEpisode.objects.filter(child=old_files.cin).exists()

    page = approver.get(url).content.decode()
    assert "Approve and destroy" in page
    done = approver.post(url, {"action": "approve", "proposal": proposal.pk})

    assert done.status_code == 302
    assert not CINEpisode.objects.filter(child=old_files.cin).exists()
    assert "Destroyed" in approver.get(url).content.decode()


def test_the_report_links_each_file_past_its_date(
    council: Council, users: Users, old_files: OldFiles, signed_in: SignIn
) -> None:
    page = signed_in(users.admin).get(reverse("governance:retention_report")).content.decode()

    for child in (old_files.cin, old_files.looked_after, old_files.adopted):
        assert reverse("governance:child_retention", args=[child.pk]) in page
    assert old_files.young_care_leaver.la_child_id not in page
