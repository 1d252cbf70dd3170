"""The catalogs in templates: Jinja's i18n extension (``{% trans %}``, ``_()``) over the active
locale of :mod:`dualladder._internal.util.i18n`, and the number filters of the locale.

The callables are Jinja's "new style" gettext (``_("Level %(id)s", id=level.id)``), but each
variable is escaped as printing it would be in that environment (HTML-escaped in ``html``,
Markdown-escaped in ``markdown``; Jinja's own would HTML-escape a Markdown page), and only
``%(name)s``, ``%(name)d`` and ``%%`` are substituted: a template cannot ask for a width
(``%(x)999999999s``), so a sandboxed user template gets no unbounded string from them.

The environments are built once and cached; the callables read the active locale each time
they run, so one environment writes every language.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

from dualladder._internal.util import i18n

__all__ = ["WORDS", "install", "word"]

N_ = i18n.N_
#: The values of the format's word lists (an authority, a scope), marked for the catalog:
#: pages show each in the reader's language (:func:`word`).
WORDS: dict[str, str] = {
    "informed": N_("informed"),
    "consulted": N_("consulted"),
    "recommends": N_("recommends"),
    "decides": N_("decides"),
    "team": N_("team"),
    "group": N_("group"),
    "organization": N_("organization"),
    "company": N_("company"),
    "industry": N_("industry"),
    "open": N_("open"),
    "in-progress": N_("in-progress"),
    "done": N_("done"),
    "dropped": N_("dropped"),
    # a plan step's owner, when it is one of the format's two words (else a person's name)
    "employee": N_("employee"),
    "manager": N_("manager"),
}


def word(value: Any) -> str:
    """A value of the format's word lists in the active locale (any other text as it is)."""
    text = "" if value is None else str(value)
    return i18n.gettext(WORDS[text]) if text in WORDS else text

_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%%")


def _substitute(text: str, variables: dict[str, Any], shown: Callable[[Any], str],
                autoescape: bool) -> str:
    def one(match: re.Match[str]) -> str:
        if match.group(0) == "%%":
            return "%"
        name = match.group(1)
        if name not in variables:  # a translation naming a variable the template does not pass
            return match.group(0)
        return shown(variables[name])

    result = _PLACEHOLDER.sub(one, text)
    return Markup(result) if autoescape else result


def _callables(finalize: Callable[[Any], Any]) -> dict[str, Any]:
    def shown_escaped(value: Any) -> str:
        return str(escape(finalize(value)))

    def shown_plain(value: Any) -> str:
        value = finalize(value)
        return "" if value is None else str(value)

    def done(context: Context, text: str, variables: dict[str, Any]) -> str:
        if "track" in variables:  # "Laufbahn %(track)s" with "Fachlaufbahn": the word once
            text = i18n.once_named(text, variables["track"])
        autoescape = bool(context.eval_ctx.autoescape)
        return _substitute(text, variables, shown_escaped if autoescape else shown_plain,
                           autoescape)

    @pass_context
    def gettext(__context: Context, __string: str, **variables: Any) -> str:
        return done(__context, i18n.gettext(__string), variables)

    @pass_context
    def ngettext(__context: Context, __singular: str, __plural: str, __num: int,
                 **variables: Any) -> str:
        variables.setdefault("num", __num)
        return done(__context, i18n.ngettext(__singular, __plural, __num), variables)

    @pass_context
    def pgettext(__context: Context, __ctx: str, __string: str, **variables: Any) -> str:
        return done(__context, i18n.pgettext(__ctx, __string), variables)

    return {"gettext": gettext, "ngettext": ngettext, "pgettext": pgettext, "_": gettext}


def _number(value: Any, places: int | None = None) -> str:
    return i18n.number(value if isinstance(value, Decimal) else Decimal(str(value)), places)


def _money(value: Any, currency: str | None) -> str:
    return i18n.money(value if isinstance(value, Decimal) else Decimal(str(value)), currency)


def _plural_form(value: Any) -> str:
    return i18n.plural_form(value if isinstance(value, Decimal) else Decimal(str(value)))


def _date(value: Any) -> str:
    return i18n.date_text(value)


def _at_render_time(function: Callable[..., str]) -> Callable[..., str]:
    @pass_context
    def filtered(__context: Context, value: Any, *args: Any) -> str:
        return function(value, *args)

    return filtered


def install(env: Environment, finalize: Callable[[Any], Any]) -> None:
    """Give ``env`` the catalog callables (``finalize``: how the environment prints a value)
    and the locale's filters: ``amount`` (a number), ``money(currency)``, ``date``,
    ``decimal`` (a figure already rounded, with the locale's decimal sign) and
    ``plural_form`` (a count's CLDR plural category: ``one``, ``other``...); the globals
    ``lang`` (the active locale's name) come from :func:`context`."""
    env.add_extension("jinja2.ext.i18n")
    env.newstyle_gettext = True  # type: ignore[attr-defined]
    env.globals.update(_callables(finalize))
    # each filter reads the active locale when the page is written: marked ``pass_context``,
    # so that Jinja never evaluates one on a constant when it compiles a template (the
    # environments and their compiled templates serve every locale)
    for name, function in (("amount", _number), ("money", _money), ("date", _date),
                           ("decimal", i18n.decimal_text), ("word", word),
                           ("plural_form", _plural_form)):
        env.filters[name] = _at_render_time(function)
    env.globals["current_locale"] = i18n.active
