"""Lesson 01's explorers: controls wired to the model and the figures by
:func:`demandlab.widgetkit.explorer` (the sentences and tables come from ``report``).

Each ``*_explorer`` returns a :class:`demandlab.widgetkit.Explorer`; its controls are
reached by name, ``explorer.controls["demand_per_week"]``.
"""

from __future__ import annotations

from dataclasses import replace

import ipywidgets as widgets
import numpy as np

from .. import widgetkit as kit
from ..checks import InputError
from ..widgetkit import Explorer, View
from .figures import (
    A_NAME,
    B_NAME,
    plot_capacity_value,
    plot_internal_fixes,
    plot_profit_gap,
    plot_year,
)
from .model import (
    FixASetting,
    capacity_value,
    run_factory,
    scenario_changes,
    scenario_of,
    search_internal_fixes,
    year_so_far,
)
from .report import (
    constraint_sentence,
    fix_a_sentence,
    scoreboard_html,
    tally_sentence,
    year_sentence,
)
from .scenario import DEMAND_SLIDER, KNOBS, FactoryScenario

_STYLE = {"description_width": "initial"}
_WIDE = {"width": "420px", "max_width": "100%"}
# A column of sliders: two sit side by side in a wide output area and wrap to one column
# in a narrow one (issue 19: at 1024 px the second column hid the first one's values).
_COLUMN = {"flex": "1 1 380px", "min_width": "300px", "max_width": "560px"}
_IN_COLUMN = {"width": "100%"}


def _column(title: str, sliders: list) -> widgets.VBox:
    for s in sliders:
        s.layout = widgets.Layout(**_IN_COLUMN)
    return widgets.VBox([widgets.HTML(f"<b>{title}</b>"), *sliders], layout=_COLUMN)


def _slider(
    description: str, knob: tuple[float, float, float], value: float, fmt: str = ",.0f"
) -> widgets.FloatSlider:
    low, high, step = knob
    return widgets.FloatSlider(
        value=min(max(value, low), high),
        min=low,
        max=high,
        step=step,
        description=description,
        readout_format=fmt,
        style=_STYLE,
        layout=_WIDE,
        continuous_update=False,
    )


def _knob_sliders(
    s: FactoryScenario, efficiency: str = "Efficiency", capacity: str = "Capacity / week"
) -> dict[str, widgets.FloatSlider]:
    """Efficiency and capacity sliders on the lesson's knob grids, starting at ``s``."""
    return {
        "efficiency": _slider(efficiency, KNOBS["efficiency"], float(s.efficiency), ".0%"),
        "capacity_per_week": _slider(
            capacity, KNOBS["capacity_per_week"], float(s.capacity_per_week)
        ),
    }


def _demand_slider(s: FactoryScenario, description: str = "Demand / week") -> widgets.FloatSlider:
    return _slider(description, DEMAND_SLIDER, float(np.mean(s.demand_per_week)))


def factory_explorer(a: dict | None = None, b: dict | None = None) -> Explorer:
    """Factory A and Factory B side by side, with sliders and the two scoreboards.

    Parameters
    ----------
    a, b : dict, optional
        Changes to each factory's scenario, as for ``factory_scenario``
        (e.g. ``a={"demand_per_week": 400}``).

    Returns
    -------
    demandlab.widgetkit.Explorer
        Efficiency, capacity and demand sliders for each factory, the production-system and
        demand-response scoreboards (``panels``), the reported-vs-net profit figure and a
        verdict. ``controls`` are named ``"a.efficiency"``, ``"b.demand_per_week"`` and so
        on; ``result`` is the pair (A's ``FactoryResult``, B's).

    Examples
    --------
    >>> ui = factory_explorer()
    >>> ui.controls["a.efficiency"].value
    0.95
    >>> ui.controls["b.demand_per_week"].value = 1000
    >>> ui.result[1].units_sold
    31200.0
    """
    kw = {
        "a": scenario_of("A", **scenario_changes("a", a)),
        "b": scenario_of("B", **scenario_changes("b", b)),
    }
    sliders = {k: {**_knob_sliders(kw[k]), "demand_per_week": _demand_slider(kw[k])} for k in kw}
    controls = {f"{k}.{name}": s for k in kw for name, s in sliders[k].items()}

    def model(**values: float):
        def run(k: str):
            mine = {name.split(".")[1]: v for name, v in values.items() if name[0] == k}
            return run_factory(replace(kw[k], **mine))

        return run("a"), run("b")

    def view(pair) -> View:
        ra, rb = pair
        boards = {v: scoreboard_html(ra, rb, v) for v in ("production", "demand")}
        return View(plot_profit_gap(ra, rb), tally_sentence(ra, rb), "info", boards)

    columns = [_column(A_NAME, list(sliders["a"].values()))]
    columns.append(_column(B_NAME, list(sliders["b"].values())))
    return kit.explorer(
        controls,
        model,
        view,
        top=kit.row(columns),
        panels=("production", "demand"),
        message_first=True,
    )


