"""dualladder's implementation, in layers that import only downwards (docs/architecture.md).

Nothing here is public API: the public names are exported by :mod:`dualladder` and its public
packages (``company``, ``plan``, ``diff``, ``people``, ``handbook``, ``rules``), as pydantic keeps
its own internals in ``pydantic._internal``.
"""
