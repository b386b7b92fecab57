"""Lesson 05's widget: slide the departments from the end-to-end outcome to local targets."""

from __future__ import annotations

import ipywidgets as widgets

from ..formatting import number as num
from ..formatting import pct
from ..widgetkit import Explorer, figure_widget, guarded, mark_main, message_area, refresh, say
from .figures import plot_gtm
from .model import (
    GtmResult,
    pooling_experiment,
    scenario_settings,
    simulate_gtm,
    steering_label,
    verdict_sweeps,
    work_backwards,
    wrapped,
)
from .scenario import ONBOARDING_QUEUE, POOLING, STEERING_STEP, VERDICT_ASSUMPTIONS

__all__ = ["gtm_explorer", "gtm_summary", "plan_summary", "pooling_summary", "verdict_summary"]

# The assumptions panel: each slider's description, and whether it shows a share (as %).
_ASSUMPTION_LABELS = {
    "broad_fit_share": "Fit of the extra leads (%)",
    "success_ceiling_poor_fit": "Most a poor-fit customer can succeed (%)",
    "onboarding_hours_scale": "Onboarding hours that win 63% of the ceiling",
    "success_loss_per_wait_day": "Chance of success lost per day waiting (%)",
}
_PERCENT = {"broad_fit_share", "success_ceiling_poor_fit", "success_loss_per_wait_day"}

_WHO = {
    "all three": ("marketing", "sales", "cs"),
    "marketing": ("marketing",),
    "sales": ("sales",),
    "customer success": ("cs",),
}


def _verdict(result: GtmResult, ref: GtmResult) -> tuple[str, str]:
    """One or two sentences on the run against the end-to-end run, and their tone."""
    if max(result.steering.values()) == 0:
        return (
            f"Steered end to end: {num(ref.customers_reaching_success)} customers reached "
            f"success in {ref.months} months and each customer won makes "
            f"{num(ref.referrals_per_customer, digits=2)} referrals. Move the slider to let "
            f"departments "
            f"chase their own targets.",
            "info",
        )
    if ref.customers_reaching_success <= 0:
        return ("No customer reaches success in this scenario, however it is steered.", "warn")
    change = result.customers_reaching_success / ref.customers_reaching_success - 1.0
    flipped = (
        " Under these assumptions this run reaches at least as many customers as end-to-end "
        "steering: the verdict has flipped."
        if change >= 0
        else ""
    )
    waste = result.waste_hours / ref.waste_hours if ref.waste_hours > 0 else 1.0
    scores = (
        f"leads "
        f"x{num(result.leads_per_month_mean / max(ref.leads_per_month_mean, 1e-9), digits=1)}, "
        f"deals x{num(result.deals_per_month / max(ref.deals_per_month, 1e-9), digits=1)}, "
        f"{num(result.handling_hours, digits=1)} onboarding hours per customer instead of "
        f"{num(ref.handling_hours, digits=1)}"
    )
    return (
        f"Department scores: {scores}. Customers reaching success: "
        f"{num(result.customers_reaching_success)} ({pct(change, sign=True)}); hours wasted "
        f"x{num(waste, digits=1)} ({pct(result.waste_share)} of all work)." + flipped,
        "warn" if change < -0.005 else "good",
    )


def gtm_explorer(**scenario: float) -> widgets.VBox:
    """Slide departments from the end-to-end outcome to their own targets and watch both.

    Parameters
    ----------
    **scenario
        Any scenario setting of :func:`simulate_gtm` (e.g. ``referrals_per_success=2``).

    Returns
    -------
    ipywidgets.VBox
        A steering slider (the lesson's main control), a choice of which departments chase
        their local target, the :func:`plot_gtm` figure and a sentence with the numbers
        (an :class:`~demandlab.widgetkit.Explorer`). ``.result`` (or ``.current()``) is
        the :class:`GtmResult` on show; ``steering_slider`` and ``departments`` are the
        two controls.

    Examples
    --------
    >>> box = gtm_explorer()
    >>> box.steering_slider.value = 1.0
    >>> box.current().deals_per_month > 100
    True
    """
    sc = scenario_settings(scenario)
    ref = simulate_gtm(0.0, **sc)
    slider = mark_main(
        widgets.FloatSlider(
            value=0.0,
            min=0.0,
            max=1.0,
            step=STEERING_STEP,
            description="Steering: end to end → local targets",
            readout_format=".0%",
            continuous_update=True,
            style={"description_width": "initial"},
            layout={"width": "560px"},
        )
    )
    who = widgets.ToggleButtons(
        options=list(_WHO),
        value="all three",
        description="Who chases a local target:",
        style={"description_width": "initial", "button_width": "150px"},
    )
    assumptions = _assumption_sliders(sc)
    panel = widgets.VBox(
        [widgets.HTML("<b>Assumptions the verdict rests on</b> (move one, then the steering)")]
        + list(assumptions.values()),
        layout={"border": "1px solid #ccc", "padding": "4px", "width": "max-content"},
    )
    fw = figure_widget(plot_gtm(ref, ref), main=True)
    note = message_area()
    box = Explorer(
        [slider, who, fw, note, panel],
        controls={"steering": slider, "departments": who, **assumptions},
        figure=fw,
        message=note,
        result=ref,
    )

    def update(change: dict | None = None) -> None:
        chasing = _WHO[who.value]
        steer = {
            d: (float(slider.value) if d in chasing else 0.0) for d in ("marketing", "sales", "cs")
        }
        assumed = {
            name: (w.value / 100 if name in _PERCENT else float(w.value))
            for name, w in assumptions.items()
        }
        result = simulate_gtm(0.0, **steer, **{**sc, **assumed})
        base = result.reference
        box.result = result
        refresh(fw, plot_gtm(result, base))
        say(note, *_verdict(result, base))

    update()
    for control in (slider, who, *assumptions.values()):
        control.observe(guarded(update, note), names="value")
    box.steering_slider = slider
    box.departments = who
    box.assumptions = assumptions
    box.current = lambda: box.result
    return box


