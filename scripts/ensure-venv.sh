#!/usr/bin/env bash
# Create the project virtualenv (default .venv) with Python 3.11 and install Hearth into it,
# editable, with the dev extras. Called by `make` only when pyproject.toml is newer than the
# stamp file, so an up-to-date .venv costs nothing.
#
#   scripts/ensure-venv.sh [VENV_DIR] [STAMP_FILE]
#
# PYTHON=/path/to/python3.11 overrides the interpreter search.
set -euo pipefail

venv="${1:-.venv}"
stamp="${2:-$venv/.installed}"

is_311() { "$1" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; }

if [[ -x "$venv/bin/python" ]] && is_311 "$venv/bin/python"; then
    : # keep the existing environment; only the install step below is repeated
else
    python="${PYTHON:-}"
    if [[ -z "$python" ]]; then
        for candidate in python3.11 python3; do
            if command -v "$candidate" >/dev/null && is_311 "$candidate"; then
                python="$candidate"
                break
            fi
        done
    fi
    if [[ -z "$python" ]] || ! is_311 "$python"; then
        echo "Hearth needs Python 3.11 (python3.11, or python3 being 3.11); none was found." >&2
        echo "Install it, or run: make PYTHON=/path/to/python3.11 ..." >&2
        exit 1
    fi
    if ! "$python" -c 'import ensurepip' 2>/dev/null; then
        echo "$python cannot create virtualenvs (no ensurepip)." >&2
        echo "On Debian/Ubuntu: sudo apt-get install python3.11-venv" >&2
        exit 1
    fi
    echo "==> Creating $venv with $("$python" --version) ($(command -v "$python"))"
    rm -rf "$venv"
    "$python" -m venv "$venv"
fi

echo "==> Installing Hearth and its dev tools into $venv (pip install -e '.[dev]')"
"$venv/bin/python" -m pip install --disable-pip-version-check --quiet --upgrade pip
"$venv/bin/python" -m pip install --disable-pip-version-check -e '.[dev]'
touch "$stamp"
