"""The values Annex A's cells take: Ofsted's ``Codes_used`` labels for Hearth's codes.

The 2019 template's FAQ asks for codes with their letter-and-bracket prefix (``a) WBRI``). Where
the template gives only a code range (placement types, reasons care ceased, legal statuses,
providers) the wording is the one Data to Insight / Social Finance's liia-tools Annex A schema
uses, so the cells match what LAs already submit. Codes Hearth holds that are newer than the 2019
list (placement type K3, Z11-Z14) keep their DfE code and Hearth's label, with no prefix, rather
than a made-up one.
"""

from __future__ import annotations

from hearth.core import codes

YES, NO, UNKNOWN = "a) Yes", "b) No", "c) Unknown"

GENDER = {"M": "a) Male", "F": "b) Female", "U": "c) Not stated/recorded"}

ETHNICITY = {code: f"{'abcdefghijklmnopqrs'[min(i, 18)]}) {code}"
             for i, code in enumerate(codes.Ethnicity.values)}

_SOURCE_PREFIX = {
    "1A": "a", "1B": "b", "1C": "c", "1D": "d", "2A": "e", "2B": "f", "3A": "g", "3B": "h",
    "3C": "i", "3D": "j", "3E": "k", "3F": "l", "4": "m", "5A": "n", "5B": "o", "5C": "p",
    "5D": "p1", "6": "q", "7": "r", "8": "s", "9": "t", "10": "u"}
_SOURCE_GROUP = {"1": "Individual", "2A": "Schools", "2B": "Education services",
                 "3": "Health services", "4": "Housing", "5": "LA services", "6": "Police",
                 "7": "Other legal agency", "8": "Other", "9": "Anonymous", "10": "Unknown"}


def _source(code: str) -> str:
    group = _SOURCE_GROUP.get(code) or _SOURCE_GROUP[code[0]]
    return f"{_SOURCE_PREFIX[code]}) {code}: {group}"


SOURCE = {code: _source(code) for code in codes.ReferralSource.values}

NEED = {code: f"{code} - {label}" for code, label in codes.PrimaryNeed.choices}
CLOSURE = {code: f"{code} - {label}" for code, label in codes.CINClosureReason.choices}

CASE_LOOKED_AFTER = "a) Looked after child"
CASE_CP_PLAN = "b) Child Protection plan"
CASE_CIN_PLAN = "c) Child in need plan"
CASE_OPEN_ASSESSMENT = "d) Open assessment"
CASE_CLOSED = "e) Closed episode"

ABUSE = {"NEG": "a) Neglect", "PHY": "b) Physical abuse", "SAB": "c) Sexual abuse",
         "EMO": "d) Emotional abuse", "MUL": "e) Multiple/not recommended"}

LEGAL_STATUS = {
    "C1": "C1: ICO", "C2": "C2: FCO", "D1": "D1: Freeing order", "E1": "E1: Placement order",
    "V2": "V2: Single period under S20", "L1": "L1: Police protection LA accommodation",
    "L2": "L2: EPO", "L3": "L3: Child assessment order LA accommodation",
    "J1": "J1: Remanded to LA or youth detention", "J2": "J2: LA accommodation under PACE",
    "J3": "J3: Youth rehabilitation order", "V3": "V3: Short term breaks, episodes recorded",
    "V4": "V4: Short term breaks, agreements recorded"}

PERMANENCE = {
    "return_home": "a) Return to family", "adoption": "b) Adoption", "sgo_cao": "c) SGO/CAO",
    "supported_living": "d) Supported living in the community",
    "residential": "e) Long-term residential placement",
    "fostering": "f) Long-term fostering", "other": "g) other"}

