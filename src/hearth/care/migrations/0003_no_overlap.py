"""Database-level refusal of overlapping date ranges for one child (see hearth.core.db)."""

from django.db import migrations

from hearth.core.db import NoOverlap


class Migration(migrations.Migration):
    dependencies = [("care", "0002_initial")]

    operations = [
        NoOverlap(table="care_careperiod", name="care_period_no_overlap"),
        NoOverlap(table="care_legalstatusrecord", name="legal_status_no_overlap"),
        NoOverlap(table="care_placement", name="placement_no_overlap"),
    ]
