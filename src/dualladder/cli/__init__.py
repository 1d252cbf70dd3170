"""The command line: ``dualladder COMMAND ...`` (docs/cli.md), ``main(argv) -> int``; ``run()``
is the program itself (the ``dualladder`` command and ``python -m dualladder``).

:mod:`dualladder.cli.main` parses the command line and runs the command; each command's module
(``validate`` and ``schema`` in :mod:`~dualladder.cli.main`, ``render``, ``diff``, ``audit``,
``postings``, ``plan``, ``init``) registers its sub-parser, and is imported only when that
sub-parser is built; :mod:`dualladder.cli.shared` holds what they share (exit codes, the parser
class, usage errors, output).
"""

from __future__ import annotations

from dualladder.cli.main import build_parser, main, run
from dualladder.cli.shared import size_argument

__all__ = ["build_parser", "main", "run", "size_argument"]
