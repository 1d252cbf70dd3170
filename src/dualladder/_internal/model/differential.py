"""A family's differential: one level paid differently from its company, for a stated reason.

It is part of a family file (:class:`~dualladder._internal.model.company.FamilyFile`) and what a
family ladder shows of it (``ladder.differentials``), so it stands below both.
"""

from __future__ import annotations

from pydantic import Field, ValidationError, model_validator

from dualladder._internal.model.base import AmountsModel, Text, dl_error, new_dict
from dualladder._internal.model.money import Band, Factor

__all__ = ["Differential"]


class Differential(AmountsModel):
    """A family pays one level differently from the company, for a stated reason: a ``factor``
    of the company's band, or its own band (``pay``, with its bands in zones that give explicit
    bands in ``zones``)."""

    level: Text
    factor: Factor | None = None
    pay: Band | None = None
    zones: dict[Text, Band] = Field(default_factory=new_dict)
    reason: Text

    @model_validator(mode="after")
    def _one_way(self) -> Differential:
        if (self.factor is None) == (self.pay is None):
            raise ValidationError.from_exception_data(
                "Differential",
                [dl_error("DL002", "a differential states exactly one of `factor` and `pay`",
                     ("factor" if self.factor is not None else "pay",), None)],
            )
        if self.zones and self.pay is None:
            raise ValidationError.from_exception_data(
                "Differential",
                [dl_error("DL002", "`zones` goes with a differential's own `pay`; a `factor` "
                          "applies in every zone by itself", ("zones",), None)],
            )
        return self
