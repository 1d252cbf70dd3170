"""``python -m dualladder``."""

from dualladder.cli import main

raise SystemExit(main())
