"""Care leavers, caseloads, agency staff and case audits, on hand-built records with
hand-counted answers. As of 31 March 2025."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from tests.factories import (
    AllocationFactory,
    CareLeaverFactory,
    CareLeaverStatusFactory,
    ChildFactory,
    TeamFactory,
    WorkerFactory,
)
from tests.performance.casefile import D, figures

from hearth.leavingcare.models import CareLeaver
from hearth.practice.models import CaseAudit


def leaver(born: dt.date, *, ended: dt.date | None = None) -> CareLeaver:
    return CareLeaverFactory(child=ChildFactory(date_of_birth=born), start_date=D(2023, 1, 1),
                             end_date=ended)


def status(care_leaver: CareLeaver, day: dt.date, in_touch: str = "YES", activity: str = "F2",
           accommodation: str = "E", suitable: bool | None = True) -> None:
    CareLeaverStatusFactory(care_leaver=care_leaver, recorded_on=day, in_touch=in_touch,
                            activity=activity, accommodation=accommodation,
                            accommodation_suitable=suitable)


def test_care_leavers_in_touch_eet_and_suitably_housed_by_age() -> None:
    # At 31 March 2025, aged 17-18 means born 1 April 2006 - 31 March 2008; aged 19-21 means
    # born 1 April 2003 - 31 March 2006.
    status(leaver(D(2007, 5, 1)), D(2025, 1, 5))  # 17: in touch, in education, suitable
    status(leaver(D(2006, 3, 31)), D(2024, 4, 5), "NO", "0", "", None)  # 19 today: not in touch
    twenty = leaver(D(2004, 6, 1))
    status(twenty, D(2023, 6, 1))  # more than 12 months ago: ignored
    status(twenty, D(2024, 4, 10), "NO", "0", "", None)
    status(twenty, D(2024, 6, 1), activity="G5", accommodation="U")  # latest: in touch, NEET
    status(leaver(D(2004, 6, 1)), D(2024, 3, 30))  # no status in the 12 months: counted, none
    status(leaver(D(2003, 3, 31)), D(2024, 4, 1))  # 22 today: not in either band
    status(leaver(D(2005, 1, 1), ended=D(2025, 2, 1)), D(2024, 12, 1))  # no longer a leaver

    assert figures("care_leavers_17_18_in_touch_pct") == (100.0, 1, 1)
    assert figures("care_leavers_17_18_eet_pct") == (100.0, 1, 1)
    assert figures("care_leavers_17_18_suitable_accommodation_pct") == (100.0, 1, 1)
    # 19-21: the 19-year-old, the 20-year-old with a status and the one without = 3.
    assert figures("care_leavers_19_21_in_touch_pct") == (33.3, 1, 3)
    assert figures("care_leavers_19_21_eet_pct") == (0.0, 0, 3)
    assert figures("care_leavers_19_21_suitable_accommodation_pct") == (33.3, 1, 3)


def test_caseload_per_case_holding_worker_and_agency_share() -> None:
    team = TeamFactory()
    full = WorkerFactory(team=team)
    part = WorkerFactory(team=team, role="senior_practitioner", employment_type="agency",
                         fte=Decimal("0.50"))
    WorkerFactory(team=team)  # in post, no cases: not a case holder
    WorkerFactory(team=team, role="team_manager")
    gone = WorkerFactory(team=team, employment_type="agency", leave_date=D(2025, 3, 31))
    WorkerFactory(team=team, role="personal_adviser", employment_type="agency")
    for worker, cases in ((full, 3), (part, 2)):
        for _ in range(cases):
            AllocationFactory(worker=worker, start_date=D(2024, 6, 1))
    AllocationFactory(worker=full, start_date=D(2024, 6, 1), end_date=D(2025, 3, 31))  # ended
    AllocationFactory(worker=gone, start_date=D(2024, 6, 1), end_date=D(2025, 3, 31))

    # 3 + 2 = 5 cases held by 1.0 + 0.5 = 1.5 FTE: 3.3 each.
    assert figures("caseload_per_worker") == (3.3, 5, 1.5)
    # Social workers in post: 1.0 + 0.5 (agency) + 1.0 + 1.0 (manager) = 3.5 FTE; the leaver
    # left on the day and the personal adviser is not a social worker. 0.5 / 3.5 = 14.3%.
    assert figures("agency_worker_pct") == (14.3, 0.5, 3.5)


def test_case_audits_good_or_better_after_moderation() -> None:
    auditor = WorkerFactory(role="team_manager")
    for day, grade, moderated in ((D(2024, 5, 1), "good", ""),
                                  (D(2024, 6, 1), "requires_improvement", "good"),
                                  (D(2024, 7, 1), "outstanding", "requires_improvement"),
                                  (D(2024, 3, 1), "good", "")):  # before the period
        CaseAudit.objects.create(la=auditor.la, child=ChildFactory(), auditor=auditor,
                                 audit_date=day, theme="Child's voice", grade=grade,
                                 moderated_by=auditor if moderated else None,
                                 moderated_grade=moderated)

    assert figures("case_audits_good_pct") == (66.7, 2, 3)
