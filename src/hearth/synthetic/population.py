"""Children and their families: identity, characteristics, addresses, parents and siblings."""

from __future__ import annotations

import datetime as dt

from hearth.core.calendar import add_years
from hearth.people.models import Address, Child, ChildDisability, Person, Relationship, UASCStatus
from hearth.synthetic import identifiers, postcodes
from hearth.synthetic.context import ChildInfo, Ctx
from hearth.synthetic.names import FORENAMES_F, FORENAMES_M, SURNAMES

#: Ethnicity of children known to the council (a county with a mostly White British population).
ETHNICITIES: tuple[tuple[str, float], ...] = (
    ("WBRI", 0.735), ("WOTH", 0.05), ("WIRI", 0.005), ("WIRT", 0.004), ("WROM", 0.006),
    ("MWBC", 0.02), ("MWBA", 0.01), ("MWAS", 0.015), ("MOTH", 0.02), ("AIND", 0.01),
    ("APKN", 0.008), ("ABAN", 0.007), ("AOTH", 0.01), ("BCRB", 0.01), ("BAFR", 0.03),
    ("BOTH", 0.007), ("CHNE", 0.003), ("OOTH", 0.01), ("REFU", 0.002), ("NOBT", 0.008),
)
UASC_ETHNICITIES: tuple[tuple[str, float], ...] = (
    ("BAFR", 0.35), ("OOTH", 0.3), ("AOTH", 0.25), ("WOTH", 0.1),
)
DISABILITIES: tuple[tuple[str, float], ...] = (
    ("LD", 0.25), ("AUT", 0.25), ("BEH", 0.15), ("COMM", 0.12), ("MOB", 0.06), ("PC", 0.04),
    ("HEAR", 0.03), ("VIS", 0.03), ("HAND", 0.02), ("INC", 0.02), ("CON", 0.01), ("DDA", 0.02),
)
#: Age in years of a child when first known, for contacts (weights).
CONTACT_AGES: tuple[tuple[int, float], ...] = (
    (-1, 0.015), (0, 0.08), (1, 0.05), (2, 0.05), (3, 0.05), (4, 0.05), (5, 0.05), (6, 0.05),
    (7, 0.05), (8, 0.05), (9, 0.05), (10, 0.055), (11, 0.06), (12, 0.065), (13, 0.07),
    (14, 0.07), (15, 0.065), (16, 0.055), (17, 0.035),
)
#: Areas and their share of the county's children.
AREA_SHARES: tuple[tuple[str, float], ...] = (
    ("North East", 0.24), ("Mid", 0.26), ("South", 0.27), ("West", 0.23),
)


