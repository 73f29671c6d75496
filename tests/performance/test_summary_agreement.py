"""The measures agree with the synthetic council's own yearly summary where they overlap: the
same referrals, re-referrals, assessments, s47 enquiries, ICPCs and 31 March stocks."""

from __future__ import annotations

import datetime as dt

from django.core.management import call_command

from hearth.organisation.models import LocalAuthority
from hearth.performance.measures import compute
from hearth.synthetic.summary import summary

#: hearth summary's figure -> the measure id and which part of it to compare.
SAME_FIGURES = {
    "contacts": ("contacts_count", "numerator"),
    "referrals": ("referrals_count", "numerator"),
    "rereferral_pct": ("rereferral_12m_pct", "value"),
    "assessments": ("assessments_count", "numerator"),
    "s47": ("s47_count", "numerator"),
    "icpc": ("icpc_count", "numerator"),
    "cin_at_end": ("cin_count", "numerator"),
    "cp_at_end": ("cp_plan_count", "numerator"),
    "cla_at_end": ("cla_count", "numerator"),
}


def test_measures_match_the_summary_of_a_generated_council() -> None:
    LocalAuthority.objects.all().delete()
    call_command("synth", "--children", "4000", "--years", "2", "--seed", "7",
                 "--end-date", "2026-03-31", "--no-progress", verbosity=0)
    la = LocalAuthority.objects.get()
    years = summary(la, dt.date(2026, 3, 31))["years"]
    assert len(years) == 2
    for year in years:
        as_of = dt.date.fromisoformat(year["year_ending"])
        shown = {r.measure.id: r.as_dict() for r in compute(la, as_of)}
        ours = {name: shown[measure][part] for name, (measure, part) in SAME_FIGURES.items()}
        assert ours == {name: year[name] for name in SAME_FIGURES}
        assert ours["referrals"] > 100
        assert ours["cla_at_end"] > 10
