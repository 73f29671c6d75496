"""Users and their roles, the grants that widen or narrow what a role sees, and the access audit.

Which children a role may see is decided in ``selectors`` as a queryset filter (issue 6, DESIGN.md
"Access"); the rows here are what that filter reads: a reason given for a limited time
(``AccessReason``), the named users of a restricted child (``RestrictedAccess``), and the
append-only record of every look (``AccessEvent``).
"""

from __future__ import annotations

from typing import Any, NoReturn

from auditlog.models import AbstractLogEntry, LogEntryManager
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import F, Q

from hearth.core import clock
from hearth.core.errors import HearthError
from hearth.core.models import CaseRecord, in_choices


class Role(models.TextChoices):
    PRACTITIONER = "practitioner", "Practitioner (social worker / early help)"
    TEAM_MANAGER = "team_manager", "Team manager"
    FRONT_DOOR = "front_door", "Front door (MASH)"
    IRO = "iro", "IRO / CP chair"
    HEAD_OF_SERVICE = "head_of_service", "Head of service"
    DIRECTOR = "director", "Director of children's services"
    PERFORMANCE = "performance", "Performance analyst"
    REGIONAL_VIEWER = "regional_viewer", "Regional viewer"
    PARTNER_AGENCY = "partner_agency", "Partner agency"
    ADMINISTRATOR = "administrator", "Administrator"


class User(AbstractUser):
    """A person who signs in. Staff who hold cases are linked to their ``Worker`` record.

    ``is_superuser`` opens the Django admin only; it grants no child records, which come from
    ``role`` alone (``selectors.children_visible_to``).
    """

    role = models.CharField(max_length=20, choices=Role.choices)
    la = models.ForeignKey(
        "organisation.LocalAuthority", on_delete=models.PROTECT, null=True, blank=True,
        related_name="users", verbose_name="local authority",
    )
    worker = models.OneToOneField(
        "organisation.Worker", on_delete=models.PROTECT, null=True, blank=True,
        related_name="user",
    )
    partner_organisation = models.ForeignKey(
        "organisation.PartnerOrganisation", on_delete=models.PROTECT, null=True, blank=True,
        related_name="users",
        help_text="For a partner agency user: the organisation whose referrals they may follow.",
    )
    is_demo = models.BooleanField(
        default=False, help_text="Created by the demo set-up; never present in production."
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="user_role_valid"
            ),
        ]


class AccessReason(CaseRecord):
    """A reason a user gave to open one child's record outside their own scope, for a while.

    Issue 6: a practitioner sees children in their team "when they have a reason", and an
    analyst opens a child record "only with a recorded reason". The reason is a row, not a flag
    (DESIGN.md, "Approvals are rows"), so it can be read back in the access audit; it lapses at
    ``expires_at`` and a new look needs a new reason. Written only by
    ``services.access_reason_give``, which also writes the audit row.
    """

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="access_reasons")
    child = models.ForeignKey("people.Child", on_delete=models.PROTECT,
                              related_name="access_reasons")
    reason = models.TextField()
    given_at = models.DateTimeField()
    expires_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(expires_at__gt=F("given_at")),
                                   name="access_reason_expires_after_given"),
            models.CheckConstraint(condition=~Q(reason=""), name="access_reason_not_blank"),
        ]
        indexes = [models.Index(fields=["user", "expires_at"])]

    def __str__(self) -> str:
        return f"{self.user} on child {self.child_id} until {self.expires_at:%Y-%m-%d %H:%M}"


