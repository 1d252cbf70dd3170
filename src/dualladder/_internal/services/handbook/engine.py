"""Rendering the handbook: Jinja2 environments, pages to bytes, and the atomic swap-in.

Two environments share one loader (the user's template folder first, then the built-in
templates):

- ``html``: for ``html/*`` and ``svg/*``, with HTML autoescape for ``.html.j2`` and ``.svg.j2``.
- ``markdown``: for ``markdown/*``, whose ``finalize`` hook escapes every printed value for
  Markdown (:func:`~dualladder._internal.util.escape.markdown_escape`); values marked safe
  (``Markup``, e.g. a macro's output) are printed as they are.

Both use ``StrictUndefined``: a typo in a template is an error, not an empty string. With a
user template folder both are sandboxed
(:class:`~dualladder._internal.services.handbook.sandbox.Sandbox`): a template cannot reach Python's
internals, run commands or read files.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import os
import secrets
import stat
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

import jinja2
from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    pass_environment,
)
from markupsafe import Markup

from dualladder._internal.model.ladder import Ladder
from dualladder._internal.services.handbook import words
from dualladder._internal.services.handbook.errors import FORMATS, MARKER, RenderError
from dualladder._internal.services.handbook.folders import (
    Batch,
    current_batch,
    locked,
    remove_folder,
    remove_leftovers,
    short_name,
    signals_held,
)
from dualladder._internal.services.handbook.languages import (
    alternates,
    page_alternates,
    publish_languages,
    reader_locales,
)
from dualladder._internal.services.handbook.matrix import decision_matrices
from dualladder._internal.services.handbook.nav import NAV_FILE, handbook_nav, nav_text
from dualladder._internal.services.handbook.sandbox import InsideLoader, Sandbox
from dualladder._internal.services.handbook.site import build_handbook, domains
from dualladder._internal.services.handbook.svg_chart import pay_chart
from dualladder._internal.services.handbook.svg_diagram import ladder_diagram
from dualladder._internal.services.handbook.svg_geometry import number
from dualladder._internal.services.handbook.views import Handbook, Page
from dualladder._internal.services.translations import ladder_in
from dualladder._internal.util import i18n
from dualladder._internal.util.escape import clean_text, markdown_escape, one_line
from dualladder._internal.util.files import write_reason
from dualladder._internal.util.findings import LadderError, Report
from dualladder._internal.util.textsafe import escape_controls

__all__ = [
    "BUILTIN_TEMPLATES",
    "Nav",
    "Written",
    "environments",
    "marker_text",
    "render_handbook",
    "render_languages",
    "render_page",
    "render_template",
    "template_source",
]

BUILTIN_TEMPLATES = Path(__file__).resolve().parents[3] / "templates"

#: The picture files of the Markdown handbook (the HTML pages embed the pictures inline).
DIAGRAM_FILE = "ladder.svg"
CHART_FILE = "pay-bands.svg"

_AUTOESCAPE_SUFFIXES = (".html.j2", ".svg.j2", ".xml.j2", ".html", ".htm", ".svg", ".xml")


def _autoescape(name: str | None) -> bool:
    return name is not None and name.endswith(_AUTOESCAPE_SUFFIXES)


def _finalize_html(value: Any) -> Any:
    if value is None:
        return ""
    return clean_text(value) if isinstance(value, str) and not hasattr(value, "__html__") else value


def _finalize_markdown(value: Any) -> Any:
    if value is None:
        return ""
    if hasattr(value, "__html__"):
        return value
    return Markup(markdown_escape(str(value)))


def _md(value: Any) -> Markup:
    """The ``md`` filter: escape for Markdown now (e.g. before ``~`` with markup)."""
    if hasattr(value, "__html__"):
        return Markup(value)
    return Markup(markdown_escape(str(value)))


def _md_code(value: Any) -> Markup:
    """The ``code`` filter of Markdown templates: ``value`` as a code span, to copy as it is
    (a command). Text a code span cannot hold literally (a backtick, a brace that a MkDocs
    plugin may run as Jinja, a pipe that ends a table cell, a line break) is printed escaped
    instead, as any value is."""
    text = clean_text(str(value))
    if not text.strip() or any(char in text for char in "`{}|") or one_line(text) != text:
        return _md(text)
    return Markup(f"`{text}`")


def _html_code(value: Any) -> Markup:
    """The ``code`` filter of HTML templates: ``value`` escaped in a ``<code>`` element."""
    return Markup("<code>{}</code>").format(clean_text(str(value)))


@pass_environment
def _markdown_join(
    environment: Environment, value: Iterable[Any], d: str = "", attribute: str | None = None
) -> Markup:
    """``join`` for Markdown templates: each item is escaped like a printed value."""
    items = list(value)
    if attribute is not None:
        items = [environment.getattr(item, attribute) for item in items]
    return _md(d).join(_md(item) for item in items)


def environments(
    templates: str | os.PathLike[str] | None = None,
) -> dict[str, Environment]:
    """The ``html`` and ``markdown`` environments over the user's folder and the built-ins.

    Environments are cached (by the folder's real path), so a batch of handbooks compiles each
    template once instead of once a handbook. A user's templates are checked for changes on
    each use (``auto_reload``); the built-in ones never change.
    """
    if templates is None:
        return _environments(None)
    folder = Path(templates)
    if not folder.is_dir():
        raise RenderError(f"template folder {os.fspath(templates)} does not exist")
    return _environments(os.path.realpath(folder))


@functools.lru_cache(maxsize=16)
def _environments(folder: str | None) -> dict[str, Environment]:
    loaders: list[jinja2.BaseLoader] = []
    if folder is not None:
        loaders.append(InsideLoader(folder))  # a link out of the folder is not a template
    loaders.append(FileSystemLoader(os.fspath(BUILTIN_TEMPLATES)))
    loader = ChoiceLoader(loaders)
    common: dict[str, Any] = {
        "loader": loader,
        "undefined": StrictUndefined,
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
        "auto_reload": folder is not None,
    }
    # User templates run sandboxed; the built-in ones alone are trusted and run faster without.
    kind: type[Environment] = Sandbox if folder is not None else Environment
    html = kind(autoescape=_autoescape, finalize=_finalize_html, **common)
    markdown = kind(autoescape=True, finalize=_finalize_markdown, **common)
    for env, finalize in ((html, _finalize_html), (markdown, _finalize_markdown)):
        words.install(env, finalize)
        env.globals["alternates"] = page_alternates
        env.filters["md"] = _md
        env.filters["n"] = number
    markdown.filters["join"] = _markdown_join
    markdown.filters["code"] = _md_code
    html.filters["code"] = _html_code
    return {"html": html, "markdown": markdown}


# -- errors ---------------------------------------------------------------------------------------


def _template_frame(tb: TracebackType | None) -> str | None:
    """``file:line`` of the innermost template frame of a traceback (Jinja2 rewrites
    tracebacks so template code shows with its own file and line)."""
    where = None
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_filename.endswith((".j2", ".css", ".html", ".svg", ".md")) or (
            code.co_filename == "<template>"
        ):
            where = f"{code.co_filename}:{tb.tb_lineno}"
        tb = tb.tb_next
    return where


def render_template(env: Environment, name: str, context: Mapping[str, Any]) -> str:
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as exc:
        where = exc.filename or exc.name or name
        raise RenderError(f"template {where}:{exc.lineno}: {exc.message}") from exc
    except jinja2.TemplateNotFound as exc:
        missing = ", ".join(str(n) for n in getattr(exc, "templates", [exc.name]))
        raise RenderError(f"template {missing} not found (rendering {name})") from exc
    except jinja2.UndefinedError as exc:
        where = _template_frame(exc.__traceback__) or name
        raise RenderError(f"template {where}: {exc.message}") from exc
    except RenderError:
        raise
    except RecursionError as exc:  # includes that include themselves (macros stop at MAX_DEPTH)
        where = _template_frame(exc.__traceback__) or name
        raise RenderError(f"template {where}: templates include or call each other too deeply "
                          "(recursion without end?)") from exc
    except Exception as exc:  # a template that raises: report it as the template's problem
        where = _template_frame(exc.__traceback__) or name
        raise RenderError(f"template {where}: {type(exc).__name__}: {exc}") from exc


def template_source(env: Environment, name: str) -> str:
    assert env.loader is not None
    try:
        return env.loader.get_source(env, name)[0]
    except jinja2.TemplateNotFound as exc:
        raise RenderError(f"template {name} not found") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise RenderError(f"template {name} cannot be read: {exc}") from exc


def render_page(envs: Mapping[str, Environment], fmt: str, template: str,
                context: Mapping[str, Any]) -> str:
    """The page ``template`` (``overview``) in the format ``fmt``: ``markdown/overview.md.j2``,
    every printed value escaped for Markdown, or ``html/overview.html.j2``."""
    if fmt == "markdown":
        return render_template(envs["markdown"], f"markdown/{template}.md.j2", context)
    return render_template(envs["html"], f"html/{template}.html.j2", context)


# -- pages ----------------------------------------------------------------------------------------


def marker_text(fmt: str, what: str = "handbook") -> str:
    """The marker file's words: what the folder is (``handbook``, ``company handbook``)."""
    return (
        f"This folder is a dualladder {what} ({fmt}).\n"
        "`dualladder render` replaces the whole folder on every run: keep no other files here.\n"
    )


def _page_context(handbook: Handbook, page: Page, extra: Mapping[str, Any]) -> dict[str, Any]:
    context: dict[str, Any] = {
        "handbook": handbook,
        "ladder": handbook.ladder,
        "page": page,
        "pages": handbook.pages,
        "tracks": handbook.tracks,
        "levels": handbook.levels,
        "format": handbook.format,
    }
    if page.track is not None:
        context["track"] = page.track
    if page.level is not None:
        from dualladder._internal.services.handbook.steps import level_steps

        context["level"] = page.level
        context["steps"] = level_steps(handbook, page.level)
    context.update(extra)
    return context


def build_files(
    handbook: Handbook, envs: Mapping[str, Environment]
) -> dict[str, bytes]:
    """Every file of the handbook: name inside the output folder -> bytes."""
    fmt = handbook.format
    html = envs["html"]
    diagram = ladder_diagram(handbook)
    chart = pay_chart(handbook)
    extras: dict[str, dict[str, Any]] = {
        "overview": {"diagram": diagram, "diagram_file": DIAGRAM_FILE},
        "pay": {"chart": chart, "chart_file": CHART_FILE},
        "decisions": {"matrices": decision_matrices(handbook), "domains": domains(handbook)},
    }
    files: dict[str, str] = {}
    for page in handbook.pages:
        context = _page_context(handbook, page, extras.get(page.kind, {}))
        files[page.file] = render_page(envs, fmt, page.template, context)
    if fmt == "markdown":
        base = {"handbook": handbook, "ladder": handbook.ladder, "format": fmt}
        files[DIAGRAM_FILE] = render_template(html, "svg/ladder.svg.j2",
                                              {**base, "diagram": diagram})
        files[CHART_FILE] = render_template(html, "svg/payband.svg.j2", {**base, "chart": chart})
    else:
        files["style.css"] = template_source(html, "html/style.css")
    files[MARKER] = marker_text(fmt)
    return {name: text.encode("utf-8") for name, text in files.items()}


# -- writing --------------------------------------------------------------------------------------


def _write(path: Path, data: bytes) -> None:
    """Write one file (a separate function so tests can make a write fail)."""
    with open(path, "xb") as handle:
        handle.write(data)


def _fresh(parent: Path, prefix: str, create: bool) -> Path:
    """A new name in ``parent`` (created as a folder if ``create``)."""
    while True:
        path = parent / f"{prefix}{secrets.token_hex(6)}"
        if create:
            try:
                path.mkdir()
            except FileExistsError:
                continue
            return path
        if not os.path.lexists(path):
            return path


def _inside(path: Path, folder: Path, parts: tuple[str, ...]) -> None:
    resolved, root = path.resolve(), folder.resolve()
    try:
        inside = resolved.relative_to(root).parts == parts
    except ValueError:
        inside = False
    if not inside or path.name in ("", ".", ".."):
        raise RenderError(f"refusing to write {path}: it is not inside {folder}")


def _name_parts(name: str) -> tuple[str, ...] | None:
    """``index.html`` -> ``("index.html",)``; ``engineering/index.html`` -> two parts (a site
    of several handbooks has one folder level); None for anything else (a path that climbs,
    is absolute, or nests deeper)."""
    parts = tuple(name.split("/"))
    if "\\" in name or len(parts) > 2:
        return None
    if any(part in ("", ".", "..") or part != Path(part).name for part in parts):
        return None
    return parts


def _why(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


#: The line of the marker file after which it lists the files of the handbook.
MANIFEST_LINE = "files:"
#: The most of a marker file read: a handbook's list of files is a few kilobytes.
MARKER_MAX_BYTES = 4 * 1024 * 1024


def with_manifest(files: Mapping[str, bytes]) -> dict[str, bytes]:
    """``files`` with the marker file listing every other file (one ``name`` a line after
    :data:`MANIFEST_LINE`): the proof that a folder is a handbook dualladder wrote, which a
    later render checks before it replaces the folder (:func:`unlisted_entry`)."""
    head = files.get(MARKER, marker_text("handbook").encode()).decode("utf-8").rstrip("\n")
    names = sorted(name for name in files if name != MARKER)
    text = "\n".join([head, MANIFEST_LINE, *names]) + "\n"
    return {**files, MARKER: text.encode("utf-8")}


def unlisted_entry(folder: Path) -> str | None:
    """The first entry of an existing output folder that its marker file does not list (None
    when everything is listed, or the folder is empty): a folder is replaced only when it is
    certainly a handbook dualladder wrote. A planted empty marker lists nothing, so a folder
    that holds anything else is never emptied."""
    try:
        entries = sorted(os.listdir(folder))
    except OSError:
        return "the folder"
    if not entries:
        return None
    marker = folder / MARKER
    try:
        if not stat.S_ISREG(os.lstat(marker).st_mode):
            return MARKER
        from dualladder._internal.util.files import read_regular

        text = read_regular(marker, max_bytes=MARKER_MAX_BYTES).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return escape_controls(entries[0]) if entries[0] != MARKER else MARKER
    lines = text.splitlines()
    listed = set(lines[lines.index(MANIFEST_LINE) + 1:]) if MANIFEST_LINE in lines else set()
    folders = {name.split("/", 1)[0] for name in listed if "/" in name}
    for name in entries:
        if name == MARKER:
            continue
        mode = os.lstat(folder / name).st_mode
        if stat.S_ISDIR(mode) and name in folders:
            for inner in sorted(os.listdir(folder / name)):
                inner_mode = os.lstat(folder / name / inner).st_mode
                if not stat.S_ISREG(inner_mode) or f"{name}/{inner}" not in listed:
                    return escape_controls(f"{name}/{inner}")
        elif not stat.S_ISREG(mode) or name not in listed:
            return escape_controls(name)
    return None


def publish(files: Mapping[str, bytes], out_dir: str | os.PathLike[str]) -> list[Path]:
    """Write ``files`` into a fresh folder beside ``out_dir``, then swap it in for ``out_dir``.

    A name is a plain file name, or ``folder/name`` (one level: a company site puts each job
    family's handbook in a folder of its own).

    Refuses a non-empty ``out_dir`` without the marker file. On any failure the temporary
    folder is removed and an existing ``out_dir`` is left untouched. The swap holds a lock on
    the folder that holds ``out_dir`` (a second render into it waits), first removes what killed
    runs left there, and holds SIGINT and SIGTERM back between its two renames
    (:mod:`dualladder._internal.services.handbook.folders`).
    """
    shown = os.fspath(out_dir)
    files = with_manifest(files)
    target = Path(out_dir).resolve()
    parent = target.parent
    if target == parent or not target.name:
        raise RenderError(f"{shown} cannot be the output folder; choose an empty or new folder")
    for name in files:
        if _name_parts(name) is None:
            raise RenderError(f"refusing to write {name!r}: not a plain file name")
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise RenderError(f"{shown}: cannot write: {write_reason(shown, exc)}") from exc
    with locked(parent):  # one render at a time into this folder; see handbook.folders
        remove_leftovers(parent, target.name, MARKER)
        _swap_in(files, target, shown, current_batch())
    return [Path(out_dir) / name for name in sorted(files)]


def _swap_in(files: Mapping[str, bytes], target: Path, shown: str, batch: Batch | None) -> None:
    """The body of :func:`publish`, run under the lock. Within a :class:`Batch`, the folder
    it replaces is kept aside for the batch to remove or put back."""
    parent = target.parent
    existed = os.path.lexists(target)
    try:
        if existed:
            if not target.is_dir():
                raise RenderError(f"{shown} exists and is not a folder")
            stranger = unlisted_entry(target)
            if stranger is not None:
                why = (f" ({stranger} is not listed in its {MARKER} file)"
                       if os.path.lexists(target / MARKER) else "")
                raise RenderError(
                    f"{shown} exists and was not written by dualladder{why}; "
                    "choose an empty or new folder"
                )
        temp = _fresh(parent, f".{short_name(target.name)}.tmp-", create=True)
    except OSError as exc:
        raise RenderError(f"cannot write {shown}: {_why(exc)}") from exc
    try:
        # the marker first: a folder a killed run leaves behind is recognisably ours
        for name in sorted(files, key=lambda name: (name != MARKER, name)):
            parts = _name_parts(name)
            assert parts is not None
            path = temp.joinpath(*parts)
            if len(parts) == 2:
                (temp / parts[0]).mkdir(exist_ok=True)
            _inside(path, temp, parts)
            _write(path, files[name])
        if existed:
            os.chmod(temp, stat.S_IMODE(target.stat().st_mode))
            old = _fresh(parent, f".{short_name(target.name)}.old-", create=False)
            with signals_held():  # never stopped between the renames, nor before the clean-up
                os.rename(target, old)
                try:
                    os.rename(temp, target)
                except BaseException:
                    os.rename(old, target)
                    raise
                if batch is None:
                    remove_folder(old, MARKER)
                else:  # kept aside until the whole batch is written (see folders.Batch)
                    batch.swapped.append((target, old))
        else:
            os.rename(temp, target)
            if batch is not None:
                batch.swapped.append((target, None))
    except OSError as exc:
        raise RenderError(f"cannot write {shown}: {_why(exc)}") from exc
    finally:
        if os.path.lexists(temp):
            remove_folder(temp, MARKER)


# -- entry point ----------------------------------------------------------------------------------


#: A Markdown handbook's navigation, ``{title: entries}``, as its ``mkdocs-nav.yml`` holds it
#: (:mod:`~dualladder._internal.services.handbook.nav`).
Nav = dict[str, list[dict[str, Any]]]


@dataclass(frozen=True, slots=True)
class Written:
    """What a render wrote: the files, sorted, and for a Markdown handbook in one language its
    navigation (the index of a folder of handbooks lists it with the others')."""

    files: list[Path]
    nav: Nav | None = None


#: One language's handbook: its files (name -> bytes) and its navigation (None: a page that
#: has none, a plan's), from the report the model was checked with and the template
#: environments.
Build = Callable[[Report, Mapping[str, Environment]], tuple[dict[str, bytes], Nav | None]]


def render_languages(
    out_dir: str | os.PathLike[str],
    build: Build,
    *,
    check: Callable[[], Report],
    own_locale: str | None,
    fmt: Literal["markdown", "html"],
    templates: str | os.PathLike[str] | None,
    allow_invalid: bool,
    checked: Report | None,
    nav_prefix: str,
    locale: str | Sequence[str] | None,
    linked: bool = True,
) -> Written:
    """What rendering a ladder's handbook, a company's site and a plan's page share: the
    format checked; the model checked by ``check`` unless the caller has (``checked``), its
    errors refusing the render unless ``allow_invalid``; then, in each reader's language
    (``locale``, else the file's ``own_locale``), its files built by ``build`` (for Markdown
    with its navigation file, each path after ``nav_prefix``), each page linking its
    translations where ``linked`` (a plan's page does not), and all of them published."""
    if fmt not in FORMATS:
        raise RenderError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    report = checked if checked is not None else check()
    if report.errors and not allow_invalid:
        raise LadderError(report.errors)
    envs = environments(templates)
    locales = reader_locales(locale, own_locale)
    per_language: dict[str, dict[str, bytes]] = {}
    navs: list[Nav] = []
    for name in locales:
        links = alternates(locales, name) if linked else contextlib.nullcontext()
        with i18n.reading(name), links:
            files, nav = build(report, envs)
        if nav is not None and fmt == "markdown":  # the pages in order, for MkDocs' nav
            ((title, entries),) = nav.items()
            files[NAV_FILE] = nav_text(title, entries, nav_prefix).encode("utf-8")
            navs.append(nav)
        per_language[name] = files
    written = publish_languages(per_language, out_dir, publish)
    return Written(written, navs[0] if len(navs) == 1 else None)


def render_handbook(
    ladder: Ladder,
    out_dir: str | os.PathLike[str],
    *,
    fmt: Literal["markdown", "html"],
    templates: str | os.PathLike[str] | None,
    allow_invalid: bool,
    checked: Report | None = None,
    nav_prefix: str = "",
    locale: str | Sequence[str] | None = None,
) -> Written:
    """See :func:`dualladder._internal.services.handbook.render.render`. ``checked``: the
    ladder's report, when the caller has just checked it (it is not checked again).
    ``locale``: the reader's language (None: the file's ``locale:``, else English); several
    write one handbook per language, each in a folder named after it."""

    def check() -> Report:
        from dualladder._internal.services.check.ladder import check_ladder

        return check_ladder(ladder)

    def build(report: Report, envs: Mapping[str, Environment]) -> tuple[dict[str, bytes], Nav]:
        # the ladder's own text in the reader's language, checked as the file is
        handbook = build_handbook(ladder_in(ladder, i18n.active())[0], fmt, report.findings)
        if ladder.company is not None:  # a job family: its pay page shows every zone
            from dualladder._internal.services.handbook.zones import zone_tables

            handbook = dataclasses.replace(handbook, zones=zone_tables(handbook))
        return build_files(handbook, envs), {handbook.title: handbook_nav(handbook, nav_prefix)}

    return render_languages(out_dir, build, check=check, own_locale=ladder.locale, fmt=fmt,
                            templates=templates, allow_invalid=allow_invalid, checked=checked,
                            nav_prefix=nav_prefix, locale=locale)
