"""Database-level refusal of overlapping date ranges for one child (see hearth.core.db)."""

from django.db import migrations

from hearth.core.db import NoOverlap


class Migration(migrations.Migration):
    dependencies = [("protection", "0001_initial")]

    operations = [
        NoOverlap(table="protection_cpplan", name="cp_plan_no_overlap"),
    ]
