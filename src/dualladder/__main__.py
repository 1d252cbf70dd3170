"""``python -m dualladder``."""

from dualladder.cli.main import main

raise SystemExit(main())
