"""Change history of case records with django-auditlog: which models, who acted, from where.

Issue 6, "Change history": every change to a child's case records keeps who changed what, with
old and new values. django-auditlog writes one ``ChangeEntry`` per create, update or delete from
the model's save and delete signals, so:

- a page's changes are attributed to the signed-in user by ``ChangeActorMiddleware``;
- anything else (a management command, a job, a shell) is attributed to the fixed system user
  (``system_actor``), with the command's name when ``hearth`` started one
  (``core.acting.command_context``);
- bulk paths that bypass ``save`` write no history. The synthetic generator's loader is one
  (raw ``COPY``/``executemany``), deliberately: generated councils are not changes anyone made,
  and would otherwise write one entry per generated row.
"""

from __future__ import annotations

import contextvars
import ipaddress

from auditlog.middleware import AuditlogMiddleware
from auditlog.registry import auditlog
from django.contrib.auth.hashers import make_password
from django.http import HttpRequest, HttpResponse

from hearth.access.models import Role, User
from hearth.access.records import child_paths

SYSTEM_USERNAME = "hearth-system"


def register_case_records() -> None:
    """Register every case-record model (``records.child_paths``) with django-auditlog.

    Called once from ``AccessConfig.ready``. Registering from the map rather than a list means a
    new case-record model has its history from the day it is added.
    """
    for model in child_paths():
        if not auditlog.contains(model):
            # The model's own columns only: on a create or delete django-auditlog otherwise
            # walks every reverse relation too (a query for each one-to-one, and noise such as
            # "access_reasons" in the history).
            auditlog.register(model, include_fields=[f.name for f in
                                                     model._meta.concrete_fields])


def system_actor() -> User:
    """The fixed user that jobs and commands act as: cannot sign in, belongs to no council, and so
    sees no record (``selectors``)."""
    user, _ = User.objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={"role": Role.ADMINISTRATOR, "is_active": False,
                  "password": make_password(None), "first_name": "Hearth",
                  "last_name": "system"},
    )
    return user


#: The signed-in user of the request being served. django-auditlog's own context variable is
#: never reset after a request (it only disconnects its signal), so it cannot say whether a
#: request is being served now; this one is reset when the response is returned.
_request_user: contextvars.ContextVar[User | None] = contextvars.ContextVar(
    "hearth_request_user", default=None
)


def request_actor() -> User | None:
    """The signed-in user of the request being served now, if any (set by the middleware)."""
    return _request_user.get()


class ChangeActorMiddleware(AuditlogMiddleware):  # type: ignore[misc]  # auditlog is untyped
    """django-auditlog's middleware, taking the client address as the server saw it.

    The stock middleware believes ``X-Forwarded-For``, which any client can forge; the access
    audit never reads it (``services._client_ip``), and the change history does not either.
    """

    @staticmethod
    def _get_remote_addr(request: HttpRequest) -> str | None:
        try:
            return str(ipaddress.ip_address(request.META.get("REMOTE_ADDR", "")))
        except ValueError:
            return None

    @staticmethod
    def _get_remote_port(request: HttpRequest) -> int | None:
        return None

    def __call__(self, request: HttpRequest) -> HttpResponse:
        actor = self._get_actor(request)
        token = _request_user.set(actor if isinstance(actor, User) else None)
        try:
            return super().__call__(request)  # type: ignore[no-any-return]
        finally:
            _request_user.reset(token)
