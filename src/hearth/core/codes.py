"""DfE and Ofsted code lists, one ``TextChoices`` each, with the DfE's own code as the value.

Sources: the SSDA903 guidance and validator rules, the CIN census XSD, Ofsted's Annex A
``Codes_used`` sheet (see ``shared/reference``). Where a list changed between collection years
the enum holds every code a record may carry and ``valid_in`` helpers say which a year accepts.
"""

from __future__ import annotations

from django.db import models


class Sex(models.TextChoices):
    """Reported sex as the 903 and CIN census record it from 2024-25 (M/F/U)."""

    MALE = "M", "Male"
    FEMALE = "F", "Female"
    UNKNOWN = "U", "Not known / unborn"


class Ethnicity(models.TextChoices):
    WBRI = "WBRI", "White British"
    WIRI = "WIRI", "White Irish"
    WIRT = "WIRT", "Traveller of Irish heritage"
    WOTH = "WOTH", "Any other White background"
    WROM = "WROM", "Gypsy/Roma"
    MWBC = "MWBC", "White and Black Caribbean"
    MWBA = "MWBA", "White and Black African"
    MWAS = "MWAS", "White and Asian"
    MOTH = "MOTH", "Any other mixed background"
    AIND = "AIND", "Indian"
    APKN = "APKN", "Pakistani"
    ABAN = "ABAN", "Bangladeshi"
    AOTH = "AOTH", "Any other Asian background"
    BCRB = "BCRB", "Caribbean"
    BAFR = "BAFR", "African"
    BOTH = "BOTH", "Any other Black background"
    CHNE = "CHNE", "Chinese"
    OOTH = "OOTH", "Any other ethnic group"
    REFU = "REFU", "Refused"
    NOBT = "NOBT", "Information not yet obtained"


class Disability(models.TextChoices):
    """CIN census disability codes (NONE is not stored: no rows means no disability)."""

    MOB = "MOB", "Mobility"
    HAND = "HAND", "Hand function"
    PC = "PC", "Personal care"
    INC = "INC", "Incontinence"
    COMM = "COMM", "Communication"
    LD = "LD", "Learning"
    HEAR = "HEAR", "Hearing"
    VIS = "VIS", "Vision"
    BEH = "BEH", "Behaviour"
    CON = "CON", "Consciousness"
    AUT = "AUT", "Autism or Asperger's syndrome"
    DDA = "DDA", "Other (disabled under DDA but not in the defined categories)"


class UPNUnknown(models.TextChoices):
    UN1 = "UN1", "Not of school age and not yet assigned a UPN"
    UN2 = "UN2", "Never attended a maintained school in England"
    UN3 = "UN3", "Educated outside England"
    UN4 = "UN4", "Newly looked after and UPN not yet known"
    UN5 = "UN5", "Sources collating UPNs reflect discrepancies"
    UN6 = "UN6", "UN6 (CIN census)"
    UN7 = "UN7", "Referral with no further action"


class ReferralSource(models.TextChoices):
    """Source of a contact or referral (CIN census ReferralSource, Annex A lists 1 and 3)."""

    FAMILY = "1A", "Individual: family member, relative or carer"
    ACQUAINTANCE = "1B", "Individual: acquaintance"
    SELF = "1C", "Individual: self"
    INDIVIDUAL_OTHER = "1D", "Individual: other"
    SCHOOLS = "2A", "Schools"
    EDUCATION = "2B", "Education services"
    GP = "3A", "Health: GP"
    HEALTH_VISITOR = "3B", "Health: health visitor"
    SCHOOL_NURSE = "3C", "Health: school nurse"
    PRIMARY_HEALTH = "3D", "Health: other primary health services"
    A_AND_E = "3E", "Health: A&E"
    HEALTH_OTHER = "3F", "Health: other"
    HOUSING = "4", "Housing"
    LA_SOCIAL_CARE = "5A", "LA services: social care"
    LA_INTERNAL = "5B", "LA services: other internal"
    LA_EXTERNAL = "5C", "LA services: external"
    EARLY_HELP = "5D", "LA services: early help"
    POLICE = "6", "Police"
    LEGAL = "7", "Other legal agency"
    OTHER = "8", "Other"
    ANONYMOUS = "9", "Anonymous"
    UNKNOWN = "10", "Unknown"


