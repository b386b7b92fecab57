"""Lesson 03's figures of the plant's line: the laws of the line, push vs CONWIP, and
Kingman's VUT curve. Each takes a result and draws it; none runs a simulation."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ...formatting import count, number
from ...style import (
    ACCENT_COLOR,
    BAD_COLOR,
    DEMAND_COLOR,
    GOOD_COLOR,
    PRODUCTION_COLOR,
    TEXT_COLOR,
    layout,
    subtitle,
)
from ..model import (
    LawsOfTheLine,
    PushVsConwip,
    VutCurve,
    result_of,
)

# ----------------------------------------------------------------------------- laws of the line


def _laws_traces(laws: LawsOfTheLine) -> list[dict]:
    """The three curves and the simulated points, on both panels (output rate, cycle time)."""
    styles = (
        ("best case", GOOD_COLOR, "solid", laws.best_th, laws.best_ct),  # dashes tell them apart
        ("practical worst case", PRODUCTION_COLOR, "dash", laws.pwc_th, laws.pwc_ct),
        ("worst case", BAD_COLOR, "dot", laws.worst_th, laws.worst_ct),
    )
    data = []
    for col, axis in ((1, ("x", "y")), (2, ("x2", "y2"))):
        for name, color, dash, th, ct in styles:
            data.append(
                {
                    "type": "scatter",
                    "x": laws.curve_wip,
                    "y": th if col == 1 else ct,
                    "mode": "lines",
                    "name": name,
                    "legendgroup": name,
                    "showlegend": col == 1,
                    "line": {"color": color, "dash": dash, "width": 2},
                    "hovertemplate": f"{name}: WIP %{{x:.3g}}, %{{y:.3g}}<extra></extra>",
                    "xaxis": axis[0],
                    "yaxis": axis[1],
                }
            )
        unit = "jobs/h" if col == 1 else "h"
        data.append(
            {
                "type": "scatter",
                "x": laws.wip_levels,
                "y": laws.sim_throughput if col == 1 else laws.sim_cycle_time,
                "mode": "markers",
                "name": "your line (simulated)",
                "legendgroup": "sim",
                "showlegend": col == 1,
                "marker": {"color": DEMAND_COLOR, "size": 9, "symbol": "diamond"},
                "hovertemplate": f"WIP %{{x}}: %{{y:.3f}} {unit}<extra></extra>",
                "xaxis": axis[0],
                "yaxis": axis[1],
            }
        )
    return data


def _where(laws: LawsOfTheLine) -> str:
    """Where the simulated points sit between the curves, in words."""
    beyond_one = laws.wip_levels > 1  # at WIP 1 every curve meets: no information
    pos = float(np.median(laws.position()[beyond_one])) if beyond_one.any() else 1.0
    if pos > 0.95:
        return "on the best case"
    if abs(pos) <= 0.1:
        return "on the practical worst case"
    if pos < -0.1:
        return "below the practical worst case (a fixable problem)"
    return "between the best and the practical worst case"


def plot_laws_of_the_line(laws: LawsOfTheLine) -> go.Figure:
    """Output rate and cycle time against WIP: best, practical worst and worst case curves
    with the simulated points of the line.

    Parameters
    ----------
    laws : LawsOfTheLine
        From :func:`laws_of_the_line`.

    Returns
    -------
    plotly.graph_objects.Figure
        Left: output rate (jobs/h) vs WIP. Right: cycle time (h) vs WIP.

    Examples
    --------
    >>> from demandlab.pullpush.model import laws_of_the_line
    >>> fig = plot_laws_of_the_line(laws_of_the_line(max_wip=6))
    >>> [t.name for t in fig.data][:4]
    ['best case', 'practical worst case', 'worst case', 'your line (simulated)']
    """
    result_of("laws", laws, LawsOfTheLine, "laws_of_the_line")
    # Built from plain dicts (not make_subplots): this is the main control's figure and
    # is redrawn on every slider move, so it must stay cheap (about 2 ms instead of 20).
    wmax = float(laws.wip_levels.max())
    ct_top = max(float(laws.pwc_ct.max()), float(laws.sim_cycle_time.max())) * 1.25
    x_axis = {"title": {"text": "WIP (jobs in the line)"}, "range": [0, wmax + 0.5]}
    heading = {"xref": "paper", "yref": "paper", "y": 1.0, "yanchor": "bottom"}
    heading.update(showarrow=False, font={"size": 15})
    look = layout(
        title={
            "text": f"cv {number(laws.cv, digits=2)}: your line runs {_where(laws)}",
            "font": {"size": 16},
        },
        height=460,
        margin={"t": 80, "b": 120, "l": 60, "r": 20},
        legend={"orientation": "h", "y": -0.3, "yanchor": "top"},
        xaxis={**x_axis, "domain": [0.0, 0.45], "anchor": "y"},
        xaxis2={**x_axis, "domain": [0.55, 1.0], "anchor": "y2"},
        yaxis={
            "title": {"text": "output rate (jobs per hour)"},
            "range": [0, laws.bottleneck_rate * 1.12],
            "anchor": "x",
        },
        yaxis2={"title": {"text": "cycle time (hours)"}, "range": [0, ct_top], "anchor": "x2"},
        annotations=[
            {**heading, "x": 0.225, "xanchor": "center", "text": "Output rate vs WIP"},
            {**heading, "x": 0.775, "xanchor": "center", "text": "Lead time: cycle time vs WIP"},
        ],
        shapes=[],
    )
    return go.Figure(data=_laws_traces(laws), layout=look)


# ----------------------------------------------------------------------------- push vs CONWIP


def plot_push_vs_conwip(race: PushVsConwip) -> go.Figure:
    """Push against CONWIP at the same output rate: WIP, mean cycle time, cycle-time spread.

    Parameters
    ----------
    race : PushVsConwip
        From :func:`push_vs_conwip`.

    Returns
    -------
    plotly.graph_objects.Figure
        Three bar panels with 95% confidence intervals: push grey, CONWIP blue.

    Examples
    --------
    >>> from demandlab.pullpush.model import push_vs_conwip
    >>> fig = plot_push_vs_conwip(push_vs_conwip(replications=2, jobs_per_run=500))
    >>> len(fig.data)
    3
    """
    result_of("race", race, PushVsConwip, "push_vs_conwip")
    panels = (
        ("jobs in the line (WIP)", "wip", "{:.1f}"),
        ("mean cycle time (h)", "cycle_time", "{:.1f} h"),
        ("cycle-time spread (std, h)", "cycle_time_std", "{:.1f} h"),
    )
    fig = make_subplots(rows=1, cols=3, subplot_titles=[p[0] for p in panels])
    for col, (_, attr, fmt) in enumerate(panels, start=1):
        values = [getattr(race.push, attr), getattr(race.conwip, attr)]
        fig.add_trace(
            go.Bar(
                # the values sit under the bars, clear of the 95% error bars
                x=[f"{name}<br>{fmt.format(v[0])}" for name, v in zip(("push", "CONWIP"), values)],
                y=[v[0] for v in values],
                error_y={"type": "data", "array": [v[1] for v in values], "visible": True},
                marker_color=[PRODUCTION_COLOR, DEMAND_COLOR],
                marker_pattern_shape=["/", ""],  # push hatched: not colour alone
                showlegend=False,
                hovertemplate="%{x}: %{y:.2f}<extra></extra>",
            ),
            row=1,
            col=col,
        )
        top = max(v[0] + v[1] for v in values)
        fig.update_yaxes(range=[0, top * 1.1 + 1e-9], row=1, col=col)
    th_c, th_p = race.conwip.throughput[0], race.push.throughput[0]
    note = (
        f"CONWIP with {count(race.wip_cap, 'card')} vs push: "
        f"{number(th_c, digits=3)} vs {number(th_p, digits=3)} jobs/h"
    )
    fig.update_layout(
        layout(
            title={"text": "Push vs CONWIP: same output, less WIP", "font": {"size": 16}},
            height=420,
            margin={"t": 110, "b": 60, "l": 50, "r": 20},
            bargap=0.3,
            shapes=[],
        )
    )
    for ann in fig.layout.annotations:  # the panel titles sit under the subtitle
        ann.update(font={"size": 13})
    fig.add_annotation(subtitle(note, y=1.14))
    return fig


# ----------------------------------------------------------------------------- Kingman's VUT curve

_VUT_LOOKS = (  # (colour, dash, marker): every curve differs by more than colour
    (GOOD_COLOR, "dot", "circle"),
    (DEMAND_COLOR, "solid", "diamond"),
    (BAD_COLOR, "dash", "square"),
    (ACCENT_COLOR, "dashdot", "triangle-up"),
    (PRODUCTION_COLOR, "longdash", "x"),
    (TEXT_COLOR, "longdashdot", "star"),
)


def plot_vut_curve(vut: VutCurve) -> go.Figure:
    """Kingman's VUT curve: queue time at one station against its utilisation, one curve
    per process-time cv, with the simulated points and their 95% intervals.

    Parameters
    ----------
    vut : VutCurve
        From :func:`vut_curve`.

    Returns
    -------
    plotly.graph_objects.Figure

    Examples
    --------
    >>> from demandlab.pullpush.model import vut_curve
    >>> v = vut_curve(cvs=[1.0], sim_utilisations=[0.5], replications=2, jobs_per_run=500)
    >>> [t.name for t in plot_vut_curve(v).data]
    ['cv 1 (Kingman)', 'cv 1 (simulated)']
    """
    result_of("vut", vut, VutCurve, "vut_curve")
    fig = go.Figure()
    for i, cv in enumerate(vut.cvs):
        color, dash, symbol = _VUT_LOOKS[i % len(_VUT_LOOKS)]
        name = f"cv {number(cv, digits=2).rstrip('0').rstrip('.')}"
        fig.add_trace(
            go.Scatter(
                x=100 * vut.utilisation,
                y=vut.kingman[i],
                mode="lines",
                name=f"{name} (Kingman)",
                legendgroup=name,
                line={"color": color, "dash": dash, "width": 2},
                hovertemplate=f"{name}: %{{x:.0f}}% busy, waits %{{y:.1f}} h<extra></extra>",
            )
        )
        fig.add_trace(
            go.Scatter(
                x=100 * vut.sim_utilisation,
                y=vut.sim_queue_time[i],
                mode="markers",
                name=f"{name} (simulated)",
                legendgroup=name,
                marker={"color": color, "symbol": symbol, "size": 10},
                error_y={"type": "data", "array": vut.sim_ci[i], "visible": True},
                hovertemplate=f"{name} simulated: %{{x:.0f}}% busy, waits %{{y:.1f}} h"
                "<extra></extra>",
            )
        )
    # the curves up to 90% busy, and every simulated dot with its interval (one may sit at 95%)
    top = 1.1 * max(
        float(vut.kingman[:, vut.utilisation <= 0.9].max()),
        float((vut.sim_queue_time + vut.sim_ci).max()),
    )
    note = (
        f"One station, {number(vut.process_time, digits=1)} h a job, random arrivals; "
        f"dots: {count(vut.replications, 'run')}, 95% intervals"
    )
    fig.update_layout(
        layout(
            title={"text": "Waiting explodes as the station gets busy", "font": {"size": 16}},
            height=440,
            margin={"t": 90, "b": 130, "l": 60, "r": 20},
            legend={"orientation": "h", "y": -0.3, "yanchor": "top"},
            xaxis={"title": {"text": "utilisation (% of the time busy)"}, "range": [0, 96]},
            yaxis={"title": {"text": "mean wait in queue (hours)"}, "range": [0, top]},
            shapes=[],
        )
    )
    fig.add_annotation(subtitle(note, y=1.04))
    return fig
