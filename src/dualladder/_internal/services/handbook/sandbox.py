"""The Jinja2 sandbox that user templates (``render --templates DIR``) run in.

A template folder is trusted like the repository's other code, but a template is easy to copy
from elsewhere, and plain Jinja2 lets a template reach Python itself:
``{{ cycler.__init__.__globals__.os.popen('id').read() }}`` runs a command. Jinja2's
:class:`~jinja2.sandbox.SandboxedEnvironment` refuses attributes that lead there (``__init__``,
``__globals__``, ``__subclasses__``, a function's code, a generator's frame...) and replaces
``range`` with one of at most 100,000 items; :class:`Sandbox` also bounds the two operators
that could take unbounded time or memory from a one-line template: ``**`` (``10 ** 10 ** 10``)
and repetition with ``*`` (``'x' * 10 ** 10``).

Bounding each operation does not bound a render: loops multiply
(``{% for a in range(100000) %}{% for b in range(100000) %}``) and a macro can call itself.
So one render of a template (a page, with everything it includes, imports and calls) has a
budget of :data:`MAX_STEPS` steps: a step is one iteration of a ``for`` loop, one item of a
``range``, one template included or imported, and one item of a sized value (string, list,
dict) a filter or a method is given; a call (a macro, a method, a function, a recursive
``loop``) costs :data:`CALL_STEPS`. Calls nest at most :data:`MAX_DEPTH` deep. Past either a
:class:`SecurityError` stops the render, in time linear in the budget.

The built-in templates ship with the package and run without the sandbox, which costs about
half again the time of rendering; with a user folder every template of the render runs in it
(user templates extend and import built-in ones).
"""

from __future__ import annotations

import contextvars
import functools
import os
import re
import string
import weakref
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from jinja2 import FileSystemLoader, nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.environment import Environment, Template
from jinja2.exceptions import SecurityError, TemplateNotFound
from jinja2.runtime import Context, LoopContext
from jinja2.sandbox import ImmutableSandboxedEnvironment, safe_range

__all__ = [
    "CALL_STEPS",
    "MAX_DEPTH",
    "MAX_EXPONENT",
    "MAX_REPEAT",
    "MAX_STEPS",
    "InsideLoader",
    "Sandbox",
]

#: The largest exponent ``**`` accepts.
MAX_EXPONENT = 1000
#: The longest string or list ``*`` may build.
MAX_REPEAT = 1_000_000
#: The steps one render of a template may take (loop iterations, calls, ``range`` items,
#: templates included, items of values given to filters and methods).
MAX_STEPS = 5_000_000
#: The steps one call (a macro, a method, a function) costs: a macro call takes 25 to 100 times
#: as long as a loop iteration (more under a memory tracer); the charge errs on the safe side.
CALL_STEPS = 200
#: How deep calls (macros, methods, recursive loops) may nest.
MAX_DEPTH = 50


class _Budget:
    """What is left of one render's steps, and how deep its calls nest now."""

    __slots__ = ("depth", "left")

    def __init__(self) -> None:
        self.left = MAX_STEPS
        self.depth = 0

    def spend(self, steps: int = 1) -> None:
        self.left -= steps
        if self.left < 0:
            raise SecurityError(
                f"the template takes more than {MAX_STEPS:,} steps (loop iterations, calls, "
                "range items); it is refused as unbounded"
            )


#: The budget of the render under way (None outside a render).
_BUDGET: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar(
    "dualladder_template_budget", default=None
)


def _budget() -> _Budget:
    budget = _BUDGET.get()
    if budget is None:  # a template used outside Template.render (generate, stream)
        budget = _Budget()
        _BUDGET.set(budget)
    return budget


def _spend_size(value: Any) -> None:
    if isinstance(value, str | bytes | list | tuple | dict | set | frozenset | range):
        _budget().spend(len(value) + 1)


def _counted(iterable: Iterable[Any]) -> Iterator[Any]:
    """``iterable``, one step of the render's budget an item."""
    budget = _budget()
    for item in iterable:
        budget.spend()
        yield item


def _counted_range(*args: int) -> range:
    """The sandbox's ``range`` (at most 100,000 items), its items spent from the budget."""
    items = safe_range(*args)
    _budget().spend(len(items))
    return items