class ContactDecision(models.TextChoices):
    """The front-door decision on a contact (within one working day)."""

    NO_FURTHER_ACTION = "nfa", "No further action"
    INFORMATION_ADVICE = "advice", "Information and advice"
    EARLY_HELP = "early_help", "Early help"
    REFERRAL = "referral", "Referral to children's social care"


class PrimaryNeed(models.TextChoices):
    N1 = "N1", "Abuse or neglect"
    N2 = "N2", "Child's disability"
    N3 = "N3", "Parental disability or illness"
    N4 = "N4", "Family in acute stress"
    N5 = "N5", "Family dysfunction"
    N6 = "N6", "Socially unacceptable behaviour"
    N7 = "N7", "Low income"
    N8 = "N8", "Absent parenting"
    N9 = "N9", "Cases other than children in need"
    N0 = "N0", "Not stated"


#: 903 episodes carry the category of need N1-N8 only.
CATEGORY_OF_NEED_903 = tuple(f"N{i}" for i in range(1, 9))


class CINClosureReason(models.TextChoices):
    RC1 = "RC1", "Adopted"
    RC2 = "RC2", "Died"
    RC3 = "RC3", "Child arrangements order"
    RC4 = "RC4", "Special guardianship order"
    RC5 = "RC5", "Transferred to services of another local authority"
    RC6 = "RC6", "Transferred to adult social care services"
    RC7 = "RC7", "Services ceased for any other reason, including child no longer in need"
    RC8 = "RC8", "Case closed after assessment, no further action"
    RC9 = "RC9", "Case closed after assessment, referred to early help"


class AssessmentFactor(models.TextChoices):
    F1A = "1A", "Alcohol misuse: child"
    F1B = "1B", "Alcohol misuse: parent/carer"
    F1C = "1C", "Alcohol misuse: other person in household"
    F2A = "2A", "Drug misuse: child"
    F2B = "2B", "Drug misuse: parent/carer"
    F2C = "2C", "Drug misuse: other person in household"
    F3A = "3A", "Domestic abuse: child subject"
    F3B = "3B", "Domestic abuse: parent/carer subject"
    F3C = "3C", "Domestic abuse: other person in household subject"
    F4A = "4A", "Mental health: child"
    F4B = "4B", "Mental health: parent/carer"
    F4C = "4C", "Mental health: other person in household"
    F5A = "5A", "Learning disability: child"
    F5B = "5B", "Learning disability: parent/carer"
    F5C = "5C", "Learning disability: other person in household"
    F6A = "6A", "Physical disability or illness: child"
    F6B = "6B", "Physical disability or illness: parent/carer"
    F6C = "6C", "Physical disability or illness: other person in household"
    F7A = "7A", "Young carer"
    F8B = "8B", "Privately fostered: overseas, intends to return"
    F8C = "8C", "Privately fostered: overseas, intends to stay"
    F8D = "8D", "Privately fostered: UK, educational placement"
    F8E = "8E", "Privately fostered: UK, alternative family arrangements"
    F8F = "8F", "Privately fostered: other"
    F9A = "9A", "Unaccompanied asylum-seeking child"
    F10A = "10A", "Missing"
    F11A = "11A", "Child sexual exploitation"
    F12A = "12A", "Trafficking"
    F13A = "13A", "Gangs"
    F14A = "14A", "Socially unacceptable behaviour"
    F15A = "15A", "Self-harm"
    F16A = "16A", "Neglect"
    F17A = "17A", "Emotional abuse"
    F18B = "18B", "Physical abuse: child on child"
    F18C = "18C", "Physical abuse: adult on child"
    F19B = "19B", "Sexual abuse: child on child"
    F19C = "19C", "Sexual abuse: adult on child"
    F20 = "20", "Other"
    F21 = "21", "No factors identified"
    F22A = "22A", "Female genital mutilation"
    F23A = "23A", "Abuse linked to faith or belief"
    F24A = "24A", "Child criminal exploitation"


