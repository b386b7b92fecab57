"""A factory's scenario as a whole: the lesson's two factories, changed through
the scenario's ``replace``, and run by ``simulate_factory``."""

from __future__ import annotations

import dataclasses

from ...checks import refuse
from ..scenario import SCENARIOS, FactoryScenario
from .simulation import FactoryResult, simulate_factory


def factory_scenario(name: str = "A", **overrides: object) -> dict:
    """The lesson's inputs for Factory ``"A"`` or ``"B"``, ready for ``simulate_factory``.

    Both factories share one building (1,000 units a week at 100% efficiency), one product
    ($100 price, $40 material) and one cost base ($30,000 operating expense a week).
    A runs at 95% efficiency and gets 300 orders a week; B runs at 60% and gets 1,500.
    (The numbers live in ``demandlab/factory/scenario.py``.)

    Parameters
    ----------
    name : {"A", "B"}
        Which factory.
    **overrides
        Any ``simulate_factory`` argument to change, e.g. ``demand_per_week=600``.

    Returns
    -------
    dict
        Keyword arguments for ``simulate_factory`` (a fresh copy each call): the fields of
        the lesson's ``FactoryScenario`` (``scenario_of`` gives the dataclass itself).

    Examples
    --------
    >>> factory_scenario("B")["efficiency"]
    0.6
    >>> simulate_factory(**factory_scenario("A", demand_per_week=600)).net_profit
    312000.0
    """
    return dataclasses.asdict(scenario_of(name, **overrides))


def scenario_of(name: str = "A", **overrides: object) -> FactoryScenario:
    """Factory ``"A"`` or ``"B"`` of the lesson as a ``FactoryScenario``, with ``overrides``
    applied through its ``replace`` (an unknown name is refused with the names allowed)."""
    if not isinstance(name, str) or name not in SCENARIOS:
        raise refuse("name", name, " or ".join(f'"{k}"' for k in SCENARIOS))
    return SCENARIOS[name].replace(**overrides)


def run_factory(scenario: FactoryScenario) -> FactoryResult:
    """``simulate_factory`` of a whole ``FactoryScenario`` (every field is an input)."""
    if not isinstance(scenario, FactoryScenario):
        raise refuse("scenario", scenario, "a FactoryScenario (see scenario_of)")
    return simulate_factory(**dataclasses.asdict(scenario))
