#!/usr/bin/env python
"""Same as the ``hearth`` console command, for tools that expect a manage.py."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))

from hearth.cli import main  # noqa: E402

if __name__ == "__main__":
    main()