def year_explorer(a: dict | None = None, b: dict | None = None) -> Explorer:
    """Play the year week by week: A's warehouse and cash, B's queue of orders.

    Parameters
    ----------
    a, b : dict, optional
        Changes to each factory's scenario, as for ``factory_scenario``.

    Returns
    -------
    demandlab.widgetkit.Explorer
        A play button linked to a week slider (``controls["week"]``), the three-panel
        figure and a sentence; ``result`` is the ``YearSoFar`` at the week shown (``.a``
        and ``.b`` are the two factories' ``FactoryResult``).

    Examples
    --------
    >>> ui = year_explorer()
    >>> ui.controls["week"].value = 30
    >>> "week 30" in ui.message.value, ui.result.week
    (True, 30)
    """
    ra = run_factory(scenario_of("A", **scenario_changes("a", a)))
    rb = run_factory(scenario_of("B", **scenario_changes("b", b)))
    if ra.weeks != rb.weeks:
        raise InputError(f"a and b must cover the same weeks, got {ra.weeks} and {rb.weeks}")
    week = widgets.IntSlider(
        value=1, min=1, max=ra.weeks, step=1, description="Week", style=_STYLE, layout=_WIDE
    )
    play = widgets.Play(
        value=1, min=1, max=ra.weeks, step=1, interval=250, description="Play the year"
    )
    widgets.jslink((play, "value"), (week, "value"))  # the browser moves the slider

    def view(y) -> View:
        return View(plot_year(y.a, y.b, y.week), *year_sentence(y))

    return kit.explorer(
        {"week": week},
        lambda week: year_so_far(ra, rb, week),
        view,
        top=kit.row([play, week]),
    )


class FixAExplorer(Explorer):
    """fix_a_explorer's handle: ``mine`` is the learner's own setting (for share_result)."""

    @property
    def mine(self):
        """The ``FactoryResult`` of the setting the sliders show (``result.mine``)."""
        return self.result.mine


def fix_a_explorer(start: dict | None = None) -> Explorer:
    """Try to fix Factory A from inside its walls, then unlock demand.

    Four sliders turn A's internal knobs (efficiency, capacity, material cost, operating
    expense); a circle marks your setting on a heatmap of the best net profit every setting
    can reach. The demand slider (the lesson's main control) is the knob outside the
    walls: moving it re-runs the search over all 66,300 internal settings.

    Parameters
    ----------
    start : dict, optional
        Changes to Factory A's scenario, as for ``factory_scenario``.

    Returns
    -------
    demandlab.widgetkit.Explorer
        ``controls`` are the four knobs and ``"demand_per_week"``; ``result`` is a
        ``FixASetting``: ``.search`` (the ``InternalFixSearch`` at the demand shown) and
        ``.mine`` (the ``FactoryResult`` of the setting shown, also ``explorer.mine``).

    Examples
    --------
    >>> ui = fix_a_explorer()
    >>> ui.controls["demand_per_week"].value = 600  # the knob outside the walls
    >>> ui.result.search.settings_profitable > 0, "make money" in ui.figure.layout.title.text
    (True, True)
    >>> ui.mine.net_profit == ui.result.mine.net_profit
    True
    """
    kw = scenario_of("A", **scenario_changes("start", start))
    knobs = _fix_a_knobs(kw)
    demand = kit.mark_main(_demand_slider(kw, "Demand / week (outside A's walls)"))
    searches: dict[float, object] = {}

    def model(demand_per_week: float, **settings: float) -> FixASetting:
        if demand_per_week not in searches:
            searches[demand_per_week] = search_internal_fixes(demand_per_week, start=start)
        mine = run_factory(replace(kw, **settings, demand_per_week=demand_per_week))
        return FixASetting(searches[demand_per_week], mine)

    def view(f: FixASetting) -> View:
        you = (f.mine.efficiency, f.mine.capacity_per_week)
        return View(plot_internal_fixes(f.search, you), *fix_a_sentence(f))

    inside = _column("Inside A's walls", list(knobs.values()))
    outside = _column("Outside A's walls", [demand])
    return kit.explorer(
        {**knobs, "demand_per_week": demand},
        model,
        view,
        top=kit.row([inside, outside]),
        main=True,
        message_first=True,
        cls=FixAExplorer,
    )


def _fix_a_knobs(s: FactoryScenario) -> dict[str, widgets.FloatSlider]:
    """The four sliders inside A's walls, on exactly the grids the search tries."""
    return {
        **_knob_sliders(s),
        "material_cost": _slider("Material $ / unit", KNOBS["material_cost"], s.material_cost),
        "operating_expense_per_week": _slider(
            "Operating expense $ / week",
            KNOBS["operating_expense_per_week"],
            s.operating_expense_per_week,
        ),
    }


def fix_b_explorer(b: dict | None = None) -> Explorer:
    """Find Factory B's constraint and what one more unit of output a week is worth.

    Parameters
    ----------
    b : dict, optional
        Changes to Factory B's scenario, as for ``factory_scenario``.

    Returns
    -------
    demandlab.widgetkit.Explorer
        Efficiency and capacity sliders for B (``controls``), the net-profit-vs-output
        figure (A's curve for contrast) and a sentence naming the constraint and the value
        of a unit; ``result`` is B's ``CapacityValue`` at the setting shown.

    Examples
    --------
    >>> ui = fix_b_explorer()
    >>> ui.controls["efficiency"].value = 1.0
    >>> "constraint" in ui.message.value
    True
    """
    changes = scenario_changes("b", b)
    value_a = capacity_value("A")
    knobs = _knob_sliders(scenario_of("B", **changes), "B's efficiency", "B's capacity / week")

    def view(v) -> View:
        return View(plot_capacity_value(v, value_a), *constraint_sentence(v))

    return kit.explorer(
        knobs,
        lambda **settings: capacity_value("B", **{**changes, **settings}),
        view,
        top=kit.row([_column("Inside B's walls", list(knobs.values()))]),
        message_first=True,
    )
