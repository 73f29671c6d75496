"""The sheets of Annex A and their headings, copied from Ofsted's 2019 template.

Each sheet is ``List_N``; its first row holds the headings below, in this order. The text is
exact, including the template's curly quotes and trailing spaces (``shared/reference/annex-a.md``
lists them), because LAs' and Ofsted's tools find the columns by their headings. List 9 has the
2019 template's 13 columns followed by the four the newer layout (liia-tools' 2023-24 Annex A
schema) adds and Hearth can fill.
"""

from __future__ import annotations

from dataclasses import dataclass

COMMON: tuple[str, ...] = (
    "Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)")
DISABILITY = "Does the Child have a Disability"
ALLOCATED = ("Allocated Team", "Allocated Worker")


@dataclass(frozen=True)
class AnnexList:
    """One list: its number, the sheet it goes on, what it holds and its headings."""

    number: int
    title: str
    columns: tuple[str, ...]

    @property
    def sheet(self) -> str:
        return f"List_{self.number}"


LISTS: tuple[AnnexList, ...] = (
    AnnexList(1, "Contacts", (*COMMON, "Date of Contact", "Contact Source")),
    AnnexList(2, "Early Help", (
        *COMMON, "Assessment start date", "Assessment completion date",
        "Organisation completing assessment")),
    AnnexList(3, "Referral", (
        *COMMON, "Date of referral", "Referral Source", "Referral NFA?",
        "Number of Referrals in Last 12 Months", *ALLOCATED)),
    AnnexList(4, "Assessments", (
        *COMMON, DISABILITY, "Continuous Assessment Start Date",
        "Child Seen During Continuous Assessment", "Continuous Assessment Date of Authorisation",
        "Was the child assessed as requiring LA children\u2019s social care support",
        *ALLOCATED)),
    AnnexList(5, "Section 47 enquiries and Initial Child Protection Conferences", (
        *COMMON, DISABILITY, "Strategy discussion initiating Section 47 Enquiry Start Date",
        "Was an Initial Child Protection Conference deemed unnecessary?",
        "Date of Initial Child Protection Conference",
        "Did the Initial Child Protection Conference Result in a Child Protection Plan",
        "Number of Section 47 Enquiries in the last 12 months",
        "Number of ICPCs in the last 12 months", *ALLOCATED)),
    AnnexList(6, "Children in Need", (
        *COMMON, DISABILITY, "CIN Start Date", "Primary Need Code", "Date Child Was Last Seen",
        "CIN Closure Date", "Reason for Closure", "Case status", *ALLOCATED)),
    AnnexList(7, "Child protection", (
        *COMMON, DISABILITY, "Child Protection Plan Start Date", "Initial Category of Abuse",
        "Latest Category of Abuse", "Date of the Last Statutory Visit",
        "Was the Child Seen Alone?", "Date of latest review conference",
        "Child Protection Plan End Date",
        "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six "
        "Months (Y/N)",
        "Number of Previous Child Protection Plans", *ALLOCATED)),
    AnnexList(8, "Children in care", (
        *COMMON,
        "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)",
        DISABILITY, "Date Started to be Looked After", "Child's Category of Need",
        "Is this a second or subsequent period of being a Looked After Child within the last "
        "12 months (Y/N)",
        "Start date of current legal status", "Child's Legal Status",
        "Date of Latest Statutory Review", "Date of Last Social Work Visit",
        "What is the permanence plan for this child?",
        "Date of Last IRO Visit / Contact to the Child", "Date of Last Health Assessment",
        "Date of Last Dental Check", "Number of Placements in the Last 12 months",
        "Date Ceased to be Looked After ", "Reason Ceased to be Looked After",
        "Start Date of Most Recent Placement", "Placement Type", "Placement Provider",
        "Placement postcode", "URN of Placement", "Placement Location", "LA of Placement",
        "Number of Episodes the Child has been \u2018Missing\u2019 from their Placement in the "
        "last 12 months",
        "Number of Episodes the Child has been \u2018Absent\u2019 from their Placement in the "
        "last 12 months",
        "Was the child offered a Return Interview after their last missing episode (Y/N)?",
        "Did the child accept a Return Interview after their last missing episode (Y/N)?",
        *ALLOCATED)),
    AnnexList(9, "Care leavers", (
        *COMMON, DISABILITY, *ALLOCATED, "Eligibility Category", "LA In Touch ",
        "Type of Accommodation", "Suitability of Accommodation", "Activity Status",
        "Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)",
        "Allocated Personal Advisor", "Latest Pathway Plan Review Date",
        "Latest Date of Contact")),
    AnnexList(10, "Adoption", (
        "Child Unique ID", "Family identifier", "Gender", "Ethnicity", "Date of Birth",
        "Age of Child (Years)", DISABILITY, "Date the Child Entered Care",
        "Date of Decision that Child Should be Placed for Adoption", "Date of Placement Order",
        "Date of Matching Child and Prospective Adopters", "Date Placed for Adoption",
        "Date of Adoption Order ",
        "Date of Decision that Child Should No Longer be Placed for Adoption",
        "Reason Why Child No Longer Placed for Adoption",
        "Date the child was placed for fostering in FFA or concurrent planning placement")),
    AnnexList(11, "Adopters", (
        "Individual adopter identifier", "Family identifier", "Gender", "Ethnicity",
        "Disability", "Is the (prospective) adopter fostering for adoption?",
        "Date enquiry received", "Date Stage 1 started", "Date Stage 1 ended",
        "Date Stage 2 started", "Date Stage 2 ended", "Date application submitted",
        "Date application approved", "Date adopter matched with child(ren)",
        "Date child/children placed with adopter(s)", "No. of children placed",
        "Date of Adoption Order", "Date of leaving adoption process",
        "Reason for leaving adoption process")),
)

BY_NUMBER = {annex_list.number: annex_list for annex_list in LISTS}