class _BudgetTemplate(Template):
    """A template whose :meth:`render` runs with a fresh budget (an include or import runs
    inside its includer's render, on its budget)."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        token = _BUDGET.set(_Budget())
        try:
            return super().render(*args, **kwargs)
        finally:
            _BUDGET.reset(token)


#: The name under which the compiled code finds :func:`_counted` (``environment.<name>``).
_COUNTED = "dualladder_counted"


class _BudgetCodeGenerator(CodeGenerator):
    """Compiles every ``for`` loop to iterate through :func:`_counted`."""

    def visit_For(self, node: nodes.For, frame: Frame) -> None:
        wrapped = node.iter
        done = isinstance(wrapped, nodes.Call) and isinstance(
            wrapped.node, nodes.EnvironmentAttribute) and wrapped.node.name == _COUNTED
        if not done:
            node.iter = nodes.Call(
                nodes.EnvironmentAttribute(_COUNTED), [wrapped], [], None, None,
                lineno=wrapped.lineno,
            )
        super().visit_For(node, frame)


def _length(value: Any) -> int | None:
    return len(value) if isinstance(value, str | bytes | list | tuple) else None


#: ``str`` methods whose first argument is a width: the string they build is that long.
_WIDTHS = frozenset({"center", "ljust", "rjust", "zfill"})
#: A ``%`` conversion's width and precision (``%0999999999d``, ``%*d``, ``%.5f``).
_PERCENT = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")
#: The numbers of a format spec (``>999999999``, ``.5``, ``,``).
_DIGITS = re.compile(r"\d+")


def _too_wide(size: Any) -> None:
    if isinstance(size, int) and size > MAX_REPEAT:
        raise SecurityError(f"a string of more than {MAX_REPEAT:,} characters is not allowed")


def _check_percent(template: str, args: Any) -> None:
    """``template % args`` builds no string wider than :data:`MAX_REPEAT`."""
    values = args if isinstance(args, tuple) else (args,)
    for found in _PERCENT.finditer(template):
        for part in found.groups():
            if part == "*":
                for value in values:
                    _too_wide(value)
            elif part:
                _too_wide(int(part) if len(part) < 12 else MAX_REPEAT + 1)


def _check_format(template: str) -> None:
    """``template.format(...)`` pads no field wider than :data:`MAX_REPEAT` (nested fields
    in a spec, ``{:{}}``, are refused: their width comes from the data)."""
    try:
        fields = list(string.Formatter().parse(template))
    except ValueError:
        return  # format() itself refuses it
    for _, _, spec, _ in fields:
        if not spec:
            continue
        if "{" in spec:
            raise SecurityError("a format spec with a nested field is not allowed")
        for digits in _DIGITS.findall(spec):
            _too_wide(int(digits) if len(digits) < 12 else MAX_REPEAT + 1)


#: The filters :func:`_sized_filter` made (so none is wrapped twice).
_SIZED: weakref.WeakSet[Callable[..., Any]] = weakref.WeakSet()


def _sized_filter(function: Callable[..., Any]) -> Callable[..., Any]:
    """``function`` (a filter) spending the size of the value it is given from the budget.
    Jinja passes a filter's context or environment first when the filter asks for it."""
    if function in _SIZED:
        return function

    @functools.wraps(function)
    def sized(*args: Any, **kwargs: Any) -> Any:
        for arg in args[:2]:
            _spend_size(arg)
        return function(*args, **kwargs)

    _SIZED.add(sized)
    return sized


class _SizedFilters(dict[str, Any]):
    """The filters of a :class:`Sandbox`: each one set (now or later) is a
    :func:`_sized_filter`."""

    def __init__(self, filters: dict[str, Any]) -> None:
        super().__init__()
        self.update(filters)

    def __setitem__(self, name: str, function: Any) -> None:
        super().__setitem__(name, _sized_filter(function))

    def update(self, *args: Any, **kwargs: Any) -> None:
        for name, function in dict(*args, **kwargs).items():
            self[name] = function


class InsideLoader(FileSystemLoader):
    """A template folder's loader that reads only files inside the folder: a template that is
    a symbolic link to a file elsewhere (``{% include 'passwd.html' %}`` with ``passwd.html``
    a link to ``/etc/passwd``) is not found, so it cannot copy a system file into a handbook."""

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        real = os.path.realpath(filename)
        roots = [os.path.realpath(path) for path in self.searchpath]
        if not any(os.path.commonpath([real, root]) == root for root in roots):
            raise TemplateNotFound(template)
        return source, filename, uptodate


