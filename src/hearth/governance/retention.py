"""How long a child's social care file is kept: the periods, their sources, and the pure rule.

Sources (each period is configurable: ``settings.HEARTH_RETENTION_YEARS``, from the environment,
because a council's own retention schedule may set longer ones):

- looked after: the Care Planning, Placement and Case Review (England) Regulations 2010,
  reg. 50: the case record is kept "until the 75th anniversary of [the child's] date of birth
  or, if [the child] dies before attaining 18, for a period of 15 years beginning with the date
  of [the] death";
- adopted: the Adoption Agencies Regulations 2005, reg. 42 (and the Disclosure of Adoption
  Information (Post-Commencement Adoptions) Regulations 2005): the adoption case record is kept
  "for at least 100 years from the date of the adoption order";
- every other children's social care file (children in need, child protection, early help):
  no statute sets a period; the IRMS Retention Guidelines for Local Authorities (Children's
  Social Care) recommend keeping it until the 25th birthday, the usual schedule default.

The rule takes plain values and is unit-tested without a database (DESIGN.md, pure functions).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings

from hearth.core.calendar import add_months
from hearth.governance.models import RetentionRule

#: The defaults, in years, when the settings do not override them.
DEFAULT_YEARS = {
    RetentionRule.ADOPTED: 100,
    RetentionRule.LOOKED_AFTER: 75,
    RetentionRule.DIED_IN_CARE: 15,
    RetentionRule.OTHER: 25,
}

ADULTHOOD_YEARS = 18


def years_for(rule: RetentionRule) -> int:
    configured: dict[str, int] = getattr(settings, "HEARTH_RETENTION_YEARS", {})
    return int(configured.get(rule.value, DEFAULT_YEARS[rule]))


def _plus_years(day: dt.date, years: int) -> dt.date:
    return add_months(day, 12 * years)


@dataclass(frozen=True)
class Retention:
    rule: RetentionRule
    retain_until: dt.date


def retention_for(*, date_of_birth: dt.date | None, date_of_death: dt.date | None,
                  looked_after: bool, adopted_on: dt.date | None) -> Retention | None:
    """The rule and the last day the file is kept, or ``None`` when it cannot be known (a child
    not yet born has no birthday to count from: keep the file)."""
    if adopted_on is not None:
        rule = RetentionRule.ADOPTED
        return Retention(rule, _plus_years(adopted_on, years_for(rule)))
    if date_of_birth is None:
        return None
    if looked_after:
        died_young = (date_of_death is not None
                      and date_of_death < _plus_years(date_of_birth, ADULTHOOD_YEARS))
        if died_young and date_of_death is not None:
            rule = RetentionRule.DIED_IN_CARE
            return Retention(rule, _plus_years(date_of_death, years_for(rule)))
        rule = RetentionRule.LOOKED_AFTER
        return Retention(rule, _plus_years(date_of_birth, years_for(rule)))
    rule = RetentionRule.OTHER
    return Retention(rule, _plus_years(date_of_birth, years_for(rule)))
