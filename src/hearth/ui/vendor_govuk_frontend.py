"""Vendor GOV.UK Frontend's compiled CSS and JavaScript into ``ui/static/ui/govuk/``.

Why this exists: ``govuk-frontend-django`` renders the Design System's markup but ships none of
GOV.UK Frontend's compiled assets, and Hearth serves every asset itself (no CDN; a strict
Content-Security-Policy will allow ``'self'`` only). The npm package's precompiled files need
three changes before a council can serve them, and doing them by hand would not be repeatable:

- GDS Transport is licensed for GOV.UK only ("customised for exclusive use on gov.uk"); a council
  service must not use it. The ``@font-face`` rules, the font's notice and its name in
  ``font-family`` are removed, so text falls back to Arial as the Design System asks of services
  off GOV.UK. The font files are not copied.
- The GOV.UK crest is the Crown's mark; the rules that draw it (the footer's Crown copyright
  logo, which Hearth does not use) lose their image and mask, and no image is copied. With no
  ``url()`` left, ``ManifestStaticFilesStorage`` has nothing missing to trip over.
- ``sourceMappingURL`` comments are dropped because the maps are not vendored (the manifest
  storage would otherwise fail on the missing ``.map`` files).

Run from a checkout, with the tarball from ``npm pack govuk-frontend@VERSION``::

    python -m hearth.ui.vendor_govuk_frontend govuk-frontend-6.0.0.tgz

Keep the version in step with the one ``govuk-frontend-django`` renders markup for (its README
has a compatibility table); ``tests/ui/test_static.py`` checks the result.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import tarfile
from pathlib import Path

DESTINATION = Path(__file__).resolve().parent / "static" / "ui" / "govuk"
PACKAGE_ROOT = "package/"
CSS_NAME = "govuk-frontend.min.css"
JS_NAME = "govuk-frontend.min.js"

_FONT_FACE = re.compile(r'@font-face\{font-family:"?GDS Transport"?;[^}]*\}')
_FONT_NOTICE = re.compile(r"/\*! Copyright \(c\) 2011 by Margaret Calvert[^*]*\*/")
_FONT_NAME = re.compile(r'"?GDS Transport"?,')
_CREST = re.compile(
    r"(?:background-image|-webkit-mask-image|mask-image):url\(/assets/images/govuk-crest\.svg\);?"
)
_CSS_SOURCE_MAP = re.compile(r"/\*# sourceMappingURL=[^*]*\*/\s*$")
_JS_SOURCE_MAP = re.compile(r"//# sourceMappingURL=\S+\s*$")

LICENCE = """\
The MIT License (MIT)

Copyright (C) 2017 Crown Copyright (Government Digital Service)

Permission is hereby granted, free of charge, to any person obtaining a copy of
this software and associated documentation files (the "Software"), to deal in
the Software without restriction, including without limitation the rights to
use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies
of the Software, and to permit persons to whom the Software is furnished to do
so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
"""


def council_css(css: str) -> str:
    """The compiled CSS without GDS Transport, the crest image or the source-map comment."""
    css = _FONT_NOTICE.sub("", css)
    css = _FONT_FACE.sub("", css)
    css = _FONT_NAME.sub("", css)
    css = _CREST.sub("", css)
    css = _CSS_SOURCE_MAP.sub("", css)
    if "GDS Transport" in css or "url(" in css:
        raise ValueError(
            "GOV.UK Frontend's CSS changed shape: GDS Transport or a url() survived the rewrite; "
            "update vendor_govuk_frontend.py for this version"
        )
    return css


def council_js(js: str) -> str:
    """The compiled ES module without its source-map comment."""
    return _JS_SOURCE_MAP.sub("", js).rstrip() + "\n"


def vendor(tarball: Path, destination: Path = DESTINATION) -> str:
    """Write the rewritten CSS and JS, the licence and a README; return the version vendored."""
    with tarfile.open(tarball, "r:gz") as archive:

        def read(name: str) -> str:
            member = archive.extractfile(PACKAGE_ROOT + name)
            if member is None:
                raise FileNotFoundError(name)
            return member.read().decode("utf-8")

        version = json.loads(read("package.json"))["version"]
        css = council_css(read(f"dist/govuk/{CSS_NAME}"))
        js = council_js(read(f"dist/govuk/{JS_NAME}"))

    digest = hashlib.sha256(tarball.read_bytes()).hexdigest()
    destination.mkdir(parents=True, exist_ok=True)
    (destination / CSS_NAME).write_text(css, encoding="utf-8")
    (destination / JS_NAME).write_text(js, encoding="utf-8")
    (destination / "LICENSE.txt").write_text(LICENCE, encoding="utf-8")
    readme = _readme(version, digest, len(css.encode()), len(js.encode()))
    (destination / "README.md").write_text(readme, encoding="utf-8")
    return str(version)


def _readme(version: str, digest: str, css_size: int, js_size: int) -> str:
    return f"""\
# GOV.UK Frontend {version} (vendored)

Compiled CSS and JavaScript from the npm package `govuk-frontend@{version}`
(MIT licence, `LICENSE.txt`), served from Hearth's own static files: no CDN.

| file | bytes |
| --- | --- |
| `{CSS_NAME}` | {css_size} |
| `{JS_NAME}` | {js_size} |

Tarball sha256: `{digest}`

Written by `python -m hearth.ui.vendor_govuk_frontend govuk-frontend-{version}.tgz`
(see that module for why each change is made). Changes from the package's `dist/govuk/`:

- GDS Transport removed (`@font-face`, notice, `font-family` name): the font is licensed for
  GOV.UK only, so text falls back to Arial. Font files are not copied.
- The footer's crest image and mask removed and no images copied: the crest is for GOV.UK.
- Source-map comments removed (maps are not vendored).

`govuk-frontend-django` renders markup for one GOV.UK Frontend version; keep this in step
with it (its README's compatibility table). To update: `npm pack govuk-frontend@X.Y.Z`,
run the command above, then `pytest tests/ui`.
"""


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("tarball", type=Path, help="govuk-frontend-X.Y.Z.tgz from npm pack")
    args = parser.parse_args()
    print(f"vendored GOV.UK Frontend {vendor(args.tarball)} into {DESTINATION}")


if __name__ == "__main__":
    main()
