"""The 903 tables: name, file, exact columns in order, and the years that have them.

Columns are those of the validator's ``lac_validator/config.py`` (csc-validator-be-903 0.1.17),
which matches each CSV to a table by its exact set of headers (shared/reference/ssda903.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

#: A row: a code or text, a date (rendered dd/mm/YYYY), or blank.
Value = str | dt.date | None
Row = dict[str, Value]


@dataclass(frozen=True)
class Table:
    name: str
    file_name: str
    columns: tuple[str, ...]
    first_year: int = 0  # collection year (ending 31 March) the DfE first collects it


TABLES: tuple[Table, ...] = (
    Table("Header", "header.csv",
          ("CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB")),
    Table("Episodes", "episodes.csv",
          ("CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
           "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN")),
    Table("UASC", "uasc.csv", ("CHILD", "SEX", "DOB", "DUC")),
    Table("Reviews", "reviews.csv", ("CHILD", "DOB", "REVIEW", "REVIEW_CODE")),
    Table("OC2", "oc2.csv",
          ("CHILD", "DOB", "SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK",
           "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE",
           "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED")),
    Table("OC3", "oc3.csv", ("CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM")),
    Table("AD1", "ad1.csv",
          ("CHILD", "DOB", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR",
           "LS_ADOPTR")),
    Table("PlacedAdoption", "placed_for_adoption.csv",
          ("CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED")),
    Table("PrevPerm", "previous_permanence.csv",
          ("CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM")),
    Table("Missing", "missing.csv", ("CHILD", "DOB", "MISSING", "MIS_START", "MIS_END")),
    # Social worker episodes: new for 2023-24.
    Table("SWEpisodes", "sw_episodes.csv",
          ("CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"), first_year=2024),
    # Deprivation of liberty orders: validator rules 700-710 from 2026-27.
    Table("DoLo", "DoLo.csv", ("CHILD", "DOB", "DOLO_START", "DOLO_END"), first_year=2027),
)

BY_NAME = {t.name: t for t in TABLES}


def tables_for(year: int) -> tuple[Table, ...]:
    """The tables the return for the year ending 31 March ``year`` has."""
    return tuple(t for t in TABLES if year >= t.first_year)
