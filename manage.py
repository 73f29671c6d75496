#!/usr/bin/env python
"""Same as the ``hearth`` console command, for tools that expect a manage.py in a checkout.

A checkout is a developer's, so this defaults to dev mode; the installed ``hearth`` command
keeps the production-safe default.
"""

import os
import sys
from pathlib import Path

os.environ.setdefault("HEARTH_MODE", "dev")

sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))

from hearth.cli import main  # noqa: E402

if __name__ == "__main__":
    main()
