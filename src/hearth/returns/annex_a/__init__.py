"""Ofsted's Annex A (ILACS): the child-level lists 1 to 11 an inspection asks for.

``extract`` reads, with a fixed number of set-based queries, the records each list needs for the
period it covers (``window``); ``front_door``, ``open_cases`` and ``permanence`` turn those plain
values into the rows of lists 1-5, 6-8 and 9-11 without touching the database, using the code
labels in ``labels``; ``render`` writes the workbook with the headings of ``columns``, its
rows built in bulk by ``sheet_xml``. The spec is Ofsted's "Annex A - Child level data, Lists 1 -
11" (Guidance updated August 2019), as described in ``shared/reference/annex-a.md``.
"""
