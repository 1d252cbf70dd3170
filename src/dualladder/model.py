"""The ladder file format (documented in ``docs/format.md``) as pydantic v2 models.

The models are plain data. Validation that needs more than one field lives in validators whose
pydantic error ``type`` is the catalog code (``DL004``, ``DL005``, ``DL006``), so a ladder built in
Python fails exactly like the same ladder loaded from YAML, and the loader only has to read the
code off the error.
"""

from __future__ import annotations

import difflib
import enum
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    SerializerFunctionWrapHandler,
    StringConstraints,
    ValidationError,
    ValidatorFunctionWrapHandler,
    WrapValidator,
    field_validator,
    model_serializer,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from dualladder.catalog import CATALOG, COMPANY_LOAD_CODES, LOAD_CODES, READ_CODES, Severity

if TYPE_CHECKING:
    from dualladder.company.model import Company, Differential
    from dualladder.source import SourceMap

__all__ = [
    "MANAGEMENT",
    "TECHNICAL",
    "Authority",
    "Band",
    "Crossover",
    "Decision",
    "Ladder",
    "Level",
    "LevelStep",
    "Policy",
    "Rewards",
    "Rung",
    "Scope",
    "TopRole",
    "Track",
    "format_amount",
    "withheld_statement",
]

Text = Annotated[str, StringConstraints(min_length=1)]

#: The bounds of an amount of money: fewer than 15 digits before the decimal point (below a
#: thousand trillion) and at most 4 after it. No pay band needs more, and within them every
#: amount prints in a few dozen characters and the rules' arithmetic stays exact in Python's
#: 28-digit decimal context (``1.0e+999999999`` would take gigabytes to print).
AMOUNT_DIGITS = 15
AMOUNT_PLACES = 4
#: The bounds of a fraction (a bonus target, a tolerance, a policy range): at most 100
#: (10,000 %) and at most 6 decimal places.
FRACTION_MAX = Decimal(100)
FRACTION_PLACES = 6


def _places_within(value: Decimal, places: int) -> bool:
    """Whether ``value`` has at most ``places`` decimal places (trailing zeros do not count).

    Only called on values whose magnitude is already bounded, so ``quantize`` stays within the
    context's precision.
    """
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int) or exponent >= -places:
        return True
    return value == value.quantize(Decimal(1).scaleb(-places))


def _amount(value: Decimal) -> Decimal:
    if value.is_finite() and not value.is_zero() and (
        value.adjusted() >= AMOUNT_DIGITS or not _places_within(value, AMOUNT_PLACES)
    ):
        raise PydanticCustomError(
            "DL002",
            f"an amount has at most {AMOUNT_DIGITS} digits before the decimal point and "
            f"{AMOUNT_PLACES} after it",
        )
    return value


def _fraction(value: Decimal) -> Decimal:
    if value.is_finite() and not value.is_zero() and (
        abs(value) > FRACTION_MAX or not _places_within(value, FRACTION_PLACES)
    ):
        raise PydanticCustomError(
            "DL002",
            f"a fraction is at most {FRACTION_MAX} ({FRACTION_MAX * 100:.0f} %) with at most "
            f"{FRACTION_PLACES} decimal places, such as 0.10 for 10 %",
        )
    return value


def _fraction_syntax(value: Any) -> Any:
    """Say what a fraction looks like when it is written as a percentage (``10%``)."""
    if isinstance(value, str) and value.strip().endswith("%"):
        raise PydanticCustomError(
            "DL002", "a fraction is a number such as 0.10 for 10 %, not a percentage"
        )
    return value