class RestrictedAccess(CaseRecord):
    """A user named, by someone else, as allowed to open a restricted child's record.

    A restricted child (``Child.restricted``, e.g. a relative of staff) drops out of every
    role's scope unless the user is named here and not revoked (issue 6, "Restricted records").
    Naming does not widen a role: the child must also be in the user's scope, so naming an
    administrator or a regional viewer opens nothing. Revoking stamps the row; a later grant is
    a new row, so the history of who could open the record stays whole.
    """

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT,
                              related_name="restricted_access")
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="restricted_access")
    reason = models.TextField()
    granted_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    granted_at = models.DateTimeField()
    revoked_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "restricted access"
        constraints = [
            models.UniqueConstraint(fields=["child", "user"], condition=Q(revoked_at__isnull=True),
                                    name="restricted_access_one_open_per_user"),
            models.CheckConstraint(condition=~Q(user=F("granted_by")),
                                   name="restricted_access_not_self_granted"),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True, revoked_by__isnull=True)
                | Q(revoked_at__isnull=False, revoked_by__isnull=False),
                name="restricted_access_revoked_by_someone",
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | Q(revoked_at__gte=F("granted_at")),
                name="restricted_access_revoked_after_granted",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} may open restricted child {self.child_id}"


class AccessVerb(models.TextChoices):
    """What a user did. The values are stored in the audit and never change meaning."""

    VIEW_CHILD = "view_child", "Viewed the child's record"
    VIEW_CHRONOLOGY = "view_chronology", "Viewed the child's chronology"
    SEARCH = "search", "Searched"
    EXPORT = "export", "Exported"
    DOWNLOAD = "download", "Downloaded a file"
    DENIED = "denied", "Was refused access"
    GIVE_REASON = "give_reason", "Gave a reason to open the record"
    GRANT_RESTRICTED = "grant_restricted", "Named a user on a restricted record"
    REVOKE_RESTRICTED = "revoke_restricted", "Removed a user from a restricted record"
    VIEW_ACCESS_LOG = "view_access_log", "Viewed who has looked at the record"
    VIEW_CHANGES = "view_changes", "Viewed the change history of the child's records"
    VIEW_RETENTION = "view_retention", "Viewed the records past their retention date"
    PROPOSE_DESTRUCTION = "propose_destruction", "Proposed destroying the child's records"
    DECIDE_DESTRUCTION = "decide_destruction", "Approved or refused destroying the records"
    DESTROY = "destroy", "Destroyed the child's records at the end of their retention"


APPEND_ONLY = "Access audit rows are append-only: they cannot be changed or deleted."


class AppendOnlyViolation(HearthError):
    """Someone tried to change or delete an access audit row (issue 6: "nobody can edit")."""

    def __init__(self, message: str = APPEND_ONLY) -> None:
        super().__init__(message)


