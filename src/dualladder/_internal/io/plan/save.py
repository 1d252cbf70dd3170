"""Writing a changed plan back to its file, keeping the file's layout (``plan update``).

The plan file is edited in place by the same source-position patcher that saves ladders
(:func:`dualladder._internal.io.save.patch_document`): only the values that changed are rewritten,
so comments, key order, quoting and blank lines stay as the people who wrote the plan left them. The
new text must read back as the plan being saved before anything is written, and the write is atomic.
"""

from __future__ import annotations

import os

from dualladder._internal.io.plan.dump import dumps_plan, plan_data
from dualladder._internal.io.plan.read import read_plan_text
from dualladder._internal.model.plan import Plan
from dualladder._internal.util.files import write_text_atomic
from dualladder._internal.yaml.patch import patch_document, reads_back
from dualladder._internal.yaml.source import SourceMap

__all__ = ["save_plan", "saved_plan_text"]


def saved_plan_text(
    plan: Plan, before: Plan | None, source: SourceMap | None
) -> tuple[str, str | None]:
    """The text of ``plan`` written over the file ``source`` holds (which reads as
    ``before``), and why the file's layout could not be kept (None if it was). A plan
    without a file is written whole."""
    if source is None or source.text is None or source.root is None or before is None:
        return dumps_plan(plan), None
    if before == plan:
        return source.text, None
    return patch_document(source.text, source.root, plan_data(before), plan_data(plan))


def save_plan(
    plan: Plan, path: str | os.PathLike[str], *, before: Plan | None = None,
    source: SourceMap | None = None,
) -> str | None:
    """Write ``plan`` to ``path``, keeping the layout of the file ``source`` it was read from
    (as ``before``); return why the layout could not be kept (the file was then written whole
    after its leading comments), or None.

    Raises :class:`~dualladder._internal.util.findings.LadderError` (and writes nothing) when the
    text would not read back as ``plan``.
    """
    name = os.fspath(path)
    text, unsafe = saved_plan_text(plan, before, source)
    result = read_plan_text(text, name)
    reads_back(plan, result.plan, result.findings,
               f"{name}: the edited plan would not read back as this plan")
    write_text_atomic(path, text)
    return unsafe