REASON_CEASED = {
    "E11": "a) E11: Adopted - application unopposed",
    "E12": "b) E12: Adopted - consent dispensed",
    "E2": "c) E2: Died",
    "E3": "d) E3: Care taken by another LA",
    "E4A": "e) E4A: Returned home to live with parents or relatives - part of planning",
    "E4B": "f) E4B: Returned home to live with parents or relatives - not part of planning",
    "E13": "g) E13: Parents, relatives or other with no parental responsibility",
    "E41": "h) E41: Residence order granted",
    "E45": "i) E45: Special Guardianship Orders - former carer relative/friend",
    "E46": "j) E46: Special Guardianship Orders - former carer other",
    "E47": "k) E47: Special Guardianship Orders - relative/friend",
    "E48": "l) E48: Special Guardianship Orders - other",
    "E5": "m) E5: Moved into independent living - supported",
    "E6": "n) E6: Moved into independent living - no support",
    "E7": "o) E7: Transferred to residential care funded by adult social services",
    "E9": "p) E9: Sentenced to custody",
    "E14": "q) E14: Accommodation on remand ended",
    "E15": "r) E15: Age assessment determined child was 18 or over",
    "E16": "s) E16: Child moved abroad",
    "E8": "t) E8: Care ceased for any other reason",
    "X1": "u) X1: CodeError",
    "E17": "v) E17: Aged 18+ and remained with current carers"}

_PLACEMENT_2019 = {
    "U1": "a) U1: Foster placement - relatives - long term",
    "U2": "b) U2: Foster placement - relative - FFA",
    "U3": "c) U3: Foster placement - relative - not FFA",
    "U4": "d) U4: Foster placement - long term",
    "U5": "e) U5: Foster placement - FFA",
    "U6": "f) U6: Foster placement - not FFA",
    "A3": "g) A3: Placed for adoption - consent - current foster",
    "A4": "h) A4: Placed for adoption - consent - not foster",
    "A5": "i) A5: Placed for adoption - order - foster",
    "A6": "j) A6: Placed for adoption - order - not foster",
    "P1": "k) P1: Placed with parents",
    "P2": "l) P2: Independent living",
    "P3": "m) P3: Residential employment",
    "H5": "n) H5: Residential accommodation",
    "K1": "o) K1: Secure Children's Homes",
    "K2": "p) K2: Children's Homes",
    "R1": "q) R1: Residential Care Home",
    "R2": "r) R2: NHS/Health Trust",
    "R3": "s) R3: Family Centre or Mother and Baby Unit",
    "R5": "t) R5: Young Offender Institution",
    "S1": "u) S1: Residential school",
    "Z1": "v) Z1: Other placements",
    "T0": "w) T0: Temporary placement",
    "T1": "x) T1: Temporary placement - hospital",
    "T2": "y) T2: Temporary placement - holiday",
    "T3": "z) T3: Temporary placement - carer holiday",
    "T4": "zz) T4: Temporary placement - seven days or less"}
PLACEMENT_TYPE = {code: _PLACEMENT_2019.get(code, f"{code}: {label}")
                  for code, label in codes.PlacementType.choices}

PROVIDER = {"PR0": "a) PR0: Parents/Parental responsibility", "PR1": "b) PR1: Own provision",
            "PR2": "c) PR2: Other LA provision", "PR3": "d) PR3: Other public provision",
            "PR4": "e) PR4: Private provision", "PR5": "f) PR5: Voluntary/third sector"}

LOCATION_IN, LOCATION_OUT = "a) In", "b) Out"

ELIGIBILITY = {"relevant": "a) Relevant child", "former_relevant": "b) Former relevant child",
               "qualifying": "c) Qualifying care leaver"}
IN_TOUCH = {"YES": "a) Yes", "NO": "b) No", "DIED": "c) Died", "REFU": "d) Refu",
            "NREQ": "e) NREQ", "RHOM": "f) Rhom"}
SUITABLE, UNSUITABLE = "a) Suitable", "b) Unsuitable"
#: 903 ACTIV "0" (not in touch, died, returned home) has no Annex A code: the cell is blank.
NO_ACTIVITY = "0"


def yes_no(value: bool) -> str:
    return YES if value else NO


def yes_no_unknown(value: bool | None) -> str:
    return UNKNOWN if value is None else yes_no(value)
