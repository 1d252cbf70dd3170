"""The base of the ladder models (:mod:`dualladder._internal.model.ladder`): what every model
shares.

Unknown keys are refused and every assignment is validated as loading is (a refused one changes
nothing); errors carry the catalog code as their pydantic ``type``, so a model built in Python
fails exactly like the same data loaded from YAML. The company models build on the same base.
"""

from __future__ import annotations

import difflib
import typing
import weakref
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    PrivateAttr,
    StringConstraints,
    ValidationError,
    ValidatorFunctionWrapHandler,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from dualladder._internal.util.catalog import CATALOG
from dualladder._internal.util.numbers import exact_number

if TYPE_CHECKING:
    from dualladder._internal.yaml.source import SourceMap

__all__ = [
    "AmountsModel",
    "EditHook",
    "FileModel",
    "LadderModel",
    "LocaleName",
    "Text",
    "dl_error",
    "new_dict",
    "new_list",
    "on_edit",
    "validate_whole",
]

Text = Annotated[str, StringConstraints(min_length=1)]


# A field's ``default_factory`` is one of these, not ``list`` or ``dict``: pydantic asks every
# factory for its signature (does it take the validated data?), and the signature of a builtin
# is parsed from its text with ``tokenize`` and ``ast``, which costs the start-up of every
# command about 18 M instructions (5 % of ``python -c 'import yaml, pydantic'``). A Python
# function's signature is read off its code. Each call returns a new empty container, as
# ``list()`` and ``dict()`` do.
def new_list() -> list[Any]:
    """A new empty list: the ``default_factory`` of a list field."""
    return []


def new_dict() -> dict[Any, Any]:
    """A new empty dict: the ``default_factory`` of a mapping field."""
    return {}


def _locale_name(value: Any) -> Any:
    """A ``locale:`` key names a shipped catalog (the pages' default language)."""
    from dualladder._internal.util.locales import SHIPPED

    if value not in SHIPPED:
        raise PydanticCustomError(
            "DL002", f"a locale is one of the shipped ones: {', '.join(SHIPPED)}"
        )
    return value


#: The language a file's pages are written in by default (``--locale`` wins).
LocaleName = Annotated[str, AfterValidator(_locale_name)]


class LadderModel(BaseModel):
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
                type(self).__name__, [dl_error("DL002", message, (name,), value)]
            )
        if name in _decimal_keys(type(self)):
            value = exact_number(value)
        # A model validator may derive other fields from the new value (a band's midpoint):
        # all of them are put back if the assignment is refused.
        before = dict(self.__dict__)
        fields_set = set(self.__pydantic_fields_set__)
        try:
            super().__setattr__(name, value)
        except ValidationError as exc:
            self._restore(before, fields_set)
            raise _coded(type(self).__name__, exc) from None
        watched = _HOOKS.get(id(self))
        if watched is not None and watched[0]() is self:
            try:
                watched[1](self, name)
            except BaseException:
                self._restore(before, fields_set)
                raise

    def _restore(self, before: dict[str, Any], fields_set: set[str]) -> None:
        self.__dict__.clear()
        self.__dict__.update(before)
        self.__pydantic_fields_set__.clear()
        self.__pydantic_fields_set__.update(fields_set)


class AmountsModel(LadderModel):
    """The base of a model with amounts (a band, rewards, a factor): numbers given in Python
    where a decimal goes are read by one rule
    (:func:`~dualladder._internal.util.numbers.exact_number`), as an assignment reads them.

    Only these models run that check before validation; a model without amounts (a decision
    right, a rung, a track: most of a file) has nothing to read, and no Python call for it.
    A test holds every model with an amount field to this base."""

    @model_validator(mode="before")
    @classmethod
    def _exact_numbers(cls, data: Any) -> Any:
        fields = _decimal_keys(cls)
        if not fields or not isinstance(data, dict):
            return data
        if not any(key in fields and not isinstance(value, _EXACT)
                   for key, value in data.items()):
            return data  # as a file gives them (the common case): nothing to read again
        return {key: exact_number(value) if key in fields else value
                for key, value in data.items()}


class FileModel(LadderModel):
    """The base of a model that is a whole file (a ladder, a company): where it was read
    from (:attr:`source`) is not part of its data, so two are equal when their data is; and,
    editable, it is not hashable."""

    _source: SourceMap | None = PrivateAttr(default=None)

    @property
    def source(self) -> SourceMap | None:
        """Where each node of the file this was read from stands (None if built in Python)."""
        return self._source

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, type(self)):
            return NotImplemented
        return self.__dict__ == other.__dict__

    __hash__ = None  # type: ignore[assignment]


#: What is told of an assignment to a model once it is validated: the model and the field's
#: name. It may refuse the edit by raising (the assignment is then undone) or bring values
#: that follow the edited one up to date (:mod:`dualladder._internal.model.family_edits`).
EditHook = Callable[[LadderModel, str], None]
_HOOKS: dict[int, tuple[weakref.ref[LadderModel], EditHook]] = {}


def on_edit(model: LadderModel, hook: EditHook | None) -> None:
    """Call ``hook`` after every accepted assignment to a field of ``model`` itself (not of
    the models it holds; None stops it). Kept by the object's identity, so a copy of ``model``
    is not watched, and dropped when ``model`` is."""
    key = id(model)
    if hook is None:
        found = _HOOKS.get(key)
        if found is not None and found[0]() is model:
            del _HOOKS[key]
        return
    found = _HOOKS.get(key)
    if found is not None and found[0]() is model:
        _HOOKS[key] = (found[0], hook)
        return

    def forget(ref: weakref.ref[LadderModel], key: int = key, hooks: Any = _HOOKS) -> None:
        found = hooks.get(key)
        if found is not None and found[0] is ref:  # (hooks: still there at interpreter exit)
            del hooks[key]

    _HOOKS[key] = (weakref.ref(model, forget), hook)


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


_DECIMAL_KEYS: dict[type[BaseModel], frozenset[str]] = {}
#: What a decimal field takes as it is (:func:`exact_number` leaves these alone).
_EXACT = (Decimal, str, int, type(None))


def _decimal_keys(model: type[BaseModel]) -> frozenset[str]:
    """The names and aliases of the fields of ``model`` that hold amounts."""
    keys = _DECIMAL_KEYS.get(model)
    if keys is None:
        keys = frozenset(
            key
            for name, info in model.model_fields.items() if _mentions(info.annotation, Decimal)
            for key in (name, info.alias) if key
        )
        _DECIMAL_KEYS[model] = keys
    return keys


def _mentions(annotation: Any, kind: type) -> bool:
    if annotation is kind:
        return True
    return any(_mentions(arg, kind) for arg in typing.get_args(annotation))


def dl_error(code: str, message: str, loc: tuple[str | int, ...], value: Any) -> InitErrorDetails:
    return InitErrorDetails(type=PydanticCustomError(code, message), loc=loc, input=value)
