"""Lesson 05's widget: slide the departments from the end-to-end outcome to local targets."""

from __future__ import annotations

import ipywidgets as widgets

from ..widgetkit import Explorer, figure_widget, guarded, mark_main, message_area, refresh, say
from .figures import plot_gtm
from .model import GtmResult, scenario_settings, simulate_gtm
from .scenario import STEERING_STEP

__all__ = ["gtm_explorer"]

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
            f"Steered end to end: {ref.customers_reaching_success:,.0f} customers reached "
            f"success in {ref.months} months and each customer won makes "
            f"{ref.referrals_per_customer:.2f} referrals. Move the slider to let departments "
            f"chase their own targets.",
            "info",
        )
    if ref.customers_reaching_success <= 0:
        return ("No customer reaches success in this scenario, however it is steered.", "warn")
    change = result.customers_reaching_success / ref.customers_reaching_success - 1.0
    waste = result.waste_hours / ref.waste_hours if ref.waste_hours > 0 else 1.0
    scores = (
        f"leads x{result.leads_per_month_mean / max(ref.leads_per_month_mean, 1e-9):.1f}, "
        f"deals x{result.deals_per_month / max(ref.deals_per_month, 1e-9):.1f}, "
        f"{result.handling_hours:.1f} onboarding hours per customer instead of "
        f"{ref.handling_hours:.1f}"
    )
    return (
        f"Department scores: {scores}. Customers reaching success: "
        f"{result.customers_reaching_success:,.0f} ({change:+.0%}); hours wasted "
        f"x{waste:.1f} ({result.waste_share:.0%} of all work).",
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
    fw = figure_widget(plot_gtm(ref, ref), main=True)
    note = message_area()
    box = Explorer(
        [slider, who, fw, note],
        controls={"steering": slider, "departments": who},
        figure=fw,
        message=note,
        result=ref,
    )

    def update(change: dict | None = None) -> None:
        chasing = _WHO[who.value]
        steer = {
            d: (float(slider.value) if d in chasing else 0.0) for d in ("marketing", "sales", "cs")
        }
        result = simulate_gtm(0.0, **steer, **sc)
        box.result = result
        refresh(fw, plot_gtm(result, ref))
        say(note, *_verdict(result, ref))

    update()
    slider.observe(guarded(update, note), names="value")
    who.observe(guarded(update, note), names="value")
    box.steering_slider = slider
    box.departments = who
    box.current = lambda: box.result
    return box
