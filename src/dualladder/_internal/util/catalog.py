"""The rule catalog (``docs/rules.md``): every code, its default severity and one-line summary.

This is plain data with no imports of the rest of the package, so the model (which validates
``policy.ignore`` and ``policy.severity``), the loader and the rule engine can all share it.
"""

from __future__ import annotations

from typing import Final, Literal

Severity = Literal["error", "warning"]

#: code -> (default severity, one-line summary), in catalog order.
CATALOG: Final[dict[str, tuple[Severity, str]]] = {
    "DL001": ("error", "the file is not valid YAML"),
    "DL002": (
        "error",
        "the file does not match the format (missing, unknown or mistyped field, bad value)",
    ),
    "DL003": ("error", "a key appears twice in one mapping"),
    "DL004": ("error", "a rung or crossover names a level that `levels` does not define"),
    "DL005": (
        "error",
        "a duplicate: a level id defined twice, or two rungs of one track on one level",
    ),
    "DL006": ("error", "a pay band is not `0 < min <= mid <= max`"),
    "DL101": ("error", "ceiling: the technical track tops out below the management track"),
    "DL102": (
        "error",
        "gap: within the shared span a level has a rung on one track and not on the other, "
        "or a track skips a level",
    ),
    "DL103": (
        "error",
        "pay parity: equivalent rungs' bands (min, mid, max) differ by more than `pay_tolerance`",
    ),
    "DL104": (
        "error",
        "total-rewards parity: bonus target, equity or the perk set differ between "
        "equivalent rungs",
    ),
    "DL105": (
        "error",
        "influence parity: equivalent rungs differ in `scope`, or in the widest scope at which "
        "they hold `decides`",
    ),
    "DL106": (
        "warning",
        "seat at the table: in a `seat_at_the_table` domain, management holds authority A at "
        "scope S and the technical rung lacks min(A, recommends) at scope >= S",
    ),
    "DL107": (
        "warning",
        "crossover: there is no sideways move between the tracks, or it goes one way only",
    ),
    "DL108": (
        "warning",
        "title: a technical title uses a management word (`policy.management_words`: by "
        "default manager, director, head of, vice president, VP, chief)",
    ),
    "DL109": (
        "warning",
        "title: one title names more than one rung, so a title alone does not say which rung "
        "is meant",
    ),
    "DL110": (
        "error",
        "influence: a technical rung is broader (scope, or widest `decides`) than its management "
        "equivalent",
    ),
    "DL111": ("error", "the tracks share no level, so no rung has an equivalent"),
    "DL112": (
        "warning",
        "a role above the ladder is not open to every track",
    ),
    "DL113": ("error", "a rung stands on a level that its track's `levels_in_use` leaves out"),
    "DL114": ("warning", "the tracks do not fork at the level `fork` names"),
    "DL115": (
        "error",
        "rungs that share a `role` do not stand on one level, on different tracks",
    ),
    "DL116": (
        "warning",
        "equivalent rungs are described in the same words but not declared one `role`",
    ),
    "DL117": (
        "warning",
        "translation: a text of the ladder (title, summary, expectations, level or track name) "
        "has no translation into a language its `translations` give",
    ),
    "DL118": (
        "warning",
        "translation: `translations` name a level, track, rung or role the ladder does not "
        "have, or translate a different number of expectations",
    ),
    "DL201": ("error", "a track's midpoint does not rise from one level to the next"),
    "DL202": (
        "warning",
        "midpoint progression between adjacent levels lies outside `midpoint_progression`",
    ),
    "DL203": ("warning", "a band's range spread lies outside `range_spread`"),
    "DL204": (
        "error",
        "equivalent rungs are paid in different currencies, so they cannot be compared",
    ),
    "DL205": (
        "warning",
        "the steps of a level: a step's pay does not rise, or lies outside the level's band",
    ),
    "DL206": (
        "error",
        "an amount is written with a dot and three digits (`72.000`), which reads as 72, not "
        "72,000, in a currency with fewer than three decimal places",
    ),
    "DL301": (
        "error",
        "roster: the file cannot be read as a roster table (empty, not CSV or XLSX, not UTF-8, "
        "a required column missing or named twice)",
    ),
    "DL302": (
        "error",
        "roster: a row has a bad value (a required value missing, a pay that is not a number "
        "or negative, an fte outside [0.0001, 1], a bad date), so the row is not audited",
    ),
    "DL303": ("error", "roster: an employee id appears on more than one row"),
    "DL304": ("error", "audit: a person stands on a rung the ladder does not have"),
    "DL305": (
        "error",
        "audit: a person's pay zone or currency does not fit the ladder, so their pay cannot be "
        "compared with a band",
    ),
    "DL306": ("warning", "audit: a person is paid below the band minimum (green circle)"),
    "DL307": ("warning", "audit: a person is paid above the band maximum (red circle)"),
    "DL308": (
        "warning",
        "audit: parity in practice: on a level, the median compa-ratios of two tracks differ by "
        "more than the tolerance",
    ),
    "DL309": (
        "warning",
        "audit: ceiling in practice: a track has nobody at or above a level where the other "
        "track has people",
    ),
    "DL310": (
        "error",
        "audit: the mean basic pay of women and men in a category of workers differs by 5 % "
        "or more",
    ),
    "DL311": (
        "error",
        "audit: the mean variable pay of women and men in a category of workers differs by "
        "5 % or more",
    ),
    "DL312": (
        "warning",
        "audit: on a level, the share of people receiving variable pay or equity differs "
        "between the tracks by more than the tolerance",
    ),
    # Career plans (``dualladder-plan: 1`` files), checked against their ladder.
    "DL401": ("error", "plan: the ladder cannot be read, or the current or goal rung is not on it"),
    "DL402": (
        "error",
        "plan: the move is not one the ladder allows (up the same track, or a stated crossover)",
    ),
    "DL403": (
        "error",
        "plan: something the goal rung asks is neither covered by a step nor waived with a reason",
    ),
    "DL404": (
        "error",
        "plan: a step lacks its own id, an owner, or a due date on or before the target date",
    ),
    "DL405": ("error", "plan: no commitment from the manager"),
    "DL406": ("error", "plan: dates out of order (made, reviews, due dates, sign-off, target)"),
    "DL407": ("warning", "plan: the ladder changed since the plan was signed"),
    "DL408": ("error", "plan: the person's id is still the placeholder `plan new` writes"),
    "DL501": (
        "error",
        "a level's band in a job family differs from the company's (or another family's) "
        "with no declared differential",
    ),
    "DL502": ("error", "a job code is used twice in the company"),
    "DL503": ("error", "a job family uses a level that the company's scale does not define"),
    "DL504": (
        "error",
        "a family file's `company` names a file that does not exist or is not a company file",
    ),
    "DL505": ("error", "a pay zone gives no band for a level that has a base band"),
    "DL506": (
        "warning",
        "translation: a company's level name has no translation into a language its "
        "`translations` give, or a translation names a level the company does not have",
    ),
}

#: Codes the roster reader reports (``dualladder audit``). A row they are about is left out of
#: the audit, so ``policy`` cannot ignore them or lower their severity either.
READ_CODES: Final[frozenset[str]] = frozenset({"DL301", "DL302", "DL303"})

#: Codes the loader reports. They stop a file from becoming a model, so ``policy`` cannot
#: ignore them or lower their severity.
LOAD_CODES: Final[frozenset[str]] = frozenset(
    {"DL001", "DL002", "DL003", "DL004", "DL005", "DL006"}
)


#: Codes that stop a job family from becoming a ladder (its company cannot be applied), so,
#: like :data:`LOAD_CODES`, ``policy`` cannot ignore them or lower their severity.
COMPANY_LOAD_CODES: Final[frozenset[str]] = frozenset({"DL503", "DL504"})


def default_severity(code: str) -> Severity:
    """The catalog severity of ``code`` (``error`` for a code the catalog does not know)."""
    entry = CATALOG.get(code)
    return entry[0] if entry else "error"