def _assumption_sliders(sc: dict) -> dict:
    """One slider per assumption of ``VERDICT_ASSUMPTIONS``, at the scenario's value."""
    sliders = {}
    for name, (low, high, step) in VERDICT_ASSUMPTIONS.items():
        scale = 100 if name in _PERCENT else 1
        sliders[name] = widgets.FloatSlider(
            value=min(max(sc[name], low), high) * scale,
            min=low * scale,
            max=high * scale,
            step=step * scale,
            description=_ASSUMPTION_LABELS[name],
            readout_format=".0f" if scale == 100 else ".1f",
            continuous_update=False,
            style={"description_width": "initial"},
            layout={"width": "520px"},
        )
    return sliders


def verdict_summary(**scenario: float) -> None:
    """Print where the capstone's verdict flips: each assumption swept on its own.

    For each setting the verdict rests on (``VERDICT_ASSUMPTIONS``), the value at which
    local targets reach as many customers as end-to-end steering, the others held at the
    scenario's values (:func:`verdict_sweeps`).

    Examples
    --------
    >>> verdict_summary()  # doctest: +ELLIPSIS
    Local targets reach as many customers as end-to-end steering when ...
    - fit of the extra leads (today 5%): local targets catch up at 37%.
    ...
    """
    sweeps = verdict_sweeps(**scenario)
    print(
        wrapped(
            "Local targets reach as many customers as end-to-end steering when one assumption "
            "moves this far (the others as today):"
        )
    )
    for sweep in sweeps:
        print(wrapped("- " + str(sweep)))


def gtm_summary(
    steering: float = 0.0,
    *,
    marketing: float | None = None,
    sales: float | None = None,
    cs: float | None = None,
    seed: int | None = None,
    **scenario: float,
) -> None:
    """Print one run of :func:`simulate_gtm` in a few lines, next to end-to-end steering.

    For exercises: change one value (``cs=1.0``, ``seed=2``, ``referrals_per_success=0``)
    and run the cell again.

    Examples
    --------
    >>> gtm_summary(0.0, cs=1.0)  # doctest: +ELLIPSIS
    local target: CS:
       marketing 150 leads/month, sales 47 deals/month, CS 4.0 h/customer
       customers: 475 reach success in 24 months, 512 referred leads,
    ...
    Customers reaching success: 475 against 903 steered end to end (−47%).
    """
    sc = scenario_settings(scenario)  # an unknown setting is refused by name
    result = simulate_gtm(steering, marketing=marketing, sales=sales, cs=cs, seed=seed, **sc)
    print(result.summary())
    ref = result.reference
    if ref is result:
        return
    print(ref.summary())
    wins, base = result.customers_reaching_success, ref.customers_reaching_success
    change = f" ({pct(wins / base - 1.0, sign=True)})" if base > 0 else ""
    print(
        f"Customers reaching success: {num(wins)} against {num(base)} steered end to end{change}."
    )


def plan_summary(referrals_per_customer: float = 1.0, **scenario: float) -> None:
    """Print :func:`work_backwards`'s chain and what the plan gives when run forward.

    Examples
    --------
    >>> plan_summary(1.0)  # doctest: +ELLIPSIS
    1. Target: every customer refers 1.00 others on average.
    ...
    Run forward: 715 customers reach success in 24 months (903 steered end
       to end).
    """
    plan = work_backwards(referrals_per_customer, **scenario)
    print(plan)
    if plan.check is not None:
        e2e = simulate_gtm(0.0, **scenario_settings(scenario))
        print(
            wrapped(
                f"Run forward: {num(plan.check.customers_reaching_success)} customers reach "
                f"success in {plan.check.months} months ({num(e2e.customers_reaching_success)} "
                f"{steering_label(e2e)})."
            )
        )


def pooling_summary(
    load: float = POOLING["load"],
    onboarding_hours: float = POOLING["onboarding_hours"],
    *,
    cv: float = ONBOARDING_QUEUE["cv"],
    cs_people: int = ONBOARDING_QUEUE["cs_people"],
    customers: int = POOLING["customers"],
    replications: int = POOLING["replications"],
    seed: int = POOLING["seed"],
) -> None:
    """Print :func:`pooling_experiment`: one shared onboarding queue against specialists.

    For exercises: change one value (``cv=0.0``, ``cs_people=10``, ``load=0.7``).

    Examples
    --------
    >>> pooling_summary(0.8, 10.0, customers=2_000, replications=2)  # doctest: +ELLIPSIS
    CS loaded at 80.0%, 5 people, 2 runs of 2,000 customers.
    ...
    """
    result = pooling_experiment(
        load,
        onboarding_hours,
        cv=cv,
        cs_people=cs_people,
        customers=customers,
        replications=replications,
        seed=seed,
    )
    print(result)
    print(
        wrapped(
            f"With specialists a new customer waits {num(result.ratio, digits=1)} times as "
            "long for the same people at the same load."
        )
    )