class Population:
    """Makes child records on demand and remembers them in ``ctx.children``."""

    def __init__(self, ctx: Ctx, area_ids: dict[str, int]) -> None:
        self.ctx = ctx
        self.area_ids = area_ids
        self.area_names = {v: k for k, v in area_ids.items()}
        self.postcodes = {name: postcodes.area_postcodes(name) for name in area_ids}
        self.serial = 0
        self.dfe = ctx.config.la_dfe_number

    def _postcode(self, area: int) -> str:
        return self.ctx.choice(self.postcodes[self.area_names[area]])

    def new_child(self, on: dt.date, *, age: int | None = None, uasc: bool = False,
                  area: int | None = None, surname: str | None = None,
                  postcode: str | None = None, born_on: dt.date | None = None) -> ChildInfo:
        """A child first known to the council on ``on``; ``age`` -1 means unborn."""
        ctx = self.ctx
        rng = ctx.rng
        if age is None:
            age = ctx.pick(CONTACT_AGES)
        unborn = age < 0
        if born_on is not None:
            unborn, expected = False, None
        elif unborn:
            expected = on + dt.timedelta(days=rng.randint(20, 160))
            born_on = expected + dt.timedelta(days=rng.randint(-14, 7))
        else:
            born_on = on - dt.timedelta(days=age * 365 + rng.randint(0, 364))
            expected = None
        assert born_on is not None
        born_by_end = born_on <= ctx.end
        sex = "M" if (uasc and ctx.chance(0.9)) or (not uasc and ctx.chance(0.52)) else "F"
        if unborn and not born_by_end:
            sex = "U"
        self.serial += 1
        area_id = area if area is not None else self.area_ids[ctx.pick(AREA_SHARES)]
        first = ctx.choice(FORENAMES_M if sex == "M" else FORENAMES_F) if born_by_end else "Baby"
        last = surname or ctx.choice(SURNAMES)
        age_at_end = (ctx.end - born_on).days // 365
        upn, upn_unknown = "", ""
        if uasc:
            upn_unknown = "UN2"
        elif age_at_end >= 5 and ctx.chance(0.96):
            # Establishment and serial together are unique per child (903 rule 444).
            upn = identifiers.upn(self.dfe, establishment=2000 + self.serial // 1000,
                                  year=min(born_on.year + 5, ctx.end.year),
                                  serial=self.serial % 1000)
        elif born_by_end:
            upn_unknown = "UN1" if age_at_end < 5 else "UN3"
        ethnicity = ctx.pick(UASC_ETHNICITIES if uasc else ETHNICITIES)
        child_id = ctx.add(
            Child,
            la_child_id=identifiers.la_child_id("SYN", self.serial),
            first_name=first, last_name=last,
            date_of_birth=born_on if born_by_end else None,
            expected_date_of_birth=None if born_by_end else expected,
            sex=sex, ethnicity=ethnicity, upn=upn, upn_unknown=upn_unknown,
            nhs_number=identifiers.nhs_number(self.serial) if born_by_end and not uasc else "",
        )
        if born_by_end and ctx.chance(0.08):
            for code in sorted({ctx.pick(DISABILITIES) for _ in range(rng.randint(1, 2))}):
                ctx.add(ChildDisability, child_id=child_id, code=code)
        postcode = postcode or self._postcode(area_id)
        moved_in = on if uasc else min(born_on, on)
        ctx.add(Address, child_id=child_id, line1=f"{rng.randint(1, 180)} Synthetic Road",
                postcode=postcode, start_date=moved_in)
        info = ChildInfo(id=child_id, dob=born_on, sex=sex, area=area_id, postcode=postcode,
                         born=born_by_end, uasc=uasc)
        ctx.children[child_id] = info
        if uasc:
            ctx.add(UASCStatus, child_id=child_id, start_date=on,
                    end_date=ctx.recorded(add_years(born_on, 18)))
        return info

    def add_family(self, child: ChildInfo, on: dt.date) -> None:
        """Parents (and sometimes a sibling known to the council) for a referred child."""
        ctx = self.ctx
        last = ctx.rows[Child].get(child.id, "last_name")
        for rel, sex in (("mother", "F"), ("father", "M")):
            if rel == "father" and ctx.chance(0.3):
                continue
            person = ctx.add(Person, first_name=ctx.choice(FORENAMES_F if sex == "F"
                                                            else FORENAMES_M),
                             last_name=last, sex=sex,
                             date_of_birth=child.dob - dt.timedelta(days=ctx.between(6500, 13000)))
            ctx.add(Relationship, child_id=child.id, person_id=person, relationship_type=rel,
                    parental_responsibility=True)
        if ctx.chance(0.22) and child.born:
            age = max(0, (on - child.dob).days // 365 + ctx.between(-4, 4))
            sibling = self.new_child(on, age=min(age, 17), area=child.area, surname=last,
                                     postcode=child.postcode)
            for a, b in ((child.id, sibling.id), (sibling.id, child.id)):
                ctx.add(Relationship, child_id=a, other_child_id=b, relationship_type="sibling")
            ctx.pools.known.append(sibling.id)

    def add_baby(self, mother: ChildInfo, born_on: dt.date) -> None:
        """A looked-after young woman's own baby (903 header MOTHER and MC_DOB)."""
        ctx = self.ctx
        baby = ctx.add(Person, first_name=ctx.choice(FORENAMES_F + FORENAMES_M),
                       last_name=ctx.rows[Child].get(mother.id, "last_name"),
                       date_of_birth=born_on, sex=ctx.choice(("M", "F")))
        ctx.add(Relationship, child_id=mother.id, person_id=baby, relationship_type="child",
                parental_responsibility=True, start_date=born_on)