class Sandbox(ImmutableSandboxedEnvironment):
    """:class:`~jinja2.sandbox.ImmutableSandboxedEnvironment` with what builds large strings
    bounded: ``**``, ``*`` and ``%``, the width of ``str`` padding methods, ``expandtabs`` and
    format specs, the ``center``, ``indent`` and ``format`` filters and ``lipsum``. Being the
    immutable sandbox, a template cannot change the ladder it renders: lists, dicts and sets
    cannot be changed through their methods (``ladder.levels.clear()`` is refused)."""

    intercepted_binops = frozenset({"*", "**", "%"})
    code_generator_class = _BudgetCodeGenerator
    template_class = _BudgetTemplate

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        setattr(self, _COUNTED, _counted)
        self.globals["range"] = _counted_range
        self.filters = _SizedFilters(self.filters)
        center, indent, fmt = (self.filters[name] for name in ("center", "indent", "format"))
        lipsum: Callable[..., Any] = self.globals["lipsum"]  # type: ignore[assignment]

        def bounded_center(value: Any, width: int = 80) -> Any:
            _too_wide(width)
            return center(value, width)

        def bounded_indent(value: Any, width: Any = 4, *args: Any, **kwargs: Any) -> Any:
            _too_wide(width if isinstance(width, int) else len(str(width)))
            lines = str(value).count("\n") + 1
            _too_wide(lines * (width if isinstance(width, int) else len(str(width))))
            return indent(value, width, *args, **kwargs)

        def bounded_format(value: Any, *args: Any, **kwargs: Any) -> Any:
            _check_percent(str(value), tuple(args) or kwargs)
            return fmt(value, *args, **kwargs)

        def bounded_lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> Any:
            if n > 100 or max > 1000:
                raise SecurityError("lipsum of more than 100 paragraphs of 1,000 words is not "
                                    "allowed")
            return lipsum(n=n, html=html, min=min, max=max)

        self.filters.update(center=bounded_center, indent=bounded_indent, format=bounded_format)
        self.globals["lipsum"] = bounded_lipsum

    def get_template(self, *args: Any, **kwargs: Any) -> Template:
        _budget().spend()  # an include or import, each time it runs
        return super().get_template(*args, **kwargs)

    def select_template(self, *args: Any, **kwargs: Any) -> Template:
        _budget().spend()
        return super().select_template(*args, **kwargs)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        budget = _budget()
        budget.spend(CALL_STEPS)
        owner = getattr(__obj, "__self__", None)
        _spend_size(owner)
        for arg in args:
            _spend_size(arg)
        if isinstance(__obj, LoopContext) and args:  # a recursive loop's next level
            args = (_counted(args[0]), *args[1:])
        if budget.depth >= MAX_DEPTH:
            raise SecurityError(
                f"calls nest more than {MAX_DEPTH} deep (a macro or loop that calls itself "
                "without end?)"
            )
        budget.depth += 1
        try:
            return __self._call(__context, __obj, owner, *args, **kwargs)
        finally:
            budget.depth -= 1

    def _call(__self, __context: Context, __obj: Any, owner: Any, *args: Any,
              **kwargs: Any) -> Any:
        if isinstance(owner, str):
            name = getattr(__obj, "__name__", "")
            if name in _WIDTHS:
                _too_wide(args[0] if args else kwargs.get("width"))
            elif name == "expandtabs":
                size = args[0] if args else kwargs.get("tabsize", 8)
                if isinstance(size, int):
                    _too_wide(size * owner.count("\t") + len(owner))
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """``str.format`` and ``format_map`` as the sandbox wraps them, with the widths of the
        format specs bounded (the sandbox wraps them when they are looked up, not called)."""
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        template = value.__self__

        def bounded(*args: Any, **kwargs: Any) -> str:
            _check_format(template)
            return wrapped(*args, **kwargs)

        return bounded

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
        elif operator == "%" and isinstance(left, str):
            _check_percent(left, right)
        return super().call_binop(context, operator, left, right)
