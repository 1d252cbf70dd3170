"""``python -m dualladder``: the program, as the ``dualladder`` command runs it
(:func:`dualladder.cli.run`)."""

from dualladder.cli.main import run

run()
