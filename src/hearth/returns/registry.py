"""The statutory returns the Returns page can generate: one ``ReturnType`` entry per return.

Issue 5. Each entry names the return, the kind of period it covers, and its two steps as
functions of plain values (``base``): ``generate`` (extract -> derive -> render, DESIGN.md
"Returns") and ``validate`` (the external validator, or ``None`` where there is none). The page,
the form, the background task and the downloads read only this table, so adding a return is
one entry in ``RETURNS``:

- SSDA903 (children looked after, DfE): a collection year ending 31 March.
- CIN census (DfE): a collection year ending 31 March (``returns/cin``).
- Ofsted Annex A (the inspection data set): as at a date the council chooses
  (``returns/annex_a``); Ofsted publishes no validator for it.
"""

from __future__ import annotations

from hearth.returns.annex_a import page as annex_a
from hearth.returns.base import Period, PeriodKind, ReturnType
from hearth.returns.cin import page as cin
from hearth.returns.ssda903 import page as ssda903

#: Every return the page offers, by key, in the order the page lists them.
RETURNS: dict[str, ReturnType] = {r.key: r for r in (
    ReturnType(
        key="ssda903",
        title="SSDA903: children looked after",
        period_kind=PeriodKind.COLLECTION_YEAR,
        generate=ssda903.generate,
        validate=ssda903.validate,
        earliest=Period.collection_year(ssda903.FIRST_YEAR).end,
        hint="The DfE's return of children looked after and care leavers, for a year to "
             "31 March, checked with Data to Insight's validator.",
    ),
    ReturnType(
        key="cin",
        title="CIN census: children in need",
        period_kind=PeriodKind.COLLECTION_YEAR,
        generate=cin.generate,
        validate=cin.validate,
        earliest=Period.collection_year(cin.FIRST_YEAR).end,
        hint="The DfE's census of children in need and child protection, for a year to "
             "31 March, checked with Data to Insight's validator (its queries are listed but "
             "are not errors).",
    ),
    ReturnType(
        key="annex_a",
        title="Ofsted Annex A: child level data",
        period_kind=PeriodKind.AS_OF_DATE,
        generate=annex_a.generate,
        validate=None,
        earliest=annex_a.FIRST_AS_OF,
        hint="The eleven lists Ofsted asks for when it announces an inspection (ILACS), as "
             "at the date you choose, in one Excel workbook.",
    ),
)}


def return_type(key: str) -> ReturnType | None:
    """The registry's entry for ``key``, or ``None`` for a key it does not list."""
    return RETURNS.get(key)
