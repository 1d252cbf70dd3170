"""Lazy exports for a package's ``__init__``: each name is imported from its module on first use.

``import dualladder`` (and ``dualladder.company``, ``.diff``, ``.people``) must stay cheap, so that
``dualladder validate`` does not pay for Jinja2 or pydantic models it never touches. A package
lists which module defines each public name and takes its module ``__getattr__`` and ``__dir__``
from :func:`lazy_exports`; the first access imports the module and keeps the value in the
package's namespace, so later accesses are ordinary attribute look-ups. This module imports
nothing but the standard library.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["lazy_exports"]


def lazy_exports(
    namespace: dict[str, Any], exports: Mapping[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The module ``__getattr__`` and ``__dir__`` of the package whose ``globals()`` is
    ``namespace``: ``exports`` maps each public name to the module that defines it, and
    ``namespace["__all__"]`` is what ``dir()`` shows."""
    package: str = namespace["__name__"]
    names: list[str] = namespace["__all__"]

    def __getattr__(name: str) -> Any:
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return names

    return __getattr__, __dir__
