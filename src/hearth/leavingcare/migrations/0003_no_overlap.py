"""Database-level refusal of overlapping date ranges for one child (see hearth.core.db)."""

from django.db import migrations

from hearth.core.db import NoOverlap


class Migration(migrations.Migration):
    dependencies = [("leavingcare", "0002_initial")]

    operations = [
        NoOverlap(table="leavingcare_careleaver", name="care_leaver_no_overlap"),
    ]
