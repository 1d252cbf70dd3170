"""The Jinja2 sandbox that user templates (``render --templates DIR``) run in.

A template folder is trusted like the repository's other code, but a template is easy to copy
from elsewhere, and plain Jinja2 lets a template reach Python itself:
``{{ cycler.__init__.__globals__.os.popen('id').read() }}`` runs a command. Jinja2's
:class:`~jinja2.sandbox.SandboxedEnvironment` refuses attributes that lead there (``__init__``,
``__globals__``, ``__subclasses__``, a function's code, a generator's frame...) and replaces
``range`` with one of at most 100,000 items; :class:`Sandbox` also bounds the two operators
that could take unbounded time or memory from a one-line template: ``**`` (``10 ** 10 ** 10``)
and repetition with ``*`` (``'x' * 10 ** 10``).

The built-in templates ship with the package and run without the sandbox, which costs about
half again the time of rendering; with a user folder every template of the render runs in it
(user templates extend and import built-in ones).
"""

from __future__ import annotations

from typing import Any

from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment

__all__ = ["MAX_EXPONENT", "MAX_REPEAT", "Sandbox"]

#: The largest exponent ``**`` accepts.
MAX_EXPONENT = 1000
#: The longest string or list ``*`` may build.
MAX_REPEAT = 1_000_000


def _length(value: Any) -> int | None:
    return len(value) if isinstance(value, str | bytes | list | tuple) else None


class Sandbox(SandboxedEnvironment):
    """:class:`~jinja2.sandbox.SandboxedEnvironment` with ``**`` and ``*`` bounded."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "**":
            if isinstance(right, int) and abs(right) > MAX_EXPONENT:
                raise SecurityError(f"an exponent above {MAX_EXPONENT} is not allowed")
        elif operator == "*":
            for sequence, count in ((left, right), (right, left)):
                size = _length(sequence)
                if size is not None and isinstance(count, int) and size * count > MAX_REPEAT:
                    raise SecurityError(
                        f"repeating a value to more than {MAX_REPEAT:,} items is not allowed"
                    )
        return super().call_binop(context, operator, left, right)
