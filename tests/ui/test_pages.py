"""The shell's pages as a user meets them: sign in, home, demo banner, sign out."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from tests.factories import CINEpisodeFactory, ContactFactory, CPPlanFactory
from tests.signin import give_totp

from hearth.access.adapters import INVALID_LOGIN
from hearth.access.models import Role, User
from hearth.organisation.models import LocalAuthority
from hearth.ui.selectors import NOT_PERMITTED_FIGURES

if TYPE_CHECKING:
    from pytest_django import Settings  # the settings fixture's type (pytest-django 4.11+)

DEMO_WARNING = "Demonstration: all records are synthetic. Demo users may sign in without MFA."


def test_anonymous_user_is_sent_from_home_to_sign_in(client: Client, db: None) -> None:
    response = client.get(reverse("home"))

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next=/"


def test_sign_in_page_uses_govuk_template(client: Client, db: None) -> None:
    response = client.get(reverse("account_login"))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="govuk-template"' in html
    assert 'href="#main-content"' in html  # skip link
    assert 'id="main-content"' in html
    assert "govuk-phase-banner" in html
    assert "Sign in to Hearth" in html


def test_signed_in_user_sees_name_and_role_on_home(practitioner_client: Client) -> None:
    response = practitioner_client.get(reverse("home"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Signed in as Sam Worker (Practitioner (social worker / early help))" in html
    assert 'id="figure-children-in-need"' in html


def test_header_names_the_council(practitioner_client: Client, settings: Settings) -> None:
    settings.HEARTH_LA_NAME = "Synthetic Shire"

    html = practitioner_client.get(reverse("home")).content.decode()

    assert '<span class="hearth-header__council">Synthetic Shire</span>' in html


def test_council_name_falls_back_to_the_users_council(
    practitioner_client: Client, practitioner: User, settings: Settings
) -> None:
    settings.HEARTH_LA_NAME = ""

    html = practitioner_client.get(reverse("home")).content.decode()

    assert f'<span class="hearth-header__council">{practitioner.la}</span>' in html


def test_demo_banner_shows_on_every_page_in_demo_mode(
    practitioner_client: Client, settings: Settings
) -> None:
    settings.DEMO = True

    home = practitioner_client.get(reverse("home")).content.decode()
    practitioner_client.logout()
    sign_in = practitioner_client.get(reverse("account_login")).content.decode()

    assert DEMO_WARNING in home
    assert DEMO_WARNING in sign_in


def test_no_demo_banner_in_production(
    practitioner_client: Client, settings: Settings
) -> None:
    settings.DEMO = False
    settings.HEARTH_MODE = "production"

    html = practitioner_client.get(reverse("home")).content.decode()

    assert "Demonstration" not in html
    assert "hearth-demo-banner" not in html


def test_wrong_password_shows_error_summary(
    client: Client, practitioner: User
) -> None:
    response = client.post(
        reverse("account_login"), {"login": practitioner.username, "password": "not-the-password"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert "There is a problem" in html
    assert INVALID_LOGIN in html
    assert 'href="#id_login"' in html
    assert "<title>Error: Sign in" in html
    assert "_auth_user_id" not in client.session


def test_empty_form_links_each_error_to_its_field(client: Client, db: None) -> None:
    html = client.post(reverse("account_login"), {"login": "", "password": ""}).content.decode()

    assert 'href="#id_login"' in html
    assert 'href="#id_password"' in html
    assert "govuk-form-group--error" in html


def test_right_password_asks_for_the_second_factor(
    client: Client, practitioner: User, password: str
) -> None:
    give_totp(practitioner)

    response = client.post(
        reverse("account_login"), {"login": practitioner.username, "password": password}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session


def test_sign_out_by_get_only_asks_to_confirm(practitioner_client: Client) -> None:
    confirm = practitioner_client.get(reverse("account_logout"))
    still_in = practitioner_client.get(reverse("home"))

    assert confirm.status_code == 200
    assert 'method="post"' in confirm.content.decode()
    assert still_in.status_code == 200


def test_sign_out_by_post_ends_the_session(practitioner_client: Client) -> None:
    home = practitioner_client.get(reverse("home")).content.decode()
    response = practitioner_client.post(reverse("account_logout"))

    assert f'action="{reverse("account_logout")}"' in home
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login")
    assert practitioner_client.get(reverse("home")).status_code == 302


def test_partner_agency_does_not_see_council_figures(partner_agency_client: Client) -> None:
    html = partner_agency_client.get(reverse("home")).content.decode()

    assert NOT_PERMITTED_FIGURES.replace("'", "&#x27;") in html
    assert "figure-children-in-need" not in html


def test_user_without_a_council_is_told_so(client: Client, db: None) -> None:
    user = User.objects.create_user(username="no.council", role="practitioner")
    client.force_login(user)

    html = client.get(reverse("home")).content.decode()

    assert "not linked to a council" in html


def test_home_query_count_does_not_grow_with_records(
    practitioner_client: Client, council: LocalAuthority
) -> None:
    CPPlanFactory(episode__child__la=council)
    ContactFactory(child__la=council)
    with CaptureQueriesContext(connection) as few:
        practitioner_client.get(reverse("home"))
    for _ in range(5):
        CPPlanFactory(episode__child__la=council)
        CINEpisodeFactory(child__la=council)
        ContactFactory(child__la=council)
    with CaptureQueriesContext(connection) as many:
        practitioner_client.get(reverse("home"))

    assert len(many) == len(few)


@pytest.mark.parametrize("role", list(Role))
def test_home_by_role(client: Client, council: LocalAuthority, role: Role) -> None:
    """Access matrix for ``home``: every role may open it; partners get no council figures."""
    client.force_login(User.objects.create_user(username=f"u-{role}", role=role, la=council))

    html = client.get(reverse("home")).content.decode()

    assert ('id="figure-children-in-need"' in html) is (role != Role.PARTNER_AGENCY)
