"""One way for every lesson's model to take its frozen scenario whole.

A lesson keeps its numbers in one frozen dataclass (its ``SCENARIO``, a
:class:`demandlab.checks.Replaceable`). A model body takes that scenario whole::

    @takes_scenario(BUFFET, positional=1)
    def buffet(s: BuffetScenario) -> BuffetResult: ...

and :func:`takes_scenario` makes the public function that the notebooks call with named
arguments, as before: ``buffet(carving_rate_per_hour=40)`` is the body run on
``BUFFET.replace(carving_rate_per_hour=40)``, ``buffet(40)`` the same, and
``buffet(scenario=other)`` runs a whole other scenario (named arguments go on top of it).
The public signature is an honest one (``help()``, tab completion and the README's API
table show every parameter and its default, read from the default scenario), and a name
the model does not take is refused in the course's words, with the names it does take.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from ..checks import Replaceable, refuse

__all__ = ["takes_scenario"]

_R = TypeVar("_R")
SCENARIO_PARAMETER = "scenario"  # the keyword that passes a whole scenario


def _parameters(
    default: Replaceable,
    fields: Mapping[str, str],
    own: Mapping[str, inspect.Parameter],
    positional: int | None,
    where: str,
) -> list[inspect.Parameter]:
    """The public parameters: each a scenario field (default read from ``default``) or one
    of the body's own parameters (its default kept), then ``scenario=None``."""
    types = {f.name: f.type for f in dataclasses.fields(default)}  # type: ignore[arg-type]
    params = []
    for i, (name, field) in enumerate(fields.items()):
        kind = inspect.Parameter.POSITIONAL_OR_KEYWORD
        if positional is not None and i >= positional:
            kind = inspect.Parameter.KEYWORD_ONLY
        if field in types:
            value, annotation = getattr(default, field), types[field]
        elif name in own:
            value, annotation = own[name].default, own[name].annotation
        else:
            raise TypeError(f"{where}: {name} is neither a scenario field nor a parameter")
        params.append(inspect.Parameter(name, kind, default=value, annotation=annotation))
    left = sorted(set(own) - set(fields))
    if left:
        raise TypeError(f"{where}: list its own parameters {left} among the names")
    annotation = f"{type(default).__name__} | None"
    kind = inspect.Parameter.KEYWORD_ONLY
    params.append(inspect.Parameter(SCENARIO_PARAMETER, kind, default=None, annotation=annotation))
    return params


def takes_scenario(
    default: Replaceable,
    names: Sequence[str] | Mapping[str, str] | None = None,
    *,
    positional: int | None = None,
) -> Callable[[Callable[..., _R]], Callable[..., _R]]:
    """Give a model body that takes its scenario whole the lesson's named-argument calls.

    Parameters
    ----------
    default : Replaceable
        The lesson's frozen scenario: the public defaults, and what ``scenario=None`` runs.
    names : sequence or mapping of str, optional
        The public parameters in order: each the name of a scenario field, or of one of the
        body's own parameters after the scenario (kept with its default and passed on by
        name). A mapping ``{parameter: field}`` names a field differently in the call.
        Default: every field of the scenario, in order.
    positional : int, optional
        How many of them may be passed by position (the rest are keyword-only); default all.

    Examples
    --------
    >>> from dataclasses import dataclass
    >>> from demandlab.checks import Replaceable
    >>> @dataclass(frozen=True)
    ... class Oven(Replaceable):
    ...     loaves: int = 20
    ...     minutes: float = 40.0
    >>> @takes_scenario(Oven(), {"loaves": "loaves", "bake_minutes": "minutes"}, positional=1)
    ... def bake(s: Oven) -> float:
    ...     return s.loaves * s.minutes
    >>> bake(), bake(10), bake(bake_minutes=30), bake(scenario=Oven(loaves=1))
    (800.0, 400.0, 600, 40.0)
    >>> import inspect; str(inspect.signature(bake).parameters["bake_minutes"])
    "bake_minutes: 'float' = 40.0"
    >>> bake(minutes=30)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    demandlab.checks.InputError: minutes must be one of bake's settings (loaves, ...), got 30
    """
    kind = type(default)
    if not (dataclasses.is_dataclass(default) and isinstance(default, Replaceable)):
        raise TypeError(f"takes_scenario needs a frozen Replaceable dataclass, got {kind}")
    field_names = [f.name for f in dataclasses.fields(default)]
    if names is None:
        names = field_names
    fields = dict(names) if isinstance(names, Mapping) else {n: n for n in names}

    def decorate(body: Callable[..., _R]) -> Callable[..., _R]:
        where = f"{body.__module__}.{body.__qualname__}"
        body_sig = inspect.signature(body)
        own = dict(list(body_sig.parameters.items())[1:])
        params = _parameters(default, fields, own, positional, where)
        signature = body_sig.replace(parameters=params)
        allowed = f"one of {body.__name__}'s settings ({', '.join(p.name for p in params)})"

        @functools.wraps(body)
        def public(*args: Any, **kwargs: Any) -> _R:
            for name, value in kwargs.items():
                if name not in signature.parameters:
                    raise refuse(name, value, allowed)
            given = signature.bind(*args, **kwargs).arguments
            scenario = given.pop(SCENARIO_PARAMETER, None)
            if scenario is None:
                scenario = default
            elif not isinstance(scenario, kind):
                raise refuse(SCENARIO_PARAMETER, scenario, f"a {kind.__name__}")
            changes = {fields[n]: v for n, v in given.items() if fields[n] in field_names}
            extras = {n: v for n, v in given.items() if fields[n] not in field_names}
            return body(scenario.replace(**changes) if changes else scenario, **extras)

        public.__signature__ = signature  # type: ignore[attr-defined]
        # what it runs by default, and which parameter sets which field (tests read them)
        public.default_scenario = default  # type: ignore[attr-defined]
        settings = {n: f for n, f in fields.items() if f in field_names}
        public.scenario_fields = settings  # type: ignore[attr-defined]
        return public

    return decorate
