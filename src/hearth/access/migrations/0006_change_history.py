"""Change history (django-auditlog, issue 6) and the access verbs of data protection.

Changing the verb constraint rebuilds the access audit table on SQLite, which drops its
append-only triggers; the last operation puts them back (``ReapplyAppendOnly``).
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from hearth.access.db import ReapplyAppendOnly


class Migration(migrations.Migration):

    dependencies = [
        ('access', '0005_user_partner_organisation'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('organisation', '0005_partner_organisation'),
        ('people', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='ChangeEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('object_pk', models.CharField(db_index=True, max_length=255, verbose_name='object pk')),
                ('object_id', models.BigIntegerField(blank=True, db_index=True, null=True, verbose_name='object id')),
                ('object_repr', models.TextField(verbose_name='object representation')),
                ('serialized_data', models.JSONField(null=True)),
                ('action', models.PositiveSmallIntegerField(choices=[(0, 'create'), (1, 'update'), (2, 'delete'), (3, 'access')], db_index=True, verbose_name='action')),
                ('changes_text', models.TextField(blank=True, verbose_name='change message')),
                ('changes', models.JSONField(null=True, verbose_name='change message')),
                ('cid', models.CharField(blank=True, db_index=True, max_length=255, null=True, verbose_name='Correlation ID')),
                ('remote_addr', models.GenericIPAddressField(blank=True, null=True, verbose_name='remote address')),
                ('remote_port', models.PositiveIntegerField(blank=True, null=True, verbose_name='remote port')),
                ('timestamp', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='timestamp')),
                ('additional_data', models.JSONField(blank=True, null=True, verbose_name='additional data')),
                ('actor_email', models.CharField(blank=True, max_length=254, null=True, verbose_name='actor email')),
                ('child_id', models.BigIntegerField(blank=True, null=True)),
            ],
            options={
                'verbose_name': 'change history entry',
                'verbose_name_plural': 'change history',
                'ordering': ['-timestamp'],
                'get_latest_by': 'timestamp',
                'abstract': False,
            },
        ),
        migrations.RemoveConstraint(
            model_name='accessevent',
            name='access_event_verb_valid',
        ),
        migrations.AlterField(
            model_name='accessevent',
            name='verb',
            field=models.CharField(choices=[('view_child', "Viewed the child's record"), ('view_chronology', "Viewed the child's chronology"), ('search', 'Searched'), ('export', 'Exported'), ('download', 'Downloaded a file'), ('denied', 'Was refused access'), ('give_reason', 'Gave a reason to open the record'), ('grant_restricted', 'Named a user on a restricted record'), ('revoke_restricted', 'Removed a user from a restricted record'), ('view_access_log', 'Viewed who has looked at the record'), ('view_changes', "Viewed the change history of the child's records"), ('view_retention', 'Viewed the records past their retention date'), ('propose_destruction', "Proposed destroying the child's records"), ('decide_destruction', 'Approved or refused destroying the records'), ('destroy', "Destroyed the child's records at the end of their retention")], max_length=20),
        ),
        migrations.AddConstraint(
            model_name='accessevent',
            constraint=models.CheckConstraint(condition=models.Q(('verb__in', ['view_child', 'view_chronology', 'search', 'export', 'download', 'denied', 'give_reason', 'grant_restricted', 'revoke_restricted', 'view_access_log', 'view_changes', 'view_retention', 'propose_destruction', 'decide_destruction', 'destroy'])), name='access_event_verb_valid'),
        ),
        migrations.AddField(
            model_name='changeentry',
            name='actor',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='actor'),
        ),
        migrations.AddField(
            model_name='changeentry',
            name='content_type',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='contenttypes.contenttype', verbose_name='content type'),
        ),
        migrations.AddIndex(
            model_name='changeentry',
            index=models.Index(fields=['child_id', '-timestamp'], name='access_chan_child_i_053deb_idx'),
        ),
        ReapplyAppendOnly(table="access_accessevent", name="access_event_append_only"),
    ]
