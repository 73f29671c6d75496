"""Earlier CP plans Hearth has no record of, for the CIN census NumberOfPreviousCPP.

On SQLite adding a NOT NULL column rebuilds the table, which drops the triggers of
``cp_plan_no_overlap``; they are installed again after the change (and before it on the way
back, when removing the column rebuilds the table again).
"""

from django.db import migrations, models

from hearth.core.db import ReinstallNoOverlap


class Migration(migrations.Migration):
    dependencies = [("protection", "0003_conference_chair")]

    operations = [
        ReinstallNoOverlap(table="protection_cpplan", name="cp_plan_no_overlap"),
        migrations.AddField(
            model_name="cpplan",
            name="previous_plans_unrecorded",
            field=models.PositiveSmallIntegerField(
                default=0,
                help_text="Earlier CP plans Hearth holds no record of (in another LA, or before "
                          "its records begin); the CIN census NumberOfPreviousCPP counts them too.",
            ),
        ),
        ReinstallNoOverlap(table="protection_cpplan", name="cp_plan_no_overlap"),
    ]