class AssessmentOutcome(models.TextChoices):
    NO_FURTHER_ACTION = "nfa", "No further action"
    EARLY_HELP = "early_help", "Step down to early help"
    CIN_PLAN = "cin_plan", "Child in need plan"
    STRATEGY = "strategy", "Strategy discussion (child protection concerns)"
    LOOKED_AFTER = "looked_after", "Become looked after"
    CONTINUE = "continue", "Continue current plan"


class Agency(models.TextChoices):
    """Agencies attending strategy discussions, conferences and core groups."""

    SOCIAL_CARE = "social_care", "Children's social care"
    POLICE = "police", "Police"
    HEALTH = "health", "Health"
    EDUCATION = "education", "Education"
    PROBATION = "probation", "Probation"
    HOUSING = "housing", "Housing"
    YOUTH_JUSTICE = "youth_justice", "Youth justice"
    ADULT_SERVICES = "adult_services", "Adult services"
    LEGAL = "legal", "Legal services"
    VOLUNTARY = "voluntary", "Voluntary sector"
    OTHER = "other", "Other"


class CategoryOfAbuse(models.TextChoices):
    NEGLECT = "NEG", "Neglect"
    PHYSICAL = "PHY", "Physical abuse"
    SEXUAL = "SAB", "Sexual abuse"
    EMOTIONAL = "EMO", "Emotional abuse"
    MULTIPLE = "MUL", "Multiple / not recommended"


class LegalStatus(models.TextChoices):
    C1 = "C1", "Interim care order"
    C2 = "C2", "Full care order"
    D1 = "D1", "Freeing order granted"
    E1 = "E1", "Placement order granted"
    V2 = "V2", "Single period of accommodation under section 20"
    V3 = "V3", "Short-term breaks, individual episodes recorded"
    V4 = "V4", "Short-term breaks, agreements recorded"
    L1 = "L1", "Police protection and in LA accommodation"
    L2 = "L2", "Emergency protection order"
    L3 = "L3", "Child assessment order and in LA accommodation"
    J1 = "J1", "Remanded to LA or youth detention accommodation"
    J2 = "J2", "LA accommodation under PACE"
    J3 = "J3", "Youth rehabilitation order with residence or fostering requirement"


class PlacementType(models.TextChoices):
    A3 = "A3", "Placed for adoption with consent with current foster carer(s)"
    A4 = "A4", "Placed for adoption with consent not with current foster carer(s)"
    A5 = "A5", "Placed for adoption with placement order with current foster carer(s)"
    A6 = "A6", "Placed for adoption with placement order not with current foster carer(s)"
    H5 = "H5", "Semi-independent living not subject to children's homes regulations"
    K1 = "K1", "Secure children's home"
    K2 = "K2", "Children's home"
    K3 = "K3", "Registered supported accommodation"
    P1 = "P1", "Placed with own parent(s) or other person(s) with parental responsibility"
    P2 = "P2", "Independent living"
    P3 = "P3", "Residential employment"
    R1 = "R1", "Residential care home"
    R2 = "R2", "NHS/health trust or other medical or nursing establishment"
    R3 = "R3", "Family centre or mother and baby unit"
    R5 = "R5", "Young offender institution"
    S1 = "S1", "Residential school"
    T0 = "T0", "Temporary move"
    T1 = "T1", "Temporary period in hospital"
    T2 = "T2", "Temporary absence on holiday"
    T3 = "T3", "Temporary accommodation while foster carer(s) on holiday"
    T4 = "T4", "Temporary accommodation of seven days or less"
    U1 = "U1", "Foster: relative/friend, long term"
    U2 = "U2", "Foster: relative/friend, fostering for adoption / concurrent planning"
    U3 = "U3", "Foster: relative/friend, other"
    U4 = "U4", "Foster: other carer, long term"
    U5 = "U5", "Foster: other carer, fostering for adoption / concurrent planning"
    U6 = "U6", "Foster: other carer, other"
    Z1 = "Z1", "Other placement"
    Z11 = "Z11", "Other placement (Z11)"
    Z12 = "Z12", "Other placement (Z12)"
    Z13 = "Z13", "Other placement (Z13)"
    Z14 = "Z14", "Other placement (Z14)"


FOSTER_PLACEMENTS = frozenset({"U1", "U2", "U3", "U4", "U5", "U6"})
ADOPTION_PLACEMENTS = frozenset({"A3", "A4", "A5", "A6"})
TEMPORARY_PLACEMENTS = frozenset({"T0", "T1", "T2", "T3", "T4"})


