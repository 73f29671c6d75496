"""The database refuses UPDATE and DELETE on the access audit (issue 6; see hearth.access.db)."""

from django.db import migrations

from hearth.access.db import AppendOnly


class Migration(migrations.Migration):
    dependencies = [("access", "0003_access_grants_and_audit")]

    operations = [
        AppendOnly(table="access_accessevent", name="access_event_append_only"),
    ]