def _currency(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    """A clear message instead of the pattern's regular expression."""
    try:
        return handler(value)
    except ValidationError:
        raise PydanticCustomError(
            "DL002", "a currency is a three-letter ISO 4217 code in capitals, such as EUR"
        ) from None


Amount = Annotated[Decimal, Field(allow_inf_nan=False), AfterValidator(_amount)]
Currency = Annotated[
    str, StringConstraints(pattern=r"^[A-Z]{3}$"), WrapValidator(_currency)
]
Fraction = Annotated[
    Decimal,
    Field(ge=0, allow_inf_nan=False),
    BeforeValidator(_fraction_syntax),
    AfterValidator(_fraction),
]


#: Each ordered enum's members by position (see :attr:`_Ordered.rank`).
_RANKS: dict[type, dict[Any, int]] = {}


class _Ordered(enum.StrEnum):
    """A string enum whose members compare by their position in the class."""

    @property
    def rank(self) -> int:
        ranks = _RANKS.get(type(self))
        if ranks is None:  # once per enum: the rules compare ranks thousands of times
            ranks = _RANKS[type(self)] = {member: index for index, member in enumerate(type(self))}
        return ranks[self]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, type(self)):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, type(self)):
            return NotImplemented
        return self.rank <= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, type(self)):
            return NotImplemented
        return self.rank > other.rank

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, type(self)):
            return NotImplemented
        return self.rank >= other.rank


class Authority(_Ordered):
    """How much say a rung has in a decision: ``informed < consulted < recommends < decides``."""

    INFORMED = "informed"
    CONSULTED = "consulted"
    RECOMMENDS = "recommends"
    DECIDES = "decides"


class Scope(_Ordered):
    """How far a rung's work or decision reaches: ``team < group < organization < company <
    industry``."""

    TEAM = "team"
    GROUP = "group"
    ORGANIZATION = "organization"
    COMPANY = "company"
    INDUSTRY = "industry"


class _Model(BaseModel):
    """The base of every model: unknown keys are refused, and so is a bad assignment.

    ``validate_assignment`` runs a field's validators (and the model's, such as the band order)
    on every assignment, as loading would. pydantic leaves the refused value in place when a
    model validator refuses it; :meth:`__setattr__` puts the old value back, so a refused edit
    changes nothing.
    """

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
        use_enum_values=False,
        validate_default=False,
        validate_assignment=True,
    )

    def __setattr__(self, name: str, value: Any) -> None:
        fields = type(self).model_fields
        if name.startswith("_"):
            super().__setattr__(name, value)
            return
        if name not in fields:
            hint = difflib.get_close_matches(name, list(fields), n=1)
            message = f"unknown field {name!r}" + (
                f"; did you mean {hint[0]!r}?" if hint else f"; allowed here: {', '.join(fields)}"
            )
            raise ValidationError.from_exception_data(
                type(self).__name__, [_dl("DL002", message, (name,), value)]
            )
        if isinstance(value, float) and _holds_decimal(type(self), name):
            raise ValidationError.from_exception_data(
                type(self).__name__, [_dl("DL002", _float_message(value), (name,), value)]
            )
        # A model validator may derive other fields from the new value (a band's midpoint):
        # all of them are put back if the assignment is refused.
        before = dict(self.__dict__)
        fields_set = set(self.__pydantic_fields_set__)
        try:
            super().__setattr__(name, value)
        except ValidationError as exc:
            self.__dict__.clear()
            self.__dict__.update(before)
            self.__pydantic_fields_set__.clear()
            self.__pydantic_fields_set__.update(fields_set)
            raise _coded(type(self).__name__, exc) from None


M = TypeVar("M", bound=BaseModel)


