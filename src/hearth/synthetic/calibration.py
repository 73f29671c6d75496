"""Rates and shapes the synthetic council is calibrated to.

England figures per 10,000 children are from ``shared/reference/national-figures.md`` (DfE
national statistics, 2023-24 and 2024-25). The generator's branch probabilities below were tuned
so that ``hearth summary`` lands within 15% of each target (see tests/synthetic).
"""

from __future__ import annotations

from typing import Final

#: England rates per 10,000 children a year (flows) or at 31 March (stocks).
ENGLAND_PER_10K: Final[dict[str, float]] = {
    "contacts": 2460.0,
    "referrals": 519.0,
    "assessments": 532.0,
    "s47": 189.0,
    "icpc": 59.0,
    "cin_at_end": 330.0,
    "cp_at_end": 40.5,
    "cla_at_end": 67.0,
}
#: Share of referrals within 12 months of a previous referral of the same child.
ENGLAND_REREFERRAL_PCT: Final[float] = 22.6
#: Children-and-family social worker caseload and agency share (workforce census 2024-25).
ENGLAND_CASELOAD: Final[float] = 15.4
ENGLAND_AGENCY_PCT: Final[float] = 16.2

DAYS_PER_YEAR: Final[float] = 365.25

# Front door: what share of contacts become referrals, early help or close.
P_CONTACT_REFERRAL: Final[float] = ENGLAND_PER_10K["referrals"] / ENGLAND_PER_10K["contacts"]
P_CONTACT_EARLY_HELP: Final[float] = 0.22
P_REFERRAL_FROM_RECENT: Final[float] = ENGLAND_REREFERRAL_PCT / 100
P_CONTACT_KNOWN_CHILD: Final[float] = 0.30

# Referral and assessment.
P_REFERRAL_NFA: Final[float] = 0.07
P_S47_AFTER_REFERRAL: Final[float] = 0.36
P_ICPC_AFTER_S47: Final[float] = 0.275
# Children who have had a CP plan are re-referred more, and more often reach conference: about
# 23% of CP plans in England are second or subsequent plans.
P_REFERRAL_OF_PREVIOUS_CP: Final[float] = 0.08
P_S47_AFTER_PREVIOUS_CP: Final[float] = 0.6
P_ICPC_AFTER_PREVIOUS_CP: Final[float] = 0.55
P_PLAN_AFTER_ICPC: Final[float] = 0.89
P_ASSESSMENT_IN_TIME: Final[float] = 0.83
P_ICPC_IN_TIME: Final[float] = 0.78
#: Outcome of an assessment with no s47: (outcome, weight).
ASSESSMENT_OUTCOMES: Final[tuple[tuple[str, float], ...]] = (
    ("nfa", 0.40), ("early_help", 0.13), ("cin_plan", 0.44), ("looked_after", 0.03),
)
P_CIN_PLAN_AFTER_S47_NO_ICPC: Final[float] = 0.40

# Durations (days) of plans, mean of an exponential above a floor.
CIN_PLAN_FLOOR_DAYS: Final[int] = 90
CIN_PLAN_MEAN_EXTRA_DAYS: Final[int] = 190
CP_PLAN_FLOOR_DAYS: Final[int] = 0
CP_PLAN_MEAN_EXTRA_DAYS: Final[int] = 190
P_REASSESSMENT_ON_CIN_PLAN: Final[float] = 0.30
#: What happens when a CP plan ends: (next, weight).
CP_PLAN_ENDINGS: Final[tuple[tuple[str, float], ...]] = (
    ("cin_plan", 0.55), ("close", 0.33), ("looked_after", 0.12),
)
#: What happens when a CIN plan ends.
CIN_PLAN_ENDINGS: Final[tuple[tuple[str, float], ...]] = (
    ("close", 0.86), ("s47", 0.06), ("looked_after", 0.04), ("early_help", 0.04),
)

# Children in care.
CLA_STARTS_PER_10K: Final[float] = 25.0
P_UASC_START: Final[float] = 0.07
P_SHORT_STAY: Final[float] = 0.45
SHORT_STAY_MEAN_DAYS: Final[int] = 120
#: A long stay ends in permanence after this many days on average, where permanence applies.
PERMANENCE_MEAN_DAYS: Final[int] = 600
P_MISSING_CHILD: Final[float] = 0.12

# Categories of abuse on CP plans (most are neglect or emotional abuse).
ABUSE_CATEGORIES: Final[tuple[tuple[str, float], ...]] = (
    ("NEG", 0.48), ("EMO", 0.36), ("PHY", 0.07), ("SAB", 0.04), ("MUL", 0.05),
)
