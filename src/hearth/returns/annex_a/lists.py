"""Every list of Annex A from one extract: list number -> rows, in the order of ``columns``."""

from __future__ import annotations

from collections.abc import Callable

from hearth.returns.annex_a import front_door, open_cases, permanence
from hearth.returns.annex_a.derive import Row
from hearth.returns.annex_a.records import AnnexAData

BUILDERS: dict[int, Callable[[AnnexAData], list[Row]]] = {
    1: front_door.contacts, 2: front_door.early_help, 3: front_door.referrals,
    4: front_door.assessments, 5: front_door.s47_enquiries,
    6: open_cases.children_in_need, 7: open_cases.child_protection,
    8: open_cases.children_in_care,
    9: permanence.care_leavers, 10: permanence.adoption, 11: permanence.adopters,
}


def build_lists(data: AnnexAData) -> dict[int, list[Row]]:
    """The rows of each of the eleven lists, keyed by list number."""
    return {number: build(data) for number, build in BUILDERS.items()}