def validate_whole(
    kind: type[M],
    data: Any,
    handler: ValidatorFunctionWrapHandler,
    cross_checks: Callable[[Any], Iterable[InitErrorDetails]],
) -> M:
    """The body of a whole-document ``model_validator(mode="wrap")`` (a ladder, a company, a
    family file): field validation, then ``cross_checks`` on the input as given, every error
    reported at once.

    The cross-reference checks read the input as given (mappings or models), so they also run
    when some other field is broken: a file gets every problem in one go. An assignment to one
    field of a ``kind`` (``data`` is the model itself) checks only that field.
    """
    if isinstance(data, kind):
        assigned: M = handler(data)
        return assigned
    details: list[InitErrorDetails] = []
    built: M | None = None
    try:
        built = handler(data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            details.append(
                InitErrorDetails(
                    type=PydanticCustomError(err["type"], err["msg"]),
                    loc=err["loc"],
                    input=err.get("input"),
                )
            )
    details.extend(cross_checks(data))
    if details:
        raise ValidationError.from_exception_data(kind.__name__, details)
    assert built is not None
    return built


def _coded(title: str, exc: ValidationError) -> ValidationError:
    """The same errors with the catalog code as their ``type`` (a pydantic type such as
    ``decimal_type`` becomes ``DL002``), as the loader reports them for a file."""
    details = [
        InitErrorDetails(
            type=PydanticCustomError(
                err["type"] if err["type"] in CATALOG else "DL002", err["msg"]
            ),
            loc=err["loc"],
            input=err.get("input"),
        )
        for err in exc.errors(include_url=False)
    ]
    return ValidationError.from_exception_data(title, details)


_DECIMAL_FIELDS: dict[type[BaseModel], frozenset[str]] = {}


def _holds_decimal(model: type[BaseModel], name: str) -> bool:
    """Whether field ``name`` of ``model`` holds amounts (a Decimal, or a tuple of them)."""
    fields = _DECIMAL_FIELDS.get(model)
    if fields is None:
        fields = frozenset(
            key for key, info in model.model_fields.items() if _mentions(info.annotation, Decimal)
        )
        _DECIMAL_FIELDS[model] = fields
    return name in fields


def _mentions(annotation: Any, kind: type) -> bool:
    if annotation is kind:
        return True
    return any(_mentions(arg, kind) for arg in typing.get_args(annotation))


def _float_message(value: float) -> str:
    return (
        f"{value!r} is a binary float, which cannot hold most decimal amounts exactly; "
        f"give a Decimal, an int or a string instead, such as Decimal('{value!r}') or '{value!r}'"
    )


def format_amount(value: Decimal) -> str:
    """``Decimal('150000')`` -> ``'150,000'``; ``Decimal('1234.5')`` -> ``'1,234.50'``;
    ``Decimal('0.0001')`` -> ``'0.0001'`` (at most :data:`AMOUNT_PLACES` places).

    Far beyond any amount the model accepts (see :data:`AMOUNT_DIGITS`) the number is shown in
    scientific notation, so its text stays short whatever the value (``2.0e+999999999`` would
    otherwise take a gigabyte and a minute to print).
    """
    if value.is_finite() and value.adjusted() > 2 * AMOUNT_DIGITS:
        return f"{value:.6E}"
    if value == value.to_integral_value():
        return f"{value:,.0f}"
    # cents as usual, and the finer places an amount may have (0.0001 is not "0.00")
    exponent = value.normalize().as_tuple().exponent
    places = min(max(2, -exponent if isinstance(exponent, int) else 2), AMOUNT_PLACES)
    return f"{value:,.{places}f}"


def _dl(code: str, message: str, loc: tuple[str | int, ...], value: Any) -> InitErrorDetails:
    return InitErrorDetails(type=PydanticCustomError(code, message), loc=loc, input=value)


class Band(_Model):
    """A pay band: ``0 < min <= mid <= max``, exact amounts, optional currency override.

    ``mid`` may be left out (pay tables that publish only a minimum and a maximum): it is then
    *derived* as the middle of the range, ``(min + max) / 2``, so ``band.mid`` is always a
    ``Decimal`` for the rules and scripts, while :attr:`mid_derived` says it was not written.
    A derived midpoint is not written back by :func:`dualladder.dumps` (``model_dump`` leaves
    it out), and it follows ``min`` and ``max`` when they change.
    """

    min: Amount
    #: The default is a placeholder only: a band without ``mid`` gets the middle of its range.
    mid: Amount = Decimal(0)
    max: Amount
    currency: Currency | None = None

    @property
    def mid_derived(self) -> bool:
        """True when ``mid`` was not stated but derived as the middle of ``min`` and ``max``."""
        return "mid" not in self.model_fields_set

    @model_validator(mode="after")
    def _ordered(self) -> Band:
        lo, hi = self.min, self.max
        if self.mid_derived:
            # __dict__, not setattr: no assignment validation (and no recursion into this check)
            self.__dict__["mid"] = (lo + hi) / 2
        mid = self.mid
        problem: tuple[str, Decimal, str] | None = None
        if lo <= 0:
            problem = ("min", lo, f"pay band min {format_amount(lo)} is not above 0")
        elif self.mid_derived and hi < lo:
            problem = (
                "max",
                hi,
                f"pay band max {format_amount(hi)} is below min {format_amount(lo)}",
            )
        elif mid < lo:
            problem = (
                "mid",
                mid,
                f"pay band mid {format_amount(mid)} is below min {format_amount(lo)}",
            )
        elif hi < mid:
            problem = (
                "max",
                hi,
                f"pay band max {format_amount(hi)} is below mid {format_amount(mid)}",
            )
        if problem is not None:
            field, value, text = problem
            text = f"{text}; a band needs 0 < min <= mid <= max"
            raise ValidationError.from_exception_data("Band", [_dl("DL006", text, (field,), value)])
        return self

    @model_serializer(mode="wrap")
    def _without_derived_mid(self, handler: SerializerFunctionWrapHandler) -> Any:
        """A derived midpoint is not data of the file: dumps and ``model_dump`` leave it out."""
        data = handler(self)
        if self.mid_derived and isinstance(data, dict):
            data.pop("mid", None)
        return data


class Rewards(_Model):
    """Total rewards beyond base pay."""

    bonus_target: Fraction | None = None
    equity: Annotated[Decimal, Field(ge=0, allow_inf_nan=False), AfterValidator(_amount)] | None = (
        None
    )
    perks: list[Text] | None = None


class Decision(_Model):
    """One decision right: in ``domain`` the rung has ``authority`` at ``scope``."""

    domain: Text
    authority: Authority
    scope: Scope


class Rung(_Model):
    """One job on one track at one level."""

    level: Text
    title: Text
    code: Text | None = None
    aliases: list[Text] = Field(default_factory=list)
    summary: str | None = None
    scope: Scope | None = None
    expectations: list[Text] = Field(default_factory=list)
    pay: Band | None = None
    rewards: Rewards | None = None
    decisions: list[Decision] | None = None
    #: The role this rung is one variant of: rungs of one level that share a ``role`` are the
    #: same job with and without reports (they differ in skills, not in scope).
    role: Text | None = None


class Track(_Model):
    """A track: its display name and its rungs, lowest level first."""

    name: Text | None = None
    rungs: list[Rung] = Field(default_factory=list)
    #: The levels (grades) this track uses, where skipping grades is normal (professionals on
    #: 18, 20, 22; managers on 24, 26, 27). Left out: every level between its lowest and highest
    #: rung.
    levels_in_use: list[Text] | None = None


class TopRole(_Model):
    """A role above the ladder (CTO, Chief Architect): open to people from several tracks, and
    the ceiling of none of them."""

    title: Text
    code: Text | None = None
    aliases: list[Text] = Field(default_factory=list)
    summary: str | None = None
    scope: Scope | None = None
    expectations: list[Text] = Field(default_factory=list)
    pay: Band | None = None
    rewards: Rewards | None = None
    decisions: list[Decision] | None = None
    #: The tracks whose people can reach this role; left out: every track.
    open_to: list[Text] | None = None


#: ``withheld_pay``: the organisation's statement (text), ``true`` (withheld, no words given) or
#: ``false`` (the same as leaving it out).
WithheldPay = bool | Text


def withheld_statement(value: WithheldPay | None) -> str | None:
    """The statement a ``withheld_pay`` value makes: its text, ``""`` for ``true``, None when
    pay is not withheld (left out or ``false``)."""
    if value is None or value is False:
        return None
    return "" if value is True else value


class LevelStep(_Model):
    """A step or sub-level inside a level, with its own pay rate if it has one."""

    id: Text
    name: str | None = None
    #: The step's pay rate (one amount), in the band's currency.
    pay: Amount | None = None


class Level(_Model):
    """A grade on the shared scale. Ids are strings (``id: 010`` is refused, not read as 8)."""

    id: Text
    name: str | None = None
    pay: Band | None = None
    #: Pay on this level is equal by policy but not published: the policy's words, or ``true``.
    withheld_pay: WithheldPay | None = None
    #: Steps or sub-levels inside the level (A to E, steps 1 to 10), lowest first.
    steps: list[LevelStep] | None = None


class Crossover(_Model):
    """A move between two tracks: sideways at equal level and pay, or a promotion onto the
    other track's next rung; possibly only under a condition."""

    from_: Text = Field(alias="from")
    to: Text
    levels: list[Text] = Field(min_length=1)
    #: True when the move is a promotion: from a level of ``levels`` to the next rung above it
    #: on the ``to`` track, instead of a sideways move on the same level.
    promotion: bool = False
    #: When the move is open, in the organisation's words ("when a position is open").
    condition: Text | None = None


#: A bound of a policy range: bounded like a fraction; its sign and order are checked with the
#: whole range (see ``Policy._range``), so the message can show both ends.
RangeEnd = Annotated[Decimal, AfterValidator(_fraction)]
Range = tuple[RangeEnd, RangeEnd]


def _code(value: str) -> str:
    if value not in CATALOG:
        raise PydanticCustomError("DL002", "unknown rule code {code!r}", {"code": value})
    if value in LOAD_CODES or value in COMPANY_LOAD_CODES:
        raise PydanticCustomError(
            "DL002",
            "{code} is a load error; it cannot be ignored or downgraded",
            {"code": value},
        )
    if value in READ_CODES:
        raise PydanticCustomError(
            "DL002",
            "{code} is a roster read error; it cannot be ignored or downgraded",
            {"code": value},
        )
    return value


RuleCode = Annotated[str, AfterValidator(_code)]


#: The default ``policy.management_words``.
MANAGEMENT_WORDS: tuple[str, ...] = (
    "manager", "director", "head of", "vice president", "VP", "chief"
)
#: The default ``policy.not_management``: manager titles that do not manage people.
NOT_MANAGEMENT: tuple[str, ...] = (
    "program manager",
    "programme manager",
    "product manager",
    "project manager",
)


class Policy(_Model):
    """Tolerances and ranges the rules apply, and per-rule ``ignore`` and ``severity``."""

    pay_tolerance: Annotated[
        Decimal, Field(ge=0, lt=1, allow_inf_nan=False), AfterValidator(_fraction)
    ] = Decimal(0)
    midpoint_progression: Range = (Decimal("0.05"), Decimal("0.30"))
    range_spread: Range = (Decimal("0.20"), Decimal("1.00"))
    seat_at_the_table: list[Text] = Field(default_factory=lambda: ["strategy"])
    #: DL108: words that name people management in a title (whole words, any case).
    management_words: list[Text] = Field(default_factory=lambda: list(MANAGEMENT_WORDS))
    #: DL108: phrases that contain a management word but name other work (programme or
    #: product management); they are taken out of a title before the words are looked for.
    not_management: list[Text] = Field(default_factory=lambda: list(NOT_MANAGEMENT))
    ignore: list[RuleCode] = Field(default_factory=list)
    severity: dict[RuleCode, Severity] = Field(default_factory=dict)

    @field_validator("midpoint_progression", "range_spread")
    @classmethod
    def _range(cls, value: Range) -> Range:
        lo, hi = value
        if not (lo.is_finite() and hi.is_finite()) or lo > hi or lo < 0:
            raise PydanticCustomError(
                "DL002", "a range is [low, high] with 0 <= low <= high, got [{lo}, {hi}]",
                {"lo": str(lo), "hi": str(hi)},
            )
        return value



#: The two tracks every ladder has; any further track is compared with ``management``.
MANAGEMENT = "management"
TECHNICAL = "technical"


class Ladder(_Model):
    """One job family's dual ladder: levels, tracks, crossover and policy."""

    dualladder: Literal[1]
    organization: Text
    family: Text
    currency: Currency | None = None
    effective: date | None = None
    #: Pay is equal by policy but not published, on every level that states no band.
    withheld_pay: WithheldPay | None = None
    policy: Policy = Field(default_factory=Policy)
    levels: list[Level] = Field(min_length=1)
    #: The level where the tracks fork: below it people are on one shared track.
    fork: Text | None = None
    tracks: dict[Text, Track]
    #: Roles above the ladder, open to several tracks (CTO, Chief Architect).
    above_ladder: list[TopRole] = Field(default_factory=list)
    crossover: list[Crossover] = Field(default_factory=list)

    _source: SourceMap | None = PrivateAttr(default=None)
    #: For a job family of a company: a ``dualladder.company.family.FamilyLink``.
    _company: Any = PrivateAttr(default=None)
    _level_index: dict[str, int] = PrivateAttr(default_factory=dict)

    @field_validator("dualladder", mode="before")
    @classmethod
    def _version(cls, value: Any) -> Any:
        if type(value) is not int or value != 1:
            # The value is not repeated here: the loader adds it as written in the file.
            raise PydanticCustomError(
                "DL002", "unsupported format version; this dualladder reads `dualladder: 1`"
            )
        return value

    @model_validator(mode="wrap")
    @classmethod
    def _whole(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> Ladder:
        """Run field validation, then the cross-reference checks, and report all at once."""
        return validate_whole(Ladder, data, handler, _cross_references)

    def __eq__(self, other: object) -> bool:
        # Compare the data only: where a ladder was loaded from is not part of it.
        if not isinstance(other, Ladder):
            return NotImplemented
        return self.__dict__ == other.__dict__

    __hash__ = None  # type: ignore[assignment]

    @property
    def source(self) -> SourceMap | None:
        """Where each node of the file this ladder was loaded from stands (None if built in
        Python)."""
        return self._source

    @property
    def company_link(self) -> Any:
        """For a job family read with its company: what ties it to the company (the company,
        the family file as written, where each value stands); None for a standalone ladder."""
        return self._company

    @property
    def company(self) -> Company | None:
        """The company whose job family this is (None for a standalone ladder)."""
        link = self._company
        return None if link is None else link.company

    @property
    def zones(self) -> list[str]:
        """The ids of the pay zones this ladder is paid in (its company's; none standalone)."""
        company = self.company
        return company.zone_ids if company is not None else []

    @property
    def differentials(self) -> list[Differential]:
        """For a job family: the differentials its file declares, to read or edit (a changed
        factor or band is written to the family file by :func:`dualladder.save`, and the
        level bands that follow it are brought up to date then). ValueError for a standalone
        ladder, which has none."""
        link = self._company
        if link is None:
            raise ValueError(f"{self.family} is not a job family of a company: it has no "
                             "differentials")
        found: list[Differential] = link.file.differentials
        return found

    # -- derived views (read-only helpers for rules, renderers and scripts) --

    @property
    def level_ids(self) -> list[str]:
        return [level.id for level in self.levels]

    def _level_position(self, level_id: str) -> int | None:
        """The index of level ``level_id`` in ``levels``, in constant time.

        An index by id is kept and checked on every use (the level at the index must still
        have that id), and rebuilt when the check fails, so it is never stale after a change to
        ``levels``; a rule or a renderer that looks up every rung's level stays linear.
        """
        levels = self.levels
        index = self._level_index
        position = index.get(level_id)
        if position is not None and position < len(levels) and levels[position].id == level_id:
            return position
        index.clear()
        for i, level in enumerate(levels):
            index.setdefault(level.id, i)
        return index.get(level_id)

    def level(self, level_id: str) -> Level | None:
        position = self._level_position(level_id)
        return None if position is None else self.levels[position]

    def rung(self, track: str, level_id: str) -> Rung | None:
        """The rung of ``track`` on level ``level_id``, or None if the track has none there.

        >>> ladder.rung(TECHNICAL, "L6").pay  # doctest: +SKIP
        """
        found = self.tracks.get(track)
        if found is None:
            return None
        for rung in found.rungs:
            if rung.level == level_id:
                return rung
        return None

    def find(self, name: str) -> list[tuple[str, Rung]]:
        """Every rung whose job code, title or alias is ``name``, as ``(track key, rung)`` in
        ladder order. Case and runs of spaces do not matter (``"staff  engineer"`` finds
        ``Staff Engineer``); a list, because one title may name rungs on two tracks (DL109)."""
        wanted = _fold(name)
        return [
            (key, rung)
            for key, _, rung in self.rungs()
            if any(
                _fold(text) == wanted for text in (rung.code or "", rung.title, *rung.aliases)
            )
        ]

    def rungs(self) -> Iterator[tuple[str, int, Rung]]:
        """Every rung as ``(track key, index in the track, rung)``."""
        for key, track in self.tracks.items():
            for index, rung in enumerate(track.rungs):
                yield key, index, rung

    def track_name(self, key: str) -> str:
        track = self.tracks.get(key)
        return track.name if track and track.name else key.replace("_", " ").title()

    def band(self, rung: Rung, zone: str | None = None) -> Band | None:
        """A rung's effective band: its own ``pay``, else its level's. With ``zone`` (a job
        family of a company), its band in that pay zone; KeyError for an unknown zone."""
        if zone is not None:
            from dualladder.company.family import zone_band

            return zone_band(self, rung, zone)
        if rung.pay is not None:
            return rung.pay
        level = self.level(rung.level)
        return level.pay if level else None

    def pay_withheld(self, rung: Rung) -> bool:
        """Whether a rung's pay is withheld by policy: equal by the organisation's statement,
        but not published. True when the rung has no band (neither its own nor its level's)
        and its level, or the file, states ``withheld_pay``. Such a rung has no :meth:`band`;
        rules and pages treat it as parity by statement, never as a missing band."""
        return self.pay_statement(rung) is not None

    def pay_statement(self, rung: Rung) -> str | None:
        """The policy statement behind a withheld rung's pay (``""`` when ``withheld_pay: true``
        gives no words); None when the rung's pay is not withheld."""
        if self.band(rung) is not None:
            return None
        level = self.level(rung.level)
        if level is None:
            return None
        own = withheld_statement(level.withheld_pay)
        return own if own is not None else withheld_statement(self.withheld_pay)

    def band_loc(self, key: str, index: int) -> tuple[str | int, ...]:
        """The YAML path of the band that :meth:`band` returns for that rung."""
        rung = self.tracks[key].rungs[index]
        if rung.pay is not None:
            return ("tracks", key, "rungs", index, "pay")
        position = self._level_position(rung.level)
        if position is not None and self.levels[position].pay is not None:
            return ("levels", position, "pay")
        return ("tracks", key, "rungs", index)

    def currency_of(self, band: Band | None) -> str | None:
        """The currency a band is paid in: its own, else the file's."""
        if band is not None and band.currency:
            return band.currency
        return self.currency


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


# -- cross-reference checks (DL002 tracks, DL004, DL005), on raw input or models ------------------


def _get(obj: Any, key: str, attr: str | None = None) -> Any:
    if isinstance(obj, Mapping):
        return obj.get(key)
    return getattr(obj, attr or key, None)


def _items(obj: Any) -> list[Any]:
    return list(obj) if isinstance(obj, list | tuple) else []


def _cross_references(data: Any) -> Iterator[InitErrorDetails]:
    if not isinstance(data, Mapping):
        return
    # Levels: ids defined twice.
    ids: dict[str, int] = {}
    for index, level in enumerate(_items(data.get("levels"))):
        level_id = _get(level, "id")
        if not isinstance(level_id, str):
            continue
        if level_id in ids:
            yield _dl(
                "DL005",
                f"level {level_id!r} is defined twice (first as levels[{ids[level_id]}])",
                ("levels", index, "id"),
                level_id,
            )
        else:
            ids[level_id] = index
    known = set(ids)
    # Levels: a band is published or withheld, not both.
    for index, level in enumerate(_items(data.get("levels"))):
        withheld = _get(level, "withheld_pay")
        if _get(level, "pay") is not None and withheld is not None and withheld is not False:
            yield _dl(
                "DL002",
                "a level publishes its band (`pay`) or withholds it (`withheld_pay`), not both",
                ("levels", index, "withheld_pay"),
                withheld,
            )
    # Tracks: the two required ones, unknown levels, two rungs on one level.
    tracks = data.get("tracks")
    if isinstance(tracks, Mapping):
        for required in (MANAGEMENT, TECHNICAL):
            if required not in tracks:
                yield InitErrorDetails(
                    type=PydanticCustomError(
                        "missing", f"tracks must hold {required!r}; it is missing"
                    ),
                    loc=("tracks", required),
                    input=None,
                )
        for key, track in tracks.items():
            seen: dict[str, int] = {}
            for index, rung in enumerate(_items(_get(track, "rungs"))):
                level_id = _get(rung, "level")
                if not isinstance(level_id, str):
                    continue
                loc = ("tracks", key, "rungs", index, "level")
                title = _get(rung, "title")
                who = f"{title} ({level_id})" if isinstance(title, str) else f"a rung on {level_id}"
                if known and level_id not in known:
                    yield _dl(
                        "DL004",
                        f"{who} names level {level_id!r}, which `levels` does not define "
                        f"(defined: {', '.join(ids)})",
                        loc,
                        level_id,
                    )
                if level_id in seen:
                    yield _dl(
                        "DL005",
                        f"{who}: track {key!r} already has a rung on level {level_id!r} "
                        f"(rungs[{seen[level_id]}]); one track has one rung per level",
                        loc,
                        level_id,
                    )
                else:
                    seen[level_id] = index
    # Steps: ids once per level.
    for index, level in enumerate(_items(data.get("levels"))):
        step_ids: dict[str, int] = {}
        for pos, step in enumerate(_items(_get(level, "steps"))):
            step_id = _get(step, "id")
            if not isinstance(step_id, str):
                continue
            if step_id in step_ids:
                yield _dl(
                    "DL005",
                    f"step {step_id!r} is defined twice on this level (first as "
                    f"steps[{step_ids[step_id]}])",
                    ("levels", index, "steps", pos, "id"),
                    step_id,
                )
            else:
                step_ids[step_id] = pos
    # The fork and the levels a track uses are levels of the scale.
    fork = data.get("fork")
    if isinstance(fork, str) and known and fork not in known:
        yield _dl("DL004", f"`fork` names level {fork!r}, which `levels` does not define",
                  ("fork",), fork)
    if isinstance(tracks, Mapping):
        for key, track in tracks.items():
            for pos, level_id in enumerate(_items(_get(track, "levels_in_use"))):
                if isinstance(level_id, str) and known and level_id not in known:
                    yield _dl(
                        "DL004",
                        f"`levels_in_use` names level {level_id!r}, which `levels` does not "
                        f"define",
                        ("tracks", key, "levels_in_use", pos),
                        level_id,
                    )
    # Roles above the ladder are open to tracks of the file.
    for index, role in enumerate(_items(data.get("above_ladder"))):
        for pos, name in enumerate(_items(_get(role, "open_to"))):
            if isinstance(name, str) and isinstance(tracks, Mapping) and name not in tracks:
                yield _dl(
                    "DL002",
                    f"a role above the ladder is open to track {name!r}, which `tracks` does "
                    f"not define",
                    ("above_ladder", index, "open_to", pos),
                    name,
                )
    # Crossover: known tracks and levels.
    for index, move in enumerate(_items(data.get("crossover"))):
        for field, attr in (("from", "from_"), ("to", None)):
            name = _get(move, field, attr)
            if isinstance(name, str) and isinstance(tracks, Mapping) and name not in tracks:
                yield _dl(
                    "DL002",
                    f"crossover names track {name!r}, which `tracks` does not define",
                    ("crossover", index, field),
                    name,
                )
        for pos, level_id in enumerate(_items(_get(move, "levels"))):
            if isinstance(level_id, str) and known and level_id not in known:
                yield _dl(
                    "DL004",
                    f"crossover names level {level_id!r}, which `levels` does not define",
                    ("crossover", index, "levels", pos),
                    level_id,
                )
