"""Admin for the access records: read-only, so the admin cannot become a way round the audit.

Issue 6 and DESIGN.md ("Audit rows are never lost": no edit or delete in the admin). Access
events and change history entries cannot be added, changed or deleted here; reasons and named
users are written only by ``services`` (which audit each one), so they are read-only here too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from auditlog.admin import LogEntryAdmin
from django.contrib import admin
from django.http import HttpRequest

from hearth.access.models import AccessEvent, AccessReason, ChangeEntry, RestrictedAccess

if TYPE_CHECKING:
    ModelAdmin = admin.ModelAdmin[Any]
else:  # ModelAdmin is generic only in the type stubs
    ModelAdmin = admin.ModelAdmin


class ReadOnlyAdmin(ModelAdmin):
    """Lists and detail pages only; no add, change, delete or bulk actions."""

    actions = None

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [field.name for field in self.model._meta.fields]


@admin.register(AccessEvent)
class AccessEventAdmin(ReadOnlyAdmin):
    list_display = ("at", "actor_username", "actor_role", "verb", "child_la_child_id",
                    "ip_address")
    list_filter = ("verb", "actor_role")
    search_fields = ("actor_username", "child_la_child_id")
    date_hierarchy = "at"
    list_select_related = ()


@admin.register(AccessReason)
class AccessReasonAdmin(ReadOnlyAdmin):
    list_display = ("user", "child", "given_at", "expires_at")
    list_select_related = ("user", "child")


@admin.register(RestrictedAccess)
class RestrictedAccessAdmin(ReadOnlyAdmin):
    list_display = ("child", "user", "granted_by", "granted_at", "revoked_at")
    list_select_related = ("child", "user", "granted_by")


# django-auditlog registers its own admin, which allows a delete when another admin page
# cascades into the history; the change history is read-only here without exception.
if admin.site.is_registered(ChangeEntry):
    admin.site.unregister(ChangeEntry)


@admin.register(ChangeEntry)
class ChangeEntryAdmin(LogEntryAdmin):  # type: ignore[misc]  # auditlog is untyped
    """The change history: read in the admin, never added, changed or deleted there."""

    actions = None

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
