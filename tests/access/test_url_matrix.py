"""Every URL of the project, as every role and as an anonymous visitor: allowed, refused (403)
or sent to sign in, per the table below, and audited (issue 6; DESIGN.md "Each URL is in an
access-matrix test").

The URLs come from walking the root URL resolver, so a page added anywhere is visited here
without anyone remembering to list it; a pattern missing from ``EXPECTED`` fails the test with
its name, and so does a path parameter ``PARAMETERS`` cannot fill. To cover a new page add one
``Row`` to ``EXPECTED`` (and, for a new parameter, a filler to ``PARAMETERS``).

Left out, with the reason:

- the Django admin (``admin:`` namespace): it answers to ``is_staff``, not to roles, and is
  covered by ``test_the_admin_is_for_superusers_only`` below;
- static files: served by the web server, not by a URL pattern (none is mounted in tests).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import timezone
from tests.access.conftest import Council, Users

from hearth.access.models import AccessEvent, AccessVerb, Role, User
from hearth.returns.models import ReturnFile, ReturnRun, RunStatus

pytestmark = pytest.mark.django_db

# What a visit can come to. A redirect to sign in is told apart from any other redirect.
OK = "ok"
DENIED = "denied (403)"
SIGN_IN = "sent to sign in"
HOME = "sent home"
NOT_ALLOWED = "method not allowed (405)"
NOT_FOUND = "status 404"
MOVED = "moved permanently (301)"
#: allauth asks for the second factor again before any change to a user's authenticators.
REAUTHENTICATE = "asked to reauthenticate"
#: /performance/ sends each user on to the dashboard of their own scope.
OWN_DASHBOARD = "sent to their own dashboard"
#: A child's record sends someone who may open it only with a reason to say why; the reason
#: page sends someone who may already open the record straight to it.
ASKED_FOR_REASON = "asked for a reason"
TO_THE_RECORD = "sent to the record"

ANONYMOUS = "anonymous"
ROLES = tuple(Role.values)

#: URL namespaces left out of the walk; the module docstring says why.
EXCLUDED_NAMESPACES = frozenset({"admin"})


@dataclass(frozen=True)
class Row:
    """The expected outcome of a GET for each role: ``default`` unless ``roles`` says otherwise.

    ``audit`` is the verb an allowed visit must record (with the child, when the URL names
    one); a URL naming a child that is allowed to someone and records no view must say why in
    ``no_audit_because``.
    """

    default: str
    roles: dict[str, str] = field(default_factory=dict)
    anonymous: str = SIGN_IN
    audit: AccessVerb | None = None
    no_audit_because: str = ""

    def expected(self, who: str) -> str:
        return self.anonymous if who == ANONYMOUS else self.roles.get(who, self.default)


def only(*roles: Role) -> dict[str, str]:
    return dict.fromkeys(roles, OK)


MANAGERS_AND_ADMIN = only(Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE, Role.DIRECTOR,
                          Role.ADMINISTRATOR)

#: Every URL name -> who may GET it. The child in ``child_id`` is held by the practitioner
#: (Ann, North), so it is in the scope of North's team manager and head of service.
EXPECTED: dict[str, Row] = {
    # The shell (ui)
    "home": Row(OK),
    # Access audit and change history (access)
    "access:child_access_log": Row(DENIED, MANAGERS_AND_ADMIN, audit=AccessVerb.VIEW_ACCESS_LOG),
    "access:child_change_history": Row(DENIED, MANAGERS_AND_ADMIN,
                                       audit=AccessVerb.VIEW_CHANGES),
    "access:my_access_history": Row(OK),
    # ``user_id`` is the practitioner: her own history, or an administrator's audit of it.
    "access:user_access_history": Row(DENIED, only(Role.PRACTITIONER, Role.ADMINISTRATOR)),
    # Partner agencies (frontdoor)
    "frontdoor:my_referrals": Row(DENIED, only(Role.PARTNER_AGENCY), audit=AccessVerb.SEARCH),
    # Information governance (governance)
    "governance:subject_access": Row(
        DENIED, only(Role.ADMINISTRATOR),
        no_audit_because="the form shows only the LA id; the export it makes is audited"),
    "governance:retention_report": Row(DENIED, only(Role.ADMINISTRATOR, Role.DIRECTOR),
                                       audit=AccessVerb.VIEW_RETENTION),
    "governance:child_retention": Row(DENIED, only(Role.ADMINISTRATOR, Role.DIRECTOR),
                                      audit=AccessVerb.VIEW_RETENTION),
    # Signing in (allauth, mounted at account/): the same for every role, because these pages
    # are about the signed-in user's own account. Sign-up is closed (the page says so).
    "account_login": Row(HOME, anonymous=OK),
    "account_logout": Row(OK),
    "account_inactive": Row(OK, anonymous=OK),
    "account_signup": Row(HOME, anonymous=OK),
    "account_reauthenticate": Row(REAUTHENTICATE),
    "account_email": Row(OK),
    "account_email_verification_sent": Row(OK, anonymous=OK),
    "account_change_password": Row("redirected to /account/password/set/"),
    "account_set_password": Row(OK),
    "account_reset_password": Row(OK, anonymous=OK),
    "account_confirm_login_code": Row(HOME),
    "account_confirm_email": Row(OK, anonymous=OK),  # an unknown key: the page says so
    "account_reset_password_from_key_done": Row(OK, anonymous=OK),
    "account_reset_password_from_key": Row(OK, anonymous=OK),  # an unknown key: "bad token"
    "account_reset_password_done": Row(OK, anonymous=OK),
    "mfa_index": Row(OK),
    "mfa_authenticate": Row(HOME),  # already past the second factor
    "mfa_reauthenticate": Row(OK),
    "mfa_activate_totp": Row(REAUTHENTICATE),
    "mfa_deactivate_totp": Row(REAUTHENTICATE),
    "mfa_view_recovery_codes": Row(NOT_FOUND),  # the test users have no recovery codes
    "mfa_generate_recovery_codes": Row(REAUTHENTICATE),
    "mfa_download_recovery_codes": Row(NOT_FOUND),
    "mfa_list_webauthn": Row(OK),
    "mfa_add_webauthn": Row(REAUTHENTICATE),
    "mfa_reauthenticate_webauthn": Row(REAUTHENTICATE),
    "mfa_remove_webauthn": Row(REAUTHENTICATE),
    "mfa_edit_webauthn": Row(REAUTHENTICATE),
    "socialaccount_login_cancelled": Row(OK, anonymous=OK),
    "socialaccount_login_error": Row("status 401", anonymous="status 401"),
    "socialaccount_signup": Row(SIGN_IN),  # no sign-up through SSO either
    "socialaccount_connections": Row(OK),
    "account/social/login/cancelled/": Row(MOVED, anonymous=MOVED),
    "account/social/login/error/": Row(MOVED, anonymous=MOVED),
    "account/social/signup/": Row(MOVED, anonymous=MOVED),
    "account/social/connections/": Row(MOVED, anonymous=MOVED),
    "openid_connect_login": Row(NOT_FOUND, anonymous=NOT_FOUND),  # no such SSO provider
    "openid_connect_callback": Row(NOT_FOUND, anonymous=NOT_FOUND),
    # Performance dashboards (performance): directors and analysts the council, heads of service
    # their area, team managers their team, practitioners themselves. ``pk`` is North's team.
    "performance:start": Row(DENIED, dict.fromkeys(
        (Role.PRACTITIONER, Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE, Role.DIRECTOR,
         Role.PERFORMANCE), OWN_DASHBOARD)),
    "performance:council": Row(DENIED, only(Role.DIRECTOR, Role.PERFORMANCE)),
    "performance:areas": Row(DENIED, only(Role.DIRECTOR, Role.PERFORMANCE)),
    "performance:council_drill": Row(DENIED, only(Role.DIRECTOR, Role.PERFORMANCE),
                                     audit=AccessVerb.SEARCH),
    "performance:place": Row(DENIED, only(Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE,
                                          Role.DIRECTOR, Role.PERFORMANCE)),
    "performance:place_drill": Row(DENIED, only(Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE,
                                                Role.DIRECTOR, Role.PERFORMANCE),
                                   audit=AccessVerb.SEARCH),
    # Case work (people, practice). The child is Ann's (North); the analyst may open it only
    # with a reason. A search page without words searches nothing; each search is audited.
    "people:child": Row(DENIED, {**only(Role.PRACTITIONER, Role.TEAM_MANAGER,
                                        Role.HEAD_OF_SERVICE, Role.DIRECTOR),
                                 Role.PERFORMANCE: ASKED_FOR_REASON},
                        audit=AccessVerb.VIEW_CHILD),
    "people:child_reason": Row(
        DENIED, {**dict.fromkeys((Role.PRACTITIONER, Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE,
                                  Role.DIRECTOR), TO_THE_RECORD), Role.PERFORMANCE: OK},
        no_audit_because="the form shows the LA id only; the reason given is audited"),
    "people:search": Row(DENIED, only(Role.PRACTITIONER, Role.TEAM_MANAGER, Role.FRONT_DOOR,
                                      Role.IRO, Role.HEAD_OF_SERVICE, Role.DIRECTOR,
                                      Role.PERFORMANCE)),
    "practice:my_work": Row(DENIED, only(Role.PRACTITIONER, Role.TEAM_MANAGER)),
    # Statutory returns (returns): council-wide files, so analysts and the director only.
    "returns:home": Row(DENIED, only(Role.PERFORMANCE, Role.DIRECTOR)),
    "returns:run": Row(DENIED, only(Role.PERFORMANCE, Role.DIRECTOR)),
    "returns:run_status": Row(DENIED, only(Role.PERFORMANCE, Role.DIRECTOR)),
    "returns:run_file": Row(DENIED, only(Role.PERFORMANCE, Role.DIRECTOR),
                            audit=AccessVerb.DOWNLOAD),
}


@dataclass(frozen=True)
class Fixtures:
    council: Council
    users: Users


#: How each path parameter is filled, by its name.
PARAMETERS: dict[str, Callable[[Fixtures], object]] = {
    "child_id": lambda f: f.council.ann_child.pk,
    "user_id": lambda f: f.users.ann.pk,
    # allauth's: tokens and keys that do not exist, and an SSO provider that is not set up.
    "key": lambda f: "no-such-key",
    "uidb36": lambda f: "0",
    "provider_id": lambda f: "no-such-provider",
    "run_id": lambda f: _finished_run(f).pk,
    # Dashboards: North's team (Ann's), and one measure.
    "kind": lambda f: "team",
    "pk": lambda f: f.council.north.pk,
    "measure_id": lambda f: "cla_count",
    "name": lambda f: _finished_run(f).files.get().name,
}


def _finished_run(f: Fixtures) -> ReturnRun:
    """A finished SSDA903 run of the council with one file (made once per test)."""
    run = ReturnRun.objects.filter(la=f.council.la).first()
    if run is None:
        now = timezone.now()
        run = ReturnRun.objects.create(
            la=f.council.la, return_name="903", period_end=dt.date(2026, 3, 31),
            requested_by=f.users.analyst, requested_at=now, status=RunStatus.DONE,
            progress=100, started_at=now, finished_at=now)
        ReturnFile.objects.create(run=run, name="header.csv", content=b"CHILD\n", size=6,
                                  rows=0)
    return run


@dataclass(frozen=True)
class Pattern:
    name: str
    route: str
    parameters: tuple[str, ...]
    namespace: str
    ours: bool

    @property
    def key(self) -> str:
        """The name in ``EXPECTED``: the URL name, or for a library's unnamed pattern (allauth's
        redirects from its old paths) the route itself."""
        return self.name or self.route

    def url(self, kwargs: dict[str, object]) -> str:
        return reverse(self.name, kwargs=kwargs) if self.name else "/" + self.route


def _parameters(resolver_or_pattern: URLPattern | URLResolver) -> tuple[str, ...]:
    pattern = resolver_or_pattern.pattern
    converters = getattr(pattern, "converters", None)
    if converters:
        return tuple(converters)
    return tuple(pattern.regex.groupindex)


def walk(patterns: list[URLPattern | URLResolver], prefix: str = "", namespace: str = "",
         parameters: tuple[str, ...] = ()) -> Iterator[Pattern]:
    """Every URL pattern below ``patterns``, with its full name, route and parameters."""
    for entry in patterns:
        route = prefix + str(entry.pattern)
        found = parameters + _parameters(entry)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry.url_patterns, route, inner, found)
        else:
            module = getattr(entry.callback, "__module__", "") or ""
            yield Pattern(f"{namespace}{entry.name}" if entry.name else "", route, found,
                          namespace.split(":")[0], module.startswith("hearth."))


def project_patterns() -> list[Pattern]:
    return [p for p in walk(get_resolver().url_patterns)
            if p.namespace not in EXCLUDED_NAMESPACES]


def outcome(response: object, login_url: str) -> str:
    status = response.status_code  # type: ignore[attr-defined]
    if status in (200, 286):  # 286: htmx's "stop polling", sent once a return run is over
        return OK
    if status == 403:
        return DENIED
    if status == 405:
        return NOT_ALLOWED
    if status == 301:
        return MOVED
    if status == 302:
        location = response["Location"]  # type: ignore[index]
        if location.split("?")[0] == login_url:
            return SIGN_IN
        if location == reverse(settings.LOGIN_REDIRECT_URL):
            return HOME
        if location.split("?")[0] == reverse("mfa_reauthenticate"):
            return REAUTHENTICATE
        if location.startswith(reverse("performance:start")):
            return OWN_DASHBOARD
        if location.startswith("/children/"):
            view = resolve(location.split("?")[0]).view_name
            if view == "people:child_reason":
                return ASKED_FOR_REASON
            if view == "people:child":
                return TO_THE_RECORD
        return f"redirected to {location}"
    return f"status {status}"


def test_the_table_lists_every_url_and_every_parameter_can_be_filled() -> None:
    patterns = project_patterns()
    unnamed = [p.route for p in patterns if not p.name and p.ours]
    missing = sorted({p.key for p in patterns} - set(EXPECTED))
    stale = sorted(set(EXPECTED) - {p.key for p in patterns})
    unfillable = sorted({f"{p.key} ({parameter})" for p in patterns
                         for parameter in p.parameters if parameter not in PARAMETERS})

    assert not unnamed, f"give these URL patterns a name: {unnamed}"
    assert not missing, f"add a Row to EXPECTED for: {missing}"
    assert not stale, f"EXPECTED lists URLs that no longer exist: {stale}"
    assert not unfillable, f"add a filler to PARAMETERS for: {unfillable}"


def test_every_row_that_opens_a_child_record_is_audited_or_says_why_not() -> None:
    unexplained = [
        p.name for p in project_patterns()
        if "child_id" in p.parameters and p.key in EXPECTED
        and EXPECTED[p.key].audit is None and not EXPECTED[p.key].no_audit_because
        and any(EXPECTED[p.key].expected(role) == OK for role in ROLES)
    ]

    assert not unexplained, f"say which verb these record, or why they record none: {unexplained}"


def test_every_url_as_every_role_and_anonymous(council: Council, users: Users) -> None:
    fixtures = Fixtures(council, users)
    by_role = users.by_role()
    login_url = reverse(settings.LOGIN_URL)
    unexpected: list[str] = []
    unaudited: list[str] = []
    visits = 0
    for pattern in project_patterns():
        row = EXPECTED.get(pattern.key)
        if row is None or any(p not in PARAMETERS for p in pattern.parameters):
            continue  # reported by the table test above, with the names
        kwargs = {p: PARAMETERS[p](fixtures) for p in pattern.parameters}
        url = pattern.url(kwargs)
        for who in (*ROLES, ANONYMOUS):
            client = Client()
            user: User | None = None if who == ANONYMOUS else by_role[who]
            if user is not None:
                client.force_login(user)
            last_event = AccessEvent.objects.order_by("-id").values_list("id", flat=True).first()
            got = outcome(client.get(url), login_url)
            visits += 1
            if got != row.expected(who):
                unexpected.append(f"{url} ({pattern.key}) as {who}: expected "
                                  f"{row.expected(who)}, got {got}")
                continue
            if user is None:
                continue
            written = AccessEvent.objects.filter(id__gt=last_event or 0, actor=user)
            if got == DENIED and not written.filter(verb=AccessVerb.DENIED).exists():
                unaudited.append(f"{url} as {who}: refused without an audit row")
            if got == OK and row.audit is not None:
                audited = written.filter(verb=row.audit)
                if "child_id" in kwargs:
                    audited = audited.filter(child_id=kwargs["child_id"])
                if not audited.exists():
                    unaudited.append(f"{url} as {who}: no {row.audit} audit row")

    assert visits >= len(EXPECTED) * (len(ROLES) + 1)
    assert not unexpected, "unexpected access:\n" + "\n".join(unexpected)
    assert not unaudited, "missing audit rows:\n" + "\n".join(unaudited)


def test_the_admin_is_for_superusers_only(council: Council, users: Users) -> None:
    """The admin checks ``is_staff``; no role grants it, so every role is sent to its sign-in."""
    admin_login = reverse("admin:login")
    for role, user in users.by_role().items():
        client = Client()
        client.force_login(user)
        response = client.get(reverse("admin:index"))
        assert response.status_code == 302, role
        assert response["Location"].startswith(admin_login), role
    superuser = User.objects.create_superuser("root", role=Role.ADMINISTRATOR)
    client = Client()
    client.force_login(superuser)

    assert client.get(reverse("admin:index")).status_code == 200