def placement_types_valid_in(collection_year: int) -> frozenset[str]:
    """Placement codes the 903 accepts in the collection year ending 31 March of that year."""
    base = {c for c in PlacementType.values if c not in {"K3", "Z11", "Z12", "Z13", "Z14"}}
    if collection_year >= 2026:
        return frozenset((base - {"H5", "P2", "Z1"}) | {"K3", "Z11", "Z12", "Z13", "Z14"})
    if collection_year == 2025:
        return frozenset(base | {"K3"})
    return frozenset(base)


class PlacementProvider(models.TextChoices):
    PR0 = "PR0", "Parent(s) or other person(s) with parental responsibility"
    PR1 = "PR1", "Own provision (by the LA)"
    PR2 = "PR2", "Other LA provision"
    PR3 = "PR3", "Other public provision"
    PR4 = "PR4", "Private provision"
    PR5 = "PR5", "Voluntary/third sector provision"


class ReasonNewEpisode(models.TextChoices):
    S = "S", "Started to be looked after"
    L = "L", "Change of legal status only"
    P = "P", "Change of placement and carer(s) only"
    T = "T", "Change of placement (same carer(s)) only"
    B = "B", "Change of legal status and placement and carer(s)"
    U = "U", "Change of legal status and placement (same carer(s))"


class ReasonEpisodeCeased(models.TextChoices):
    X1 = "X1", "Episode ceases and new episode begins on the same day"
    E11 = "E11", "Adopted: application unopposed"
    E12 = "E12", "Adopted: consent dispensed with by the court"
    E13 = "E13", "Left care to live with parent(s), relative(s) or other person(s) with no PR"
    E14 = "E14", "Accommodation on remand ended"
    E15 = "E15", "Age assessment determined child is aged 18 or over"
    E16 = "E16", "Child moved abroad"
    E17 = "E17", "Aged 18 (or over) and remained with current carers"
    E2 = "E2", "Died"
    E3 = "E3", "Care taken over by another local authority in the UK"
    E4A = "E4A", "Returned home as part of the care planning process"
    E4B = "E4B", "Returned home, not part of the care planning process"
    E41 = "E41", "Residence order or child arrangements order granted"
    E45 = "E45", "SGO to former foster carer(s) who are relatives or friends"
    E46 = "E46", "SGO to former foster carer(s), not relatives or friends"
    E47 = "E47", "SGO to carer(s), not former foster carers, who are relatives or friends"
    E48 = "E48", "SGO to carer(s), not former foster carers, not relatives or friends"
    E5 = "E5", "Independent living with formalised advice/support"
    E6 = "E6", "Independent living with no formalised advice/support"
    E7 = "E7", "Transferred to residential care funded by adult social care"
    E8 = "E8", "Ceased for any other reason"
    E9 = "E9", "Sentenced to custody"


#: Reasons a whole period of care can end (X1 only ends an episode within a period).
REASONS_CARE_ENDED = tuple(c for c in ReasonEpisodeCeased.values if c != "X1")


class ReasonPlacementChange(models.TextChoices):
    CARPL = "CARPL", "Change to/implementation of care plan"
    CLOSE = "CLOSE", "Resignation/closure of provision"
    ALLEG = "ALLEG", "Allegation (s47)"
    STAND = "STAND", "Standards of care concern"
    APPRR = "APPRR", "Approval removed"
    CREQB = "CREQB", "Carer(s) request placement end due to child's behaviour"
    CREQO = "CREQO", "Carer(s) request placement end, other reason"
    CHILD = "CHILD", "Child requests placement end"
    LAREQ = "LAREQ", "Responsible/area authority requests placement end"
    PLACE = "PLACE", "Change in the status of placement only"
    CUSTOD = "CUSTOD", "Custody arrangement"
    OTHER = "OTHER", "Other"


