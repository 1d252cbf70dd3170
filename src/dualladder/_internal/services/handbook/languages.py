"""A handbook in several languages: which locales a render writes, one folder per language,
and the ``hreflang`` links between a page and its translations.

One locale writes the handbook into the output folder as always. Several (``--locale en,de``)
write one complete handbook per language into ``OUT/<lang>/``, each published (swapped in) on
its own and all of them together or none (one :func:`~.folders.all_or_nothing` batch); each
HTML page links its translations (``<link rel="alternate" hreflang="de" href="../de/...">``).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from dualladder._internal.services.handbook.folders import all_or_nothing, current_batch
from dualladder._internal.util import i18n

__all__ = [
    "Alternate",
    "alternates",
    "inside",
    "page_alternates",
    "publish_languages",
    "reader_locales",
]


def reader_locales(given: str | Sequence[str] | None, own: str | None) -> list[str]:
    """The locales to write: ``given`` (``"de"``, ``"en,de"`` or a list), else the file's own
    ``locale:``, else English; each checked (an unknown one raises
    :class:`~dualladder._internal.util.locales.UnknownLocale`), each once, in the order given."""
    if given is None:
        names = [own or i18n.DEFAULT]
    elif isinstance(given, str):
        names = [part.strip() for part in given.split(",")]
    else:
        names = [str(part).strip() for part in given]
    out: list[str] = []
    for name in names:
        checked = i18n.check_locale(name)
        if checked not in out:
            out.append(checked)
    if not out:
        raise i18n.UnknownLocale(
            f"no locale given; the shipped locales are {', '.join(i18n.SHIPPED)}"
        )
    return out


@dataclass(frozen=True, slots=True)
class Alternate:
    """A translation of the page being written: its language and its address from the page."""

    lang: str
    href: str


#: The languages of this run and where the page being written sits below its language folder
#: (``("en", "de")``, 0 for a page of the handbook's own folder, 1 inside a family's folder).
_RUN: ContextVar[tuple[tuple[str, ...], int]] = ContextVar("dualladder_languages",
                                                         default=((), 0))


@contextlib.contextmanager
def alternates(locales: Sequence[str], current: str) -> Iterator[None]:
    """While pages of ``current`` are written, they link their translations in ``locales``."""
    del current  # the page's own language is the active locale
    token = _RUN.set((tuple(locales) if len(locales) > 1 else (), 0))
    try:
        yield
    finally:
        _RUN.reset(token)


def page_alternates(file: str) -> list[Alternate]:
    """The ``hreflang`` links of the page ``file`` (a name inside its handbook): every language
    of the run, its own included (as the convention asks), none for a one-language render."""
    locales, depth = _RUN.get()
    if not locales:
        return []
    up = "../" * (depth + 1)
    prefix = "/".join(_RUN_PATH.get())
    inner = f"{prefix}/{file}" if prefix else file
    return [Alternate(lang, f"{up}{lang}/{inner}") for lang in locales]


#: The folders between the language folder and the page (a family's slug in a company site).
_RUN_PATH: ContextVar[tuple[str, ...]] = ContextVar("dualladder_language_path", default=())


@contextlib.contextmanager
def inside(folder: str) -> Iterator[None]:
    """Pages written inside the block sit in ``folder`` below the language folder."""
    token = _RUN_PATH.set((*_RUN_PATH.get(), folder))
    locales, depth = _RUN.get()
    run = _RUN.set((locales, depth + 1))
    try:
        yield
    finally:
        _RUN.reset(run)
        _RUN_PATH.reset(token)


def publish_languages(
    per_language: Mapping[str, Mapping[str, bytes]],
    out_dir: str | os.PathLike[str],
    publish: Callable[[Mapping[str, bytes], str | os.PathLike[str]], list[Path]],
) -> list[Path]:
    """Publish one language's files into ``out_dir``, or each language's into
    ``out_dir/<lang>/`` (all of them or none)."""
    if len(per_language) == 1:
        (files,) = per_language.values()
        return publish(files, out_dir)
    written: list[Path] = []
    batch = contextlib.nullcontext() if current_batch() is not None else all_or_nothing()
    with batch:
        for lang, files in per_language.items():
            written.extend(publish(files, Path(out_dir) / lang))
    return sorted(written)
