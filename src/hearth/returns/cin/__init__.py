"""The Children in Need census: extract -> derive -> render -> validate (and import).

Spec: shared/reference/cin-census.md (the DfE's CIN census XSD 2023/2024 and Data to Insight's
csc-validator-be-cin rules for each collection year).
"""