class ReviewParticipation(models.TextChoices):
    PN0 = "PN0", "Child aged under 4 at the time of the review"
    PN1 = "PN1", "Attends and speaks for self"
    PN2 = "PN2", "Attends and an advocate speaks"
    PN3 = "PN3", "Attends and conveys view symbolically"
    PN4 = "PN4", "Attends but does not convey view"
    PN5 = "PN5", "Does not attend but briefs an advocate"
    PN6 = "PN6", "Does not attend but conveys feelings by a facilitative medium"
    PN7 = "PN7", "Does not attend nor are views conveyed"


class MissingType(models.TextChoices):
    MISSING = "M", "Missing (whereabouts not known)"
    AWAY = "A", "Away from placement without authorisation"


class SDQReason(models.TextChoices):
    SDQ1 = "SDQ1", "Child aged under 4 or over 16"
    SDQ2 = "SDQ2", "Carer(s) refused"
    SDQ3 = "SDQ3", "Not possible due to severity of disability"
    SDQ4 = "SDQ4", "Other"
    SDQ5 = "SDQ5", "Child or young person refuses"


class PermanencePlan(models.TextChoices):
    """Annex A list 8 'What is the permanence plan for this child?'."""

    RETURN_HOME = "return_home", "Return to family"
    ADOPTION = "adoption", "Adoption"
    SGO_CAO = "sgo_cao", "SGO/CAO"
    SUPPORTED_LIVING = "supported_living", "Supported living in the community"
    LONG_TERM_RESIDENTIAL = "residential", "Long-term residential placement"
    LONG_TERM_FOSTERING = "fostering", "Long-term fostering"
    OTHER = "other", "Other"


class PreviousPermanence(models.TextChoices):
    P1 = "P1", "Adoption"
    P2 = "P2", "Special guardianship order"
    P3 = "P3", "Residence order or child arrangements order"
    P4 = "P4", "Unknown"
    Z1 = "Z1", "No previous permanence option"


class ReasonPlacedCeased(models.TextChoices):
    RD1 = "RD1", "The child's needs changed after the decision"
    RD2 = "RD2", "The court did not make a placement order"
    RD3 = "RD3", "Prospective adopters could not be found"
    RD4 = "RD4", "Any other reason"


class AdoptersSex(models.TextChoices):
    M1 = "M1", "Single male"
    F1 = "F1", "Single female"
    MM = "MM", "Both male"
    FF = "FF", "Both female"
    MF = "MF", "Male and female"


class AdoptersLegalStatus(models.TextChoices):
    L0 = "L0", "Single adopter"
    L11 = "L11", "Different-gender married couple"
    L12 = "L12", "Same-gender married couple"
    L2 = "L2", "Civil partnership couple"
    L3 = "L3", "Different-gender unmarried couple"
    L4 = "L4", "Same-gender unmarried couple"


class CareLeaverEligibility(models.TextChoices):
    RELEVANT = "relevant", "Relevant child"
    FORMER_RELEVANT = "former_relevant", "Former relevant child"
    QUALIFYING = "qualifying", "Qualifying care leaver"


class CareLeaverInTouch(models.TextChoices):
    """903 OC3 IN_TOUCH."""

    YES = "YES", "In touch"
    NO = "NO", "Not in touch"
    DIED = "DIED", "Died"
    REFU = "REFU", "Refuses contact"
    NREQ = "NREQ", "No longer requires services"
    RHOM = "RHOM", "Returned home for 6 months or more"


class CareLeaverActivity(models.TextChoices):
    """903 OC3 ACTIV (F3/P3 are retired and not accepted)."""

    F1 = "F1", "Full time in higher education"
    P1 = "P1", "Part time in higher education"
    F2 = "F2", "Full time in education other than higher"
    P2 = "P2", "Part time in education other than higher"
    F4 = "F4", "Full time apprenticeship"
    P4 = "P4", "Part time apprenticeship"
    F5 = "F5", "Full time training or employment (not apprenticeship)"
    P5 = "P5", "Part time training or employment (not apprenticeship)"
    G4 = "G4", "NEET: illness or disability"
    G5 = "G5", "NEET: other"
    G6 = "G6", "NEET: pregnancy or parenting"
    NONE = "0", "Not in touch / died / returned home"


EET_ACTIVITIES = frozenset({"F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5"})