class AccessEventQuerySet(models.QuerySet["AccessEvent"]):
    """Reads and inserts only: every bulk path that would change or remove rows refuses.

    The database refuses too (``access.db.AppendOnly``); this makes the mistake fail in the
    application, with a clear message, before it reaches the database.
    """

    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyViolation

    def delete(self) -> NoReturn:
        raise AppendOnlyViolation

    def bulk_update(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyViolation

    def bulk_create(self, objs: Any, *args: Any, **kwargs: Any) -> list[AccessEvent]:
        if kwargs.get("update_conflicts"):
            raise AppendOnlyViolation
        return super().bulk_create(objs, *args, **kwargs)


class AccessEvent(models.Model):
    """One look at, or refused look at, the council's records: who, what, which child, when,
    from where and why (issue 6, "Access audit"; DESIGN.md "Audit rows are never lost").

    Foreign keys are ``PROTECT`` and the actor's name and role and the child's LA id are copied
    as text, so a row reads the same after the user or child changes. Written only by
    ``services.record_access``. Rows are never changed or deleted: ``save`` inserts only,
    ``delete`` and the bulk paths refuse, the admin is read-only, and database triggers refuse
    UPDATE and DELETE from any client (migration ``0004``).
    """

    la = models.ForeignKey(
        "organisation.LocalAuthority", on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name="local authority", db_index=False,
    )
    at = models.DateTimeField(default=clock.now)
    actor = models.ForeignKey(User, on_delete=models.PROTECT, related_name="access_events")
    actor_username = models.CharField(max_length=150)
    actor_role = models.CharField(max_length=20, choices=Role.choices)
    verb = models.CharField(max_length=20, choices=AccessVerb.choices)
    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, null=True, blank=True,
                              related_name="access_events")
    child_la_child_id = models.CharField("child's LA id", max_length=20, blank=True)
    detail = models.CharField(
        max_length=500, blank=True,
        help_text="What exactly: the search words, the file, or the id asked for when refused.",
    )
    reason = models.TextField(blank=True)
    path = models.CharField(max_length=2000, blank=True)
    ip_address = models.GenericIPAddressField("IP address", null=True, blank=True)
    user_agent = models.CharField(max_length=400, blank=True)

    objects = AccessEventQuerySet.as_manager()

    class Meta:
        # Related-object access and Django's internals use this manager too: no plain
        # QuerySet with a working delete() is reachable from the model.
        base_manager_name = "objects"
        constraints = [in_choices("verb", AccessVerb, "access_event_verb_valid")]
        indexes = [
            models.Index(fields=["child", "-at"]),
            models.Index(fields=["actor", "-at"]),
            models.Index(fields=["la", "-at"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_username} {self.verb}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Insert once; any later save is a change to the audit and is refused."""
        if not self._state.adding or kwargs.get("update_fields"):
            raise AppendOnlyViolation
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyViolation

    @property
    def sentence(self) -> str:
        """The event as a line a person reads in an access log (DESIGN.md: a formatter per verb)."""
        what = AccessVerb(self.verb).label
        if self.child_la_child_id:
            what = f"{what} ({self.child_la_child_id})"
        # A role later retired from ``Role`` reads as it was stored.
        return f"{self.actor_username} ({self.get_actor_role_display()}): {what}"


class ChangeEntryManager(LogEntryManager):  # type: ignore[misc]  # auditlog is untyped
    """django-auditlog's manager, filling in which child a change is about and who acted when no
    request names a user: inside a ``hearth`` command, the fixed system user (DESIGN.md "Every
    write names its actor": jobs act as a system user, never ``None``), with the command's name.
    Code run outside both (a test's fixtures) is marked ``system`` and names no user."""

    def log_create(self, instance: models.Model, force_log: bool = False,
                   **kwargs: Any) -> ChangeEntry | None:
        from hearth.access import history
        from hearth.access.records import child_id_of
        from hearth.core.acting import in_command

        kwargs.setdefault("child_id", child_id_of(instance))
        if history.request_actor() is None:
            via = in_command()
            kwargs.setdefault("additional_data", {"via": f"command:{via}" if via else "system"})
            if via:
                kwargs.setdefault("actor", history.system_actor())
        return super().log_create(instance, force_log=force_log, **kwargs)  # type: ignore[no-any-return]


class ChangeEntry(AbstractLogEntry):  # type: ignore[misc]  # auditlog is untyped
    """One change to a case record: who, when, which record, and each field's old and new value
    (django-auditlog, ``AUDITLOG_LOGENTRY_MODEL``; issue 6, "Change history").

    ``child_id`` is the child the record is about, copied as a plain number when the change is
    logged (``access.records``), so a child's history is one indexed read and survives the
    record's deletion. It is not a foreign key: the history must not stop a retention deletion,
    which removes it together with the records it describes (``retention``). Nobody edits or
    deletes entries in the admin (``admin.ChangeEntryAdmin``); the pages only read them.
    """

    child_id: models.BigIntegerField[int | None, int | None] = models.BigIntegerField(
        null=True, blank=True
    )

    objects = ChangeEntryManager()

    class Meta(AbstractLogEntry.Meta):  # type: ignore[misc]
        verbose_name = "change history entry"
        verbose_name_plural = "change history"
        indexes = [models.Index(fields=["child_id", "-timestamp"])]
