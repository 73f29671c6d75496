"""GOV.UK Frontend is served from our own static files, fit for a council, with no inline JS.

A strict Content-Security-Policy (``'self'`` only) is planned, so every stylesheet and script
must come from ``STATIC_URL`` and no page may carry an inline script.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from importlib.metadata import version
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

GOVUK_CSS = "ui/govuk/govuk-frontend.min.css"
GOVUK_JS = "ui/govuk/govuk-frontend.min.js"

#: govuk-frontend-jinja major version -> GOV.UK Frontend major version its macros render.
JINJA_TO_FRONTEND_MAJOR = {"3": "5", "4": "6"}


class _AssetCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.assets: list[str] = []
        self.inline_scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "script":
            if attributes.get("src"):
                self.assets.append(str(attributes["src"]))
            else:
                self.inline_scripts += 1
        elif tag == "link" and attributes.get("href"):
            self.assets.append(str(attributes["href"]))


def _page_assets(html: str) -> _AssetCollector:
    collector = _AssetCollector()
    collector.feed(html)
    return collector


def _static_path(name: str) -> Path:
    found = finders.find(name)
    assert found, f"{name} is not in the static files"
    return Path(str(found))


@pytest.mark.parametrize("url_name", ["account_login", "home"])
def test_pages_load_assets_from_our_static_url_only(
    practitioner_client: Client, url_name: str
) -> None:
    html = practitioner_client.get(reverse(url_name), follow=True).content.decode()

    page = _page_assets(html)

    assert f"{settings.STATIC_URL}{GOVUK_CSS}" in page.assets
    assert f"{settings.STATIC_URL}ui/js/init.js" in page.assets
    for asset in page.assets:
        assert asset.startswith(settings.STATIC_URL), asset
        assert "//" not in asset, asset
        assert _static_path(asset.removeprefix(settings.STATIC_URL))


@pytest.mark.parametrize("url_name", ["account_login", "home"])
def test_pages_have_no_inline_script(practitioner_client: Client, url_name: str) -> None:
    html = practitioner_client.get(reverse(url_name), follow=True).content.decode()

    assert _page_assets(html).inline_scripts == 0


def test_vendored_css_has_no_gds_transport_and_no_external_urls() -> None:
    css = _static_path(GOVUK_CSS).read_text(encoding="utf-8")

    assert "GDS Transport" not in css  # licensed for GOV.UK only
    assert "url(" not in css  # nothing for the manifest storage to miss, nothing off-site
    assert "sourceMappingURL" not in css


def test_vendored_frontend_matches_the_markup_govuk_frontend_django_renders() -> None:
    css = _static_path(GOVUK_CSS).read_text(encoding="utf-8")
    vendored = re.search(r'--govuk-frontend-version:"([0-9.]+)"', css)
    jinja_major = version("govuk-frontend-jinja").split(".")[0]

    assert vendored is not None
    assert vendored.group(1).split(".")[0] == JINJA_TO_FRONTEND_MAJOR[jinja_major]
    readme = (_static_path(GOVUK_CSS).parent / "README.md").read_text(encoding="utf-8")
    assert f"GOV.UK Frontend {vendored.group(1)}" in readme
    assert (_static_path(GOVUK_CSS).parent / "LICENSE.txt").exists()


def test_init_script_imports_the_vendored_module() -> None:
    init = _static_path("ui/js/init.js")
    imported = re.search(r'from "([^"]+)"', init.read_text(encoding="utf-8"))

    assert imported is not None
    assert (init.parent / imported.group(1)).resolve() == _static_path(GOVUK_JS).resolve()
    assert "sourceMappingURL" not in _static_path(GOVUK_JS).read_text(encoding="utf-8")
