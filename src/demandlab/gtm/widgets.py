"""Lesson 05's widget: slide the departments from the end-to-end outcome to local targets."""

from __future__ import annotations

import ipywidgets as widgets

from ..widgetkit import Explorer, View, explorer, mark_main
from .figures import plot_gtm
from .model import GtmResult, run_gtm
from .report import verdict
from .scenario import SCENARIO, STEERING_STEP, VERDICT_ASSUMPTIONS, GtmScenario

__all__ = ["gtm_explorer"]

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


def gtm_explorer(**scenario: float) -> Explorer:
    """Slide departments from the end-to-end outcome to their own targets and watch both.

    Parameters
    ----------
    **scenario
        Any scenario setting of :func:`simulate_gtm` (e.g. ``referrals_per_success=2``).

    Returns
    -------
    Explorer
        Built by :func:`demandlab.widgetkit.explorer`: a steering slider (the lesson's main
        control, ``controls["steering"]``), a choice of which departments chase their local
        target (``controls["departments"]``), the assumptions panel (one slider per
        ``VERDICT_ASSUMPTIONS`` setting, by that name), the :func:`plot_gtm` figure and a
        sentence with the numbers. ``.result`` is the :class:`GtmResult` on show.

    Examples
    --------
    >>> box = gtm_explorer()
    >>> box.controls["steering"].value = 1.0
    >>> box.result.deals_per_month > 100
    True
    """
    base = SCENARIO.replace(**scenario)
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
    assumptions = _assumption_sliders(base)
    panel = widgets.VBox(
        [widgets.HTML("<b>Assumptions the verdict rests on</b> (move one, then the steering)")]
        + list(assumptions.values()),
        layout={"border": "1px solid #ccc", "padding": "4px", "width": "max-content"},
    )

    def model(steering: float, departments: str, **assumed: float) -> GtmResult:
        chasing = _WHO[departments]
        steer = {
            d: (float(steering) if d in chasing else 0.0) for d in ("marketing", "sales", "cs")
        }
        values = {n: (v / 100 if n in _PERCENT else float(v)) for n, v in assumed.items()}
        return run_gtm(base.replace(**values), 0.0, **steer)

    def view(result: GtmResult) -> View:
        return View(plot_gtm(result, result.reference), *verdict(result, result.reference))

    box = explorer(
        {"steering": slider, "departments": who, **assumptions},
        model,
        view,
        top=widgets.VBox([slider, who]),
        main=True,
    )
    box.children = (*box.children, panel)  # the assumptions panel sits under the sentence
    return box


def _assumption_sliders(sc: GtmScenario) -> dict:
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
