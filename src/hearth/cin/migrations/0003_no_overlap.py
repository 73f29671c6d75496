"""Database-level refusal of overlapping date ranges for one child (see hearth.core.db)."""

from django.db import migrations

from hearth.core.db import NoOverlap


class Migration(migrations.Migration):
    dependencies = [("cin", "0002_initial")]

    operations = [
        NoOverlap(table="cin_cinepisode", name="cin_episode_no_overlap", start="referral_date", end="closure_date"),
        NoOverlap(table="cin_cinplan", name="cin_plan_no_overlap"),
    ]
