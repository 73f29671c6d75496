"""The database refuses care-leaver records the SSDA903 OC3 table could not hold.

A young person has one open care-leaver record at a time and records never overlap.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from tests.factories import CareLeaverFactory, CareLeaverStatusFactory, ChildFactory

from hearth.leavingcare.models import CareLeaver, CareLeaverStatus

pytestmark = pytest.mark.django_db

START = dt.date(2024, 4, 2)
#: Both constraints refuse the row; which one reports it depends on the backend.
OPEN_OR_OVERLAP = r"care_leaver_one_open_per_child|care_leaver_no_overlap"


def test_care_leaver_with_status_saves() -> None:
    status = CareLeaverStatusFactory()

    assert CareLeaverStatus.objects.get(pk=status.pk).care_leaver.eligibility == "former_relevant"


@pytest.mark.parametrize(
    ("fields", "constraint"),
    [
        pytest.param({"eligibility": "eligible"}, "care_leaver_eligibility_valid",
                     id="eligibility-not-a-category"),
        pytest.param({"end_date": START - dt.timedelta(days=1)}, "care_leaver_dates_ordered",
                     id="ends-before-start"),
    ],
)
def test_care_leaver_breaking_its_invariants_is_refused(fields: dict, constraint: str) -> None:
    child = ChildFactory(date_of_birth=dt.date(2006, 4, 2))

    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        CareLeaverFactory(child=child, start_date=START, **fields)

    assert not CareLeaver.objects.exists()


def test_second_open_or_overlapping_care_leaver_record_is_refused() -> None:
    leaver = CareLeaverFactory(start_date=START, end_date=dt.date(2025, 4, 2))
    child, adviser = leaver.child, leaver.personal_adviser

    with pytest.raises(IntegrityError, match="care_leaver_no_overlap"), transaction.atomic():
        CareLeaverFactory(child=child, personal_adviser=adviser, start_date=dt.date(2025, 1, 1))
    CareLeaverFactory(child=child, personal_adviser=adviser, start_date=dt.date(2025, 4, 2))
    with pytest.raises(IntegrityError, match=OPEN_OR_OVERLAP), transaction.atomic():
        CareLeaverFactory(child=child, personal_adviser=adviser, start_date=dt.date(2026, 1, 1))

    assert child.care_leaver_records.count() == 2


@pytest.mark.parametrize(
    ("fields", "constraint"),
    [
        pytest.param({"in_touch": "SOME"}, "care_leaver_in_touch_valid",
                     id="in-touch-not-a-code"),
        pytest.param({"activity": "F3"}, "care_leaver_activity_valid",
                     id="retired-activity-code"),
        pytest.param({"accommodation": "Q"}, "care_leaver_accommodation_valid",
                     id="accommodation-not-a-code"),
        pytest.param({"accommodation_suitable": None},
                     "care_leaver_accommodation_has_suitability",
                     id="accommodation-without-suitability"),
    ],
)
def test_care_leaver_status_breaking_its_invariants_is_refused(fields: dict,
                                                               constraint: str) -> None:
    leaver = CareLeaverFactory()

    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        CareLeaverStatusFactory(care_leaver=leaver, **fields)

    assert not leaver.statuses.exists()


def test_care_leaver_status_without_accommodation_needs_no_suitability() -> None:
    status = CareLeaverStatusFactory(in_touch="NO", activity="0", accommodation="",
                                     accommodation_suitable=None)

    assert CareLeaverStatus.objects.get(pk=status.pk).accommodation == ""
