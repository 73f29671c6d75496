"""SSDA903, the children looked after return (DfE), for the year ending 31 March.

``extract`` reads one collection year from the database into plain values (``case``),
``derive``, ``cohorts``, ``tables`` and ``outcomes`` turn them into the return's rows without
touching the database, ``render`` writes the CSV files the DfE and Data to Insight's validator
read, and ``validate`` runs that validator in its own virtualenv.

``importer`` runs it backwards for a council migrating to Hearth: ``read`` checks the files,
``rebuild`` turns rows back into records, ``verify`` derives the return again from them and
refuses any row that would not come back as it is, and ``load`` writes them in bulk.
"""
