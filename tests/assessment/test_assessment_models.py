"""The database refuses an assessment whose dates could not have happened in that order."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from tests.factories import AssessmentFactory, CINEpisodeFactory

from hearth.assessment.models import Assessment, AssessmentFactorRecord

pytestmark = pytest.mark.django_db

START = dt.date(2024, 1, 8)


def test_assessment_completed_and_authorised_in_order_saves() -> None:
    assessment = AssessmentFactory(start_date=START, completed_date=dt.date(2024, 2, 20),
                                   authorised_date=dt.date(2024, 2, 22), status="authorised",
                                   outcome="cin_plan", child_in_need=True)

    assert Assessment.objects.get(pk=assessment.pk).status == "authorised"


@pytest.mark.parametrize(
    ("fields", "constraint"),
    [
        pytest.param({"authorised_date": dt.date(2024, 1, 5), "status": "authorised"},
                     "assessment_authorised_after_start", id="authorised-before-start"),
        pytest.param({"completed_date": dt.date(2024, 1, 5)},
                     "assessment_completed_after_start", id="completed-before-start"),
        pytest.param({"completed_date": dt.date(2024, 2, 20),
                      "authorised_date": dt.date(2024, 2, 19), "status": "authorised"},
                     "assessment_authorised_after_completed", id="authorised-before-completed"),
        pytest.param({"status": "authorised"}, "assessment_authorised_has_date",
                     id="authorised-without-date"),
        pytest.param({"status": "signed_off"}, "assessment_status_valid", id="unknown-status"),
        pytest.param({"outcome": "closed"}, "assessment_outcome_valid", id="unknown-outcome"),
    ],
)
def test_assessment_breaking_its_invariants_is_refused(fields: dict, constraint: str) -> None:
    episode = CINEpisodeFactory(referral_date=START)

    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        AssessmentFactory(episode=episode, start_date=START, **fields)

    assert not Assessment.objects.exists()


def test_assessment_factor_is_a_census_code_recorded_once() -> None:
    assessment = AssessmentFactory()
    AssessmentFactorRecord.objects.create(la=assessment.la, assessment=assessment, code="3A")

    with pytest.raises(IntegrityError, match=r"(?i)unique"), transaction.atomic():
        AssessmentFactorRecord.objects.create(la=assessment.la, assessment=assessment, code="3A")
    with pytest.raises(IntegrityError, match="factor_code_valid"), transaction.atomic():
        AssessmentFactorRecord.objects.create(la=assessment.la, assessment=assessment, code="99")

    assert list(assessment.factors.values_list("code", flat=True)) == ["3A"]
