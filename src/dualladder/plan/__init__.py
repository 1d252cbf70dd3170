"""Career plans: from a rung on the ladder to the next one, with everyone's part on record.

* :mod:`dualladder.plan.model` -- the plan file (``dualladder-plan: 1``) as pydantic models;
* :mod:`dualladder.plan.rules` -- the plan rules DL401-DL407 and their context;
* :mod:`dualladder.plan.scaffold` -- ``dualladder plan new``.

The format is documented in ``docs/plan.md``.
"""