class CareLeaverAccommodation(models.TextChoices):
    """903 OC3 accommodation type (the letter of ACCOM; the digit says suitability)."""

    B = "B", "With parents or relatives"
    C = "C", "Community home / residential care"
    D = "D", "Semi-independent / transitional"
    E = "E", "Supported lodgings"
    G = "G", "Gone abroad"
    H = "H", "Deported"
    K = "K", "Ordinary lodgings"
    R = "R", "Residence not known"
    S = "S", "No fixed abode / homeless"
    T = "T", "Foyer"
    U = "U", "Independent living"
    V = "V", "Emergency accommodation"
    W = "W", "Bed and breakfast"
    X = "X", "In custody"
    Y = "Y", "Other"
    Z = "Z", "With former foster carers"


class SocialWorkerChangeReason(models.TextChoices):
    """903 SW_REASON. The DfE descriptions were not retrieved: these follow the codes and the
    validator's rule messages (SW10b calls FCONTA the first contact)."""

    MANAGE = "MANAGE", "Management decision"
    FCONTA = "FCONTA", "First contact (the child's first social worker)"
    LEFTRL = "LEFTRL", "Worker left the role"
    ORGRST = "ORGRST", "Organisational restructure"
    TSPROC = "TSPROC", "Transfer between teams as part of the process"
    ABSENC = "ABSENC", "Worker absence"
    CHCHAN = "CHCHAN", "Child's circumstances changed"
    PCCHAN = "PCCHAN", "Placement or care plan changed"
    SWDIED = "SWDIED", "Worker died"
    OTHERS = "OTHERS", "Other"


class TeamFunction(models.TextChoices):
    FRONT_DOOR = "front_door", "Front door / MASH"
    EARLY_HELP = "early_help", "Early help"
    ASSESSMENT = "assessment", "Assessment"
    FAMILY_SUPPORT = "family_support", "Family support and protection"
    CHILDREN_IN_CARE = "children_in_care", "Children in care"
    LEAVING_CARE = "leaving_care", "Leaving care"
    ADOPTION = "adoption", "Adoption and permanence"
    IRO = "iro", "Independent reviewing"
    QUALITY = "quality", "Quality assurance and performance"
    LEADERSHIP = "leadership", "Leadership"


class WorkerRole(models.TextChoices):
    SOCIAL_WORKER = "social_worker", "Social worker"
    SENIOR_PRACTITIONER = "senior_practitioner", "Senior practitioner"
    TEAM_MANAGER = "team_manager", "Team manager"
    EARLY_HELP_PRACTITIONER = "early_help_practitioner", "Early help practitioner"
    PERSONAL_ADVISER = "personal_adviser", "Personal adviser"
    IRO = "iro", "Independent reviewing officer / CP chair"
    HEAD_OF_SERVICE = "head_of_service", "Head of service"
    DIRECTOR = "director", "Director of children's services"
    ANALYST = "analyst", "Performance analyst"


CASE_HOLDING_ROLES = frozenset({"social_worker", "senior_practitioner"})


class EmploymentType(models.TextChoices):
    PERMANENT = "permanent", "Permanent"
    AGENCY = "agency", "Agency"


class RelationshipType(models.TextChoices):
    MOTHER = "mother", "Mother"
    FATHER = "father", "Father"
    STEP_PARENT = "step_parent", "Step-parent"
    GRANDPARENT = "grandparent", "Grandparent"
    AUNT_UNCLE = "aunt_uncle", "Aunt or uncle"
    SIBLING = "sibling", "Sibling"
    HALF_SIBLING = "half_sibling", "Half-sibling"
    FOSTER_CARER = "foster_carer", "Foster carer"
    SPECIAL_GUARDIAN = "special_guardian", "Special guardian"
    CHILD = "child", "Own child (the young person is the parent)"
    OTHER = "other", "Other"


class VisitKind(models.TextChoices):
    CIN = "cin", "Child in need visit"
    CP = "cp", "Child protection visit"
    CLA = "cla", "Looked-after child statutory visit"
    IRO = "iro", "IRO visit or contact"


class HealthCheckKind(models.TextChoices):
    INITIAL = "iha", "Initial health assessment"
    REVIEW = "rha", "Review health assessment"
    DENTAL = "dental", "Dental check"
    IMMUNISATIONS = "immunisations", "Immunisations up to date"
    DEVELOPMENT = "development", "Development assessment (under 5)"
