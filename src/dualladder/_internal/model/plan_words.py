"""The words a career plan file reserves: its two owners and the placeholders ``plan new``
writes. Plain constants, apart from the plan models, so that building the command line (its
``--person`` default) does not import pydantic."""

from __future__ import annotations

__all__ = ["COMMITMENT_PLACEHOLDER", "EMPLOYEE", "MANAGER", "PERSON_PLACEHOLDER"]

#: The two owners every plan knows; any other owner is a person named in the plan.
EMPLOYEE = "employee"
MANAGER = "manager"

#: The commitment ``plan new`` writes for the manager to replace; it does not count as one.
COMMITMENT_PLACEHOLDER = "(manager: write what you will do to support this plan)"
#: The person's id that ``dualladder plan new`` writes when none is given (DL408 until
#: replaced).
PERSON_PLACEHOLDER = "EMPLOYEE-ID"
