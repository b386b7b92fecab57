"""Lesson 03, pull vs push: the laws of the line, push against CONWIP, forecast push against
demand pull, and what is left of pull in a sales funnel where deals abandon midway.

Every line here runs on the flow engine (:func:`demandlab.engine.simulate_line`); the
forecast-vs-pull comparison is an inventory ledger kept day by day (a fixed production
lead time, no line), because its point is the *signal* that releases work, not queueing.

Sources: Hopp & Spearman, *Factory Physics* (laws of the line, ch. 7; CONWIP vs push,
ch. 10); Spearman, Woodruff & Hopp (1990), "CONWIP: a pull alternative to kanban";
Little (1961). The sales section follows the essay on lean's principles applied to sales
(course seed 002): an inquiry is not a firm order.

Layers: model functions return frozen dataclasses; ``plot_*`` return plotly figures;
``*_explorer`` return ipywidgets containers.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from numbers import Real

import ipywidgets as widgets
import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .checks import frozen as _frozen
from .checks import whole as _int_in
from .widgetkit import (
    BAD_COLOR,
    DEMAND_COLOR,
    GOOD_COLOR,
    PRODUCTION_COLOR,
    figure_widget,
    guarded,
    mark_main,
    message_area,
    refresh,
    say,
)
from .engine import (
    LineResult,
    best_case,
    line_parameters,
    practical_worst_case,
    simulate_line,
    worst_case,
)

# Size guards: every slider move must stay small (the lesson promises no progress bars).
MAX_STATIONS = 20
MAX_TIME = 1e4  # hours or days per station
MAX_MACHINES = 100
MAX_CV = 3.0
MAX_WIP_LEVELS = 40
MAX_JOBS_PER_RUN = 20_000
MAX_REPLICATIONS = 50
MAX_TOTAL_JOBS = 400_000  # per call, all runs together
MAX_DAYS = 20_000
T95 = 1.96  # normal quantile; small-sample t quantiles below


def _t95(n: int) -> float:
    """Two-sided 95% Student-t quantile for n - 1 degrees of freedom (n >= 2)."""
    table = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306}
    table.update({9: 2.262, 10: 2.228, 12: 2.179, 15: 2.131, 20: 2.086, 30: 2.042})
    df = n - 1
    if df in table:
        return table[df]
    for k in sorted(table):
        if k >= df:
            return table[k]
    return T95


# ----------------------------------------------------------------------------- validation


def _real_in(name: str, value: object, low: float, high: float, *, low_open: bool = False) -> float:
    lo = "(" if low_open else "["
    if isinstance(value, bool) or not isinstance(value, Real):
        raise ValueError(f"{name} must be a number in {lo}{low:g}, {high:g}], got {value!r}")
    v = float(value)
    if not math.isfinite(v) or v > high or (v <= low if low_open else v < low):
        raise ValueError(f"{name} must be a number in {lo}{low:g}, {high:g}], got {value!r}")
    return v


def _cv(name: str, value: object, high: float = MAX_CV) -> float:
    """A coefficient of variation in [0, high]; below 1e-6 it counts as 0 (constant times),
    because 1 / cv^2 (the gamma shape) overflows for a vanishing cv."""
    v = _real_in(name, value, 0.0, high)
    return 0.0 if v < 1e-6 else v


def _times(name: str, value: object) -> tuple[float, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, (Sequence, np.ndarray)):
        raise ValueError(
            f"{name} must be a list of 1..{MAX_STATIONS} times in (0, {MAX_TIME:g}], got {value!r}"
        )
    if not 1 <= len(value) <= MAX_STATIONS:
        raise ValueError(
            f"{name} must list 1..{MAX_STATIONS} stations, got {len(value)}: {value!r}"
        )
    return tuple(_real_in(f"each of {name}", v, 0.0, MAX_TIME, low_open=True) for v in value)


def _machines(value: object, n: int) -> tuple[int, ...]:
    if isinstance(value, (Sequence, np.ndarray)) and not isinstance(value, (str, bytes)):
        if len(value) != n:
            raise ValueError(
                f"machines must be one whole number or one per station ({n}), got {value!r}"
            )
        return tuple(_int_in("each of machines", m, 1, MAX_MACHINES) for m in value)
    return (_int_in("machines", value, 1, MAX_MACHINES),) * n


def _seed(value: object) -> int:
    return _int_in("seed", value, 0, 2**63 - 1)


def _check_work(total_jobs: int) -> None:
    if total_jobs > MAX_TOTAL_JOBS:
        raise ValueError(
            f"this call would simulate {total_jobs:,} jobs; keep it at or below "
            f"{MAX_TOTAL_JOBS:,} (fewer replications, jobs per run or WIP levels)"
        )


def _ci(values: np.ndarray) -> tuple[float, float]:
    """Mean and 95% CI half-width across independent replications."""
    values = np.asarray(values, dtype=float)
    if values.size < 2:
        return float(values.mean()), 0.0
    half = _t95(values.size) * float(values.std(ddof=1)) / math.sqrt(values.size)
    return float(values.mean()), half


# ----------------------------------------------------------------------------- Little's law


@dataclass(frozen=True)
class LittleCheck:
    """Little's law on one simulated run: WIP against (exit rate) x (time in the line).

    Attributes
    ----------
    wip : float
        The engine's time-average number of jobs in the line over its window.
    rate_times_time : float
        Jobs leaving per time unit in the window x their mean time in the line.
    allowed : float
        The largest gap the window's edges can explain: jobs already inside when the window
        opens, or still inside when it closes, plus the difference between the mean time
        of all counted jobs and of those that left inside the window. Exact, not statistical.
    """

    wip: float
    rate_times_time: float
    allowed: float

    @property
    def gap(self) -> float:
        """|WIP - rate x time|."""
        return abs(self.wip - self.rate_times_time)

    @property
    def holds(self) -> bool:
        """True when the gap is within what the window's edges allow."""
        return self.gap <= self.allowed + 1e-9 * max(1.0, self.wip)


def little_check(result: LineResult) -> LittleCheck:
    """Check Little's law (WIP = throughput x cycle time) on one run of the flow engine.

    Little's law is bookkeeping, not a model: over any window, the area under the
    jobs-in-line curve equals the sum of the times jobs spent inside, apart from jobs that
    straddle the window's edges. This function measures that edge term from the run's own
    per-job release and exit times, so the tolerance is the run's own.

    With drop-outs, every job that leaves counts (a lost deal also sat in the funnel), so
    the rate is all exits, not only finished jobs.

    Parameters
    ----------
    result : LineResult
        A run of :func:`demandlab.engine.simulate_line`.

    Returns
    -------
    LittleCheck
        ``wip``, ``rate_times_time`` and the ``allowed`` gap; ``.holds`` says whether it fits.

    Examples
    --------
    >>> from demandlab.engine import simulate_line
    >>> run = simulate_line([2, 2, 2, 2], cv=1, release="conwip", wip_cap=6, n_jobs=2000)
    >>> check = little_check(run)
    >>> check.holds, round(check.wip, 2)
    (True, 6.0)
    """
    if not isinstance(result, LineResult):
        raise ValueError(f"result must be a LineResult from simulate_line, got {type(result)}")
    rel, ex = result.release_times, result.exit_times
    ta, tb = result.window_start, result.window_end
    span = tb - ta
    if span <= 0:
        return LittleCheck(result.wip, 0.0, float(result.wip))
    inside = (ex > ta) & (ex <= tb)
    before = float(np.sum((ta - rel)[inside & (rel < ta)]))
    after = float(np.sum((tb - np.maximum(rel, ta))[(ex > tb) & (rel < tb)]))
    rate = float(np.count_nonzero(inside)) / span
    time_window = float(np.mean((ex - rel)[inside])) if np.any(inside) else 0.0
    counted = np.arange(rel.size) >= result.warmup
    if result.dropped == 0:
        time_all = result.cycle_time
    else:
        time_all = float(np.mean((ex - rel)[counted]))
    allowed = max(before, after) / span + rate * abs(time_window - time_all)
    return LittleCheck(float(result.wip), rate * time_all, allowed)


# ----------------------------------------------------------------------------- 1. laws of the line


@dataclass(frozen=True)
class LawsOfTheLine:
    """Throughput and cycle time against WIP: three analytic curves and simulated points.

    Attributes
    ----------
    process_times_hours, machines, cv
        The line.
    bottleneck_rate, raw_process_time, critical_wip : float
        rb (jobs/h), T0 (h) and W0 = rb x T0 (jobs).
    curve_wip : ndarray
        WIP levels of the analytic curves (integers and W0).
    best_th, best_ct, pwc_th, pwc_ct, worst_th, worst_ct : ndarray
        Best, practical-worst and worst case throughput (jobs/h) and cycle time (h).
    wip_levels : ndarray
        CONWIP card counts simulated, 1..max_wip.
    sim_wip, sim_throughput, sim_cycle_time : ndarray
        The simulated points (time-average WIP, jobs/h, h).
    little_rhs, little_allowed : ndarray
        Throughput x cycle time at each point, and the gap its window allows.
    """

    process_times_hours: tuple
    machines: tuple
    cv: float
    bottleneck_rate: float
    raw_process_time: float
    critical_wip: float
    curve_wip: np.ndarray
    best_th: np.ndarray
    best_ct: np.ndarray
    pwc_th: np.ndarray
    pwc_ct: np.ndarray
    worst_th: np.ndarray
    worst_ct: np.ndarray
    wip_levels: np.ndarray
    sim_wip: np.ndarray
    sim_throughput: np.ndarray
    sim_cycle_time: np.ndarray
    little_rhs: np.ndarray
    little_allowed: np.ndarray

    @property
    def little_holds(self) -> bool:
        """Little's law holds at every simulated point, within its window's allowance."""
        gap = np.abs(self.sim_wip - self.little_rhs)
        return bool(np.all(gap <= self.little_allowed + 1e-9 * np.maximum(1.0, self.sim_wip)))

    @property
    def little_worst_gap(self) -> float:
        """The largest relative gap |WIP - TH x CT| / WIP over the points."""
        return float(np.max(np.abs(self.sim_wip - self.little_rhs) / self.sim_wip))

    def position(self) -> np.ndarray:
        """Where each simulated throughput sits: 0 on the practical worst case, 1 on the
        best case (negative: worse than the practical worst case)."""
        pwc = practical_worst_case(self.process_times_hours, self.wip_levels, self.machines)
        best = best_case(self.process_times_hours, self.wip_levels, self.machines)
        span = np.asarray(best.throughput) - np.asarray(pwc.throughput)
        with np.errstate(invalid="ignore", divide="ignore"):
            pos = (self.sim_throughput - np.asarray(pwc.throughput)) / span
        return np.where(span > 0, pos, 1.0)


def laws_of_the_line(
    process_times_hours: Sequence[float] = (2.0, 2.0, 2.0, 2.0),
    machines: int | Sequence[int] = 1,
    cv: float = 1.0,
    max_wip: int | None = None,
    jobs_per_point: int = 1500,
    seed: int = 1,
) -> LawsOfTheLine:
    """The laws of the line: simulate a CONWIP line at WIP = 1..max_wip against the curves.

    Each point is one CONWIP run of the flow engine with that many cards (jobs in the line),
    all with the same seed so the points form a smooth curve. The curves are the best case
    (no variability), the practical worst case (exponential times, single machines,
    balanced) and the worst case (all jobs move as one batch), from Hopp & Spearman,
    *Factory Physics*, ch. 7.

    On the shop floor: the same machines give very different output and lead time
    depending on how much work is let in and how variable the work is.

    Parameters
    ----------
    process_times_hours : sequence of float
        Mean process time per station, in hours, each in (0, 10000]; 1..20 stations
        (default: Penny Fab One, four stations of 2 h).
    machines : int or sequence of int
        Identical machines per station, 1..100 (default 1).
    cv : float
        Coefficient of variation of process times, in [0, 3]: 0 deterministic, 1 exponential.
    max_wip : int, optional
        Largest WIP level simulated, 1..40 (default: 3 x W0 rounded up, at least 12, at most 40).
    jobs_per_point : int
        Jobs per simulated point, 200..20000 (default 1500); a tenth is warm-up.
    seed : int
        Seed (a whole number >= 0).

    Returns
    -------
    LawsOfTheLine
        Analytic curves, simulated points and the Little's law check at every point.

    Examples
    --------
    >>> laws = laws_of_the_line(cv=0.0, max_wip=8)
    >>> laws.sim_throughput.round(3).tolist()  # deterministic Penny Fab One = best case
    [0.125, 0.25, 0.375, 0.5, 0.5, 0.5, 0.5, 0.5]
    >>> laws.little_holds
    True
    """
    times = _times("process_times_hours", process_times_hours)
    m = _machines(machines, len(times))
    cv = _cv("cv", cv)
    jobs = _int_in("jobs_per_point", jobs_per_point, 200, MAX_JOBS_PER_RUN)
    seed = _seed(seed)
    params = line_parameters(times, m)
    if max_wip is None:
        max_wip = int(min(MAX_WIP_LEVELS, max(12, math.ceil(3 * params.critical_wip))))
    else:
        max_wip = _int_in("max_wip", max_wip, 1, MAX_WIP_LEVELS)
    _check_work(max_wip * jobs)
    return _laws_cached(times, m, cv, max_wip, jobs, seed)


@functools.lru_cache(maxsize=32)
def _laws_cached(
    times: tuple, m: tuple, cv: float, max_wip: int, jobs: int, seed: int
) -> LawsOfTheLine:
    # Results are frozen, so a lesson that shows the same line twice computes it once.
    params = line_parameters(times, m)
    levels = np.arange(1, max_wip + 1)
    curve = np.unique(np.concatenate([levels, [params.critical_wip]]))
    curve = curve[(curve >= 1) & (curve <= max_wip)]
    best = best_case(times, curve, m)
    pwc = practical_worst_case(times, curve, m)
    worst = worst_case(times, curve, m)
    th, ct, wip, rhs, allowed = [], [], [], [], []
    for w in levels:
        run = simulate_line(times, m, cv, release="conwip", wip_cap=int(w), n_jobs=jobs, seed=seed)
        check = little_check(run)
        th.append(run.throughput)
        ct.append(run.cycle_time)
        wip.append(run.wip)
        rhs.append(check.rate_times_time)
        allowed.append(check.allowed)
    return LawsOfTheLine(
        process_times_hours=times,
        machines=m,
        cv=cv,
        bottleneck_rate=params.bottleneck_rate,
        raw_process_time=params.raw_process_time,
        critical_wip=params.critical_wip,
        curve_wip=_frozen(curve),
        best_th=_frozen(best.throughput),
        best_ct=_frozen(best.cycle_time),
        pwc_th=_frozen(pwc.throughput),
        pwc_ct=_frozen(pwc.cycle_time),
        worst_th=_frozen(worst.throughput),
        worst_ct=_frozen(worst.cycle_time),
        wip_levels=_frozen(levels),
        sim_wip=_frozen(wip),
        sim_throughput=_frozen(th),
        sim_cycle_time=_frozen(ct),
        little_rhs=_frozen(rhs),
        little_allowed=_frozen(allowed),
    )


def plot_laws_of_the_line(laws: LawsOfTheLine) -> go.Figure:
    """Throughput and cycle time against WIP: best, practical worst and worst case curves
    with the simulated points of the line.

    Parameters
    ----------
    laws : LawsOfTheLine
        From :func:`laws_of_the_line`.

    Returns
    -------
    plotly.graph_objects.Figure
        Left: throughput (jobs/h) vs WIP. Right: cycle time (h) vs WIP.

    Examples
    --------
    >>> fig = plot_laws_of_the_line(laws_of_the_line(max_wip=6))
    >>> [t.name for t in fig.data][:4]
    ['best case', 'practical worst case', 'worst case', 'your line (simulated)']
    """
    if not isinstance(laws, LawsOfTheLine):
        raise ValueError(f"laws must be a LawsOfTheLine from laws_of_the_line, got {type(laws)}")
    # Built from plain dicts (not make_subplots): this is the main control's figure and
    # is redrawn on every slider move, so it must stay cheap (about 2 ms instead of 20).
    styles = (
        ("best case", GOOD_COLOR, "solid", laws.best_th, laws.best_ct),
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
                "marker": {"color": DEMAND_COLOR, "size": 9},
                "hovertemplate": f"WIP %{{x}}: %{{y:.3f}} {unit}<extra></extra>",
                "xaxis": axis[0],
                "yaxis": axis[1],
            }
        )
    beyond_one = laws.wip_levels > 1  # at WIP 1 every curve meets: no information
    pos = float(np.median(laws.position()[beyond_one])) if beyond_one.any() else 1.0
    if pos > 0.95:
        where = "on the best case"
    elif abs(pos) <= 0.1:
        where = "on the practical worst case"
    elif pos < -0.1:
        where = "below the practical worst case (a fixable problem)"
    else:
        where = "between the best and the practical worst case"
    wmax = float(laws.wip_levels.max())
    ct_top = max(float(laws.pwc_ct.max()), float(laws.sim_cycle_time.max())) * 1.25
    x_axis = {"title": {"text": "WIP (jobs in the line)"}, "range": [0, wmax + 0.5]}
    heading = {"xref": "paper", "yref": "paper", "y": 1.0, "yanchor": "bottom"}
    heading.update(showarrow=False, font={"size": 15})
    layout = {
        "title": {
            "text": f"Process-time cv = {laws.cv:.2f}: your line runs {where}",
            "font": {"size": 16},
        },
        "height": 430,
        "margin": {"t": 80, "b": 60, "l": 60, "r": 20},
        "legend": {"orientation": "h", "y": -0.2},
        "xaxis": {**x_axis, "domain": [0.0, 0.45], "anchor": "y"},
        "xaxis2": {**x_axis, "domain": [0.55, 1.0], "anchor": "y2"},
        "yaxis": {
            "title": {"text": "throughput (jobs per hour)"},
            "range": [0, laws.bottleneck_rate * 1.12],
            "anchor": "x",
        },
        "yaxis2": {"title": {"text": "cycle time (hours)"}, "range": [0, ct_top], "anchor": "x2"},
        "annotations": [
            {**heading, "x": 0.225, "xanchor": "center", "text": "Output: throughput vs WIP"},
            {**heading, "x": 0.775, "xanchor": "center", "text": "Lead time: cycle time vs WIP"},
        ],
        "shapes": [],
    }
    return go.Figure(data=data, layout=layout)


def laws_of_the_line_explorer(
    process_times_hours: Sequence[float] = (2.0, 2.0, 2.0, 2.0),
    machines: int | Sequence[int] = 1,
    cv: float = 1.0,
    max_wip: int | None = None,
    seed: int = 1,
) -> widgets.VBox:
    """A cv slider (the lesson's main control) over the laws-of-the-line figure, with
    Little's law checked live on the simulated points.

    Parameters
    ----------
    process_times_hours, machines, max_wip, seed
        The line, as in :func:`laws_of_the_line`.
    cv : float
        Starting coefficient of variation, 0..2 in steps of 0.25.

    Returns
    -------
    ipywidgets.VBox
        Slider, figure, and a sentence with the Little's law check. ``.cv_slider`` and
        ``.figure`` give code access.

    Examples
    --------
    >>> box = laws_of_the_line_explorer()
    >>> box.cv_slider.value = 0.0
    >>> "best case" in box.figure.layout.title.text
    True
    """
    times = _times("process_times_hours", process_times_hours)
    m = _machines(machines, len(times))
    cv = _cv("cv", cv, 2.0)
    cache: dict[float, LawsOfTheLine] = {}

    def model(c: float) -> LawsOfTheLine:
        key = round(float(c), 4)
        if key not in cache:
            cache[key] = laws_of_the_line(times, m, key, max_wip=max_wip, seed=seed)
        return cache[key]

    slider = mark_main(
        widgets.FloatSlider(
            value=round(cv * 4) / 4,
            min=0.0,
            max=2.0,
            step=0.25,
            description="Variability (cv)",
            style={"description_width": "initial"},
            continuous_update=True,
            readout_format=".2f",
            layout={"width": "420px"},
        )
    )
    first = model(slider.value)
    fw = figure_widget(plot_laws_of_the_line(first), main=True)
    note = message_area()

    def update(change: dict | None = None) -> None:
        laws = model(slider.value)
        refresh(fw, plot_laws_of_the_line(laws))
        i = int(np.argmin(np.abs(laws.wip_levels - round(laws.critical_wip * 2))))
        w, th, ct = laws.wip_levels[i], laws.sim_throughput[i], laws.sim_cycle_time[i]
        verdict = "holds" if laws.little_holds else "does NOT hold"
        say(
            note,
            f"Little's law {verdict} at all {laws.wip_levels.size} points "
            f"(largest gap {laws.little_worst_gap:.2%}). Example at WIP {w:.0f}: "
            f"TH {th:.3f} jobs/h x CT {ct:.1f} h = {th * ct:.2f} jobs.",
            "good" if laws.little_holds else "warn",
        )

    update()
    slider.observe(guarded(update, note), names="value")
    box = widgets.VBox([slider, fw, note])
    box.cv_slider = slider
    box.figure = fw
    box.message = note
    return box


# ----------------------------------------------------------------------------- 2. push vs CONWIP


@dataclass(frozen=True)
class PolicyStats:
    """Means and 95% CI half-widths over replications for one release policy.

    Attributes
    ----------
    throughput, wip, cycle_time, cycle_time_std : tuple of (mean, half_width)
        Jobs per hour, jobs, hours, hours.
    per_run : ndarray, shape (replications, 4)
        The same four numbers for each replication, in that order.
    little_holds : bool
        Little's law held within its window allowance in every run.
    """

    throughput: tuple
    wip: tuple
    cycle_time: tuple
    cycle_time_std: tuple
    per_run: np.ndarray
    little_holds: bool


def _stats(runs: list[LineResult]) -> PolicyStats:
    rows = np.array([[r.throughput, r.wip, r.cycle_time, r.cycle_time_std] for r in runs])
    rows.setflags(write=False)
    cols = [_ci(rows[:, k]) for k in range(4)]
    return PolicyStats(*cols, per_run=rows, little_holds=all(little_check(r).holds for r in runs))


@dataclass(frozen=True)
class PushVsConwip:
    """Push and CONWIP on the same line at the same throughput.

    Attributes
    ----------
    process_times_hours, machines, cv, wip_cap, replications
        The settings.
    arrival_rate : float
        Jobs per hour released by push: CONWIP's measured throughput.
    conwip, push : PolicyStats
        Means and 95% CIs of throughput, WIP, cycle time and cycle-time spread.
    cycle_times_conwip, cycle_times_push : ndarray
        Cycle times (h) of finished jobs in the first replication, for a histogram.
    """

    process_times_hours: tuple
    machines: tuple
    cv: float
    wip_cap: int
    replications: int
    arrival_rate: float
    conwip: PolicyStats
    push: PolicyStats
    cycle_times_conwip: np.ndarray
    cycle_times_push: np.ndarray

    @property
    def wip_saved(self) -> tuple[float, float]:
        """Push WIP minus CONWIP WIP (jobs): mean and 95% CI half-width (independent runs)."""
        diff = self.push.wip[0] - self.conwip.wip[0]
        return diff, math.hypot(self.push.wip[1], self.conwip.wip[1])

    @property
    def throughput_gap(self) -> tuple[float, float]:
        """CONWIP throughput minus push throughput (jobs/h): mean and CI half-width."""
        diff = self.conwip.throughput[0] - self.push.throughput[0]
        return diff, math.hypot(self.push.throughput[1], self.conwip.throughput[1])


def push_vs_conwip(
    process_times_hours: Sequence[float] = (2.0, 2.0, 2.0, 2.0),
    machines: int | Sequence[int] = 1,
    cv: float = 1.0,
    wip_cap: int = 6,
    replications: int = 5,
    jobs_per_run: int = 2000,
    seed: int = 1,
) -> PushVsConwip:
    """Race push against CONWIP at the same throughput (Hopp & Spearman, ch. 10).

    First CONWIP runs with ``wip_cap`` cards; its mean throughput becomes the push line's
    release rate (Poisson releases, the textbook comparison). Both are replicated with
    independent seeds, and every number comes with a 95% confidence interval.

    On the shop floor: capping the work in the line gives the same output with less
    work waiting and a lead time you can promise.

    Parameters
    ----------
    process_times_hours, machines, cv
        The line, as in :func:`laws_of_the_line` (default Penny Fab One, exponential).
    wip_cap : int
        CONWIP cards, 1..200 (default 6).
    replications : int
        Independent runs per policy, 2..50 (default 5).
    jobs_per_run : int
        Jobs per run, 200..20000 (default 2000); a tenth is warm-up.
    seed : int
        Seed (a whole number >= 0).

    Returns
    -------
    PushVsConwip
        Per-policy means and CIs, the push release rate, cycle-time samples.

    Examples
    --------
    >>> race = push_vs_conwip(wip_cap=6, replications=5, seed=1)
    >>> race.conwip.wip[0], race.push.wip[0] > race.conwip.wip[0]
    (6.0, True)
    """
    times = _times("process_times_hours", process_times_hours)
    m = _machines(machines, len(times))
    cv = _cv("cv", cv)
    wip_cap = _int_in("wip_cap", wip_cap, 1, 200)
    reps = _int_in("replications", replications, 2, MAX_REPLICATIONS)
    jobs = _int_in("jobs_per_run", jobs_per_run, 200, MAX_JOBS_PER_RUN)
    seed = _seed(seed)
    _check_work(2 * reps * jobs)
    seeds = np.random.SeedSequence(seed).generate_state(2 * reps, dtype=np.uint64)
    conwip = [
        simulate_line(
            times, m, cv, release="conwip", wip_cap=wip_cap, n_jobs=jobs, seed=int(seeds[k])
        )
        for k in range(reps)
    ]
    rate = float(np.mean([r.throughput for r in conwip]))
    push = [
        simulate_line(
            times, m, cv, release="push", arrival_rate=rate, n_jobs=jobs, seed=int(seeds[reps + k])
        )
        for k in range(reps)
    ]
    return PushVsConwip(
        process_times_hours=times,
        machines=m,
        cv=cv,
        wip_cap=wip_cap,
        replications=reps,
        arrival_rate=rate,
        conwip=_stats(conwip),
        push=_stats(push),
        cycle_times_conwip=_frozen(conwip[0].cycle_times[conwip[0].warmup :]),
        cycle_times_push=_frozen(push[0].cycle_times[push[0].warmup :]),
    )


def plot_push_vs_conwip(race: PushVsConwip) -> go.Figure:
    """Push against CONWIP at the same throughput: WIP, mean cycle time, cycle-time spread.

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
    >>> fig = plot_push_vs_conwip(push_vs_conwip(replications=2, jobs_per_run=500))
    >>> len(fig.data)
    3
    """
    if not isinstance(race, PushVsConwip):
        raise ValueError(f"race must be a PushVsConwip from push_vs_conwip, got {type(race)}")
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
                x=["push", "CONWIP"],
                y=[v[0] for v in values],
                error_y={"type": "data", "array": [v[1] for v in values], "visible": True},
                marker_color=[PRODUCTION_COLOR, DEMAND_COLOR],
                text=[fmt.format(v[0]) for v in values],
                textposition="inside",
                insidetextanchor="middle",
                textfont={"color": "white", "size": 14},
                showlegend=False,
                hovertemplate="%{x}: %{y:.2f}<extra></extra>",
            ),
            row=1,
            col=col,
        )
        top = max(v[0] + v[1] for v in values)
        fig.update_yaxes(range=[0, top * 1.15 + 1e-9], row=1, col=col)
    th_c, th_p = race.conwip.throughput[0], race.push.throughput[0]
    fig.update_layout(
        title={
            "text": (
                f"Same output ({th_c:.3f} vs {th_p:.3f} jobs/h): CONWIP with "
                f"{race.wip_cap} cards needs less WIP and a steadier lead time"
            ),
            "font": {"size": 16},
        },
        height=380,
        margin={"t": 80, "b": 40, "l": 50, "r": 20},
        bargap=0.3,
        shapes=[],
    )
    return fig


def push_vs_conwip_explorer(
    process_times_hours: Sequence[float] = (2.0, 2.0, 2.0, 2.0),
    machines: int | Sequence[int] = 1,
    cv: float = 1.0,
    wip_cap: int = 6,
    seed: int = 1,
) -> widgets.VBox:
    """Sliders for the CONWIP card count and the variability; push follows at equal output.

    Parameters
    ----------
    process_times_hours, machines, seed
        The line, as in :func:`push_vs_conwip`.
    cv : float
        Starting cv (slider 0..2, step 0.25).
    wip_cap : int
        Starting number of cards (slider 1..24).

    Returns
    -------
    ipywidgets.VBox
        Two sliders, the figure and a sentence comparing the two lines.

    Examples
    --------
    >>> box = push_vs_conwip_explorer()
    >>> box.cards_slider.value = 10
    >>> "CONWIP" in box.message.value
    True
    """
    times = _times("process_times_hours", process_times_hours)
    m = _machines(machines, len(times))
    cv = _cv("cv", cv, 2.0)
    wip_cap = _int_in("wip_cap", wip_cap, 1, 24)
    cache: dict[tuple, PushVsConwip] = {}

    def model(w: int, c: float) -> PushVsConwip:
        key = (int(w), round(float(c), 4))
        if key not in cache:
            cache[key] = push_vs_conwip(times, m, key[1], key[0], 5, 2000, seed)
        return cache[key]

    cards = widgets.IntSlider(
        value=wip_cap,
        min=1,
        max=24,
        description="CONWIP cards",
        style={"description_width": "initial"},
        continuous_update=False,
    )
    cv_slider = widgets.FloatSlider(
        value=round(cv * 4) / 4,
        min=0.0,
        max=2.0,
        step=0.25,
        description="Variability (cv)",
        style={"description_width": "initial"},
        continuous_update=False,
        readout_format=".2f",
    )
    fw = figure_widget(plot_push_vs_conwip(model(cards.value, cv_slider.value)))
    note = message_area()

    def update(change: dict | None = None) -> None:
        race = model(cards.value, cv_slider.value)
        refresh(fw, plot_push_vs_conwip(race))
        saved, half = race.wip_saved
        p_wip, c_wip = race.push.wip[0], race.conwip.wip[0]
        if saved - half > 0:
            text = (
                f"Same output: push carries {p_wip:.1f} jobs, CONWIP {c_wip:.0f} "
                f"({saved:.1f} ± {half:.1f} fewer); mean lead time "
                f"{race.push.cycle_time[0]:.1f} h vs {race.conwip.cycle_time[0]:.1f} h."
            )
            kind = "good"
        else:
            text = (
                f"Same output: push carries {p_wip:.1f} jobs, CONWIP {c_wip:.0f}: the difference "
                f"({saved:.1f} ± {half:.1f}) is within the noise at this setting."
            )
            kind = "info"
        say(note, text, kind)

    update()
    cards.observe(guarded(update, note), names="value")
    cv_slider.observe(guarded(update, note), names="value")
    box = widgets.VBox([widgets.HBox([cards, cv_slider]), fw, note])
    box.cards_slider = cards
    box.cv_slider = cv_slider
    box.figure = fw
    box.message = note
    return box


# ----------------------------------------------------------------------------- 3. forecast vs pull


def _ledger(
    demand: np.ndarray,
    forecast_rate: np.ndarray,
    lead_time_days: int,
    plan_every_days: int,
    mean_demand: float,
    policy: str,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Day-by-day finished-goods ledger with no buffer (buffer 0); buffers shift it exactly.

    Day t: yesterday's releases from ``lead_time_days`` ago arrive, customers take
    ``demand[t]`` (unmet demand is backordered), then the day's release is decided:

    - pull: release exactly what customers took today (a kanban card per unit sold);
    - push: every ``plan_every_days`` days a planner nets the forecast against stock:
      quantity = forecast rate x (lead time + period - 1) - (stock + pipeline), never
      negative, released evenly over the period.

    Returns, per day: stock available before demand (``avail``), net stock after demand
    (``net``, negative = backorders) and the release.
    """
    days = demand.size
    arrivals = np.zeros(days + lead_time_days + 1)
    arrivals[:lead_time_days] = mean_demand  # start with a full pipeline, as in steady state
    pipeline = mean_demand * lead_time_days
    net = 0.0
    per_day = 0.0
    avail = np.empty(days)
    net_path = np.empty(days)
    release = np.empty(days)
    cover = lead_time_days + plan_every_days - 1
    for t in range(days):
        avail[t] = net + arrivals[t]
        net += arrivals[t] - demand[t]
        pipeline -= arrivals[t]
        if policy == "pull":
            q = demand[t]
        else:
            if t % plan_every_days == 0:
                target = forecast_rate[t // plan_every_days] * cover
                per_day = max(0.0, target - (net + pipeline)) / plan_every_days
            q = per_day
        release[t] = q
        pipeline += q
        arrivals[t + lead_time_days] += q
        net_path[t] = net
    return avail, net_path, release


def _fill_rate(buffer: float, demand: np.ndarray, avail: np.ndarray) -> float:
    served = np.minimum(demand, np.maximum(buffer + avail, 0.0))
    return float(served.sum() / demand.sum())


def _buffer_for(target: float, demand: np.ndarray, avail: np.ndarray) -> float:
    """Smallest buffer (units, >= 0) whose fill rate reaches ``target`` (bisection)."""
    if _fill_rate(0.0, demand, avail) >= target:
        return 0.0
    lo, hi = 0.0, float(demand.sum())  # at hi every unit is in stock from day one
    for _ in range(60):
        mid = 0.5 * (lo + hi)
        if _fill_rate(mid, demand, avail) >= target:
            hi = mid
        else:
            lo = mid
        if hi - lo < 1e-6 * max(1.0, hi):
            break
    return hi


@dataclass(frozen=True)
class StockPolicy:
    """One release policy at the buffer that reaches the target fill rate.

    Attributes
    ----------
    buffer_units : float
        Safety stock needed on top of the normal pipeline to reach the fill rate.
    fill_rate : float
        Share of demand shipped from stock the day it was ordered (achieved).
    mean_stock_units : float
        Average finished goods on hand at the end of a day.
    cash_tied : float
        ``mean_stock_units x unit_cost``.
    stockout_days : int
        Days on which some demand could not be shipped from stock.
    stock_path : ndarray
        Finished goods on hand at the end of each observed day.
    release : ndarray
        Units released to production each observed day.
    """

    buffer_units: float
    fill_rate: float
    mean_stock_units: float
    cash_tied: float
    stockout_days: int
    stock_path: np.ndarray
    release: np.ndarray


@dataclass(frozen=True)
class ForecastVsPull:
    """Forecast push against demand pull at the same fill rate.

    Attributes
    ----------
    demand_per_day, demand_cv, forecast_error, lead_time_days, plan_every_days, days,
    fill_rate_target, unit_cost
        The settings.
    demand : ndarray
        Units ordered each observed day.
    push, pull : StockPolicy
        Each policy at the buffer that reaches ``fill_rate_target``.
    """

    demand_per_day: float
    demand_cv: float
    forecast_error: float
    lead_time_days: int
    plan_every_days: int
    days: int
    fill_rate_target: float
    unit_cost: float
    demand: np.ndarray
    push: StockPolicy
    pull: StockPolicy

    @property
    def stock_ratio(self) -> float:
        """Push's average stock divided by pull's, at the same fill rate."""
        return self.push.mean_stock_units / max(self.pull.mean_stock_units, 1e-12)


def forecast_vs_pull(
    demand_per_day: float = 20.0,
    demand_cv: float = 0.3,
    forecast_error: float = 0.25,
    lead_time_days: int = 5,
    plan_every_days: int = 5,
    days: int = 400,
    fill_rate: float = 0.95,
    unit_cost: float = 50.0,
    seed: int = 1,
) -> ForecastVsPull:
    """Forecast push against demand pull, each with just enough stock for the same fill rate.

    Customers order ``demand_per_day`` units a day on average (gamma, ``demand_cv``).
    Production takes ``lead_time_days`` from release to the finished-goods shelf.

    - **Demand pull** (kanban): every unit sold today releases one unit today.
    - **Forecast push** (a planning cycle): every ``plan_every_days`` a planner forecasts
      the daily rate, off by a normal error of ``forecast_error`` x the true mean
      (0.25 = 25%), nets it against stock and pipeline, and releases that plan evenly.

    Service level is the **fill rate**: the share of units shipped from stock on the day
    they were ordered (the rest is backordered). For each policy the smallest safety
    buffer that reaches ``fill_rate`` over the same demand is found by bisection; a buffer
    shifts the stock path one for one, so both policies face exactly the same customers.
    The first 50 days are warm-up. With no forecast error and a daily plan, push and pull
    coincide: the gap comes from the signal, not from the arithmetic.

    On the shop floor: pull makes what was sold; push makes what someone expected to
    sell, and pays for the difference in stock.

    Parameters
    ----------
    demand_per_day : float
        Mean units ordered per day, in (0, 100000] (default 20).
    demand_cv : float
        Day-to-day coefficient of variation of demand, in [0, 3] (default 0.3).
    forecast_error : float
        Standard deviation of the forecast error as a share of mean demand, [0, 2]
        (default 0.25).
    lead_time_days : int
        Days from release to finished goods, 1..60 (default 5).
    plan_every_days : int
        Days between forecast plans, 1..60 (default 5: a weekly plan).
    days : int
        Days observed after a 50-day warm-up, 50..20000 (default 400).
    fill_rate : float
        Target share of demand served from stock, in [0.5, 0.999] (default 0.95).
    unit_cost : float
        Money tied up per unit on the shelf, in [0, 1e9] (default 50).
    seed : int
        Seed (a whole number >= 0).

    Returns
    -------
    ForecastVsPull
        Both policies at their buffers: stock, cash, stock-out days, paths.

    Examples
    --------
    >>> cmp = forecast_vs_pull(forecast_error=0.25, seed=1)
    >>> round(cmp.push.fill_rate, 3), round(cmp.pull.fill_rate, 3)
    (0.95, 0.95)
    >>> cmp.push.mean_stock_units > cmp.pull.mean_stock_units
    True
    """
    mu = _real_in("demand_per_day", demand_per_day, 0.0, 1e5, low_open=True)
    dcv = _cv("demand_cv", demand_cv)
    ferr = _real_in("forecast_error", forecast_error, 0.0, 2.0)
    lead = _int_in("lead_time_days", lead_time_days, 1, 60)
    period = _int_in("plan_every_days", plan_every_days, 1, 60)
    days = _int_in("days", days, 50, MAX_DAYS)
    target = _real_in("fill_rate", fill_rate, 0.5, 0.999)
    cost = _real_in("unit_cost", unit_cost, 0.0, 1e9)
    seed = _seed(seed)
    warm = 50
    total = days + warm
    rng = np.random.default_rng(seed)
    if dcv == 0:
        demand = np.full(total, mu)
    else:
        shape = 1.0 / dcv**2
        demand = rng.gamma(shape, mu / shape, size=total)
    errors = (
        rng.normal(0.0, ferr, size=total // period + 2)
        if ferr > 0
        else np.zeros(total // period + 2)
    )
    rate = np.maximum(mu * (1.0 + errors), 0.0)
    d_obs = demand[warm:]
    policies = {}
    for name in ("push", "pull"):
        avail, net, release = _ledger(demand, rate, lead, period, mu, name)
        avail, net, release = avail[warm:], net[warm:], release[warm:]
        buf = _buffer_for(target, d_obs, avail)
        stock = np.maximum(buf + net, 0.0)
        short = np.maximum(buf + avail, 0.0) < d_obs - 1e-9
        policies[name] = StockPolicy(
            buffer_units=buf,
            fill_rate=_fill_rate(buf, d_obs, avail),
            mean_stock_units=float(stock.mean()),
            cash_tied=float(stock.mean() * cost),
            stockout_days=int(np.count_nonzero(short)),
            stock_path=_frozen(stock),
            release=_frozen(release),
        )
    return ForecastVsPull(
        demand_per_day=mu,
        demand_cv=dcv,
        forecast_error=ferr,
        lead_time_days=lead,
        plan_every_days=period,
        days=days,
        fill_rate_target=target,
        unit_cost=cost,
        demand=_frozen(d_obs),
        push=policies["push"],
        pull=policies["pull"],
    )


def plot_forecast_vs_pull(cmp: ForecastVsPull, show_days: int = 120) -> go.Figure:
    """Finished goods over time for forecast push and demand pull at the same fill rate,
    and the average stock and cash each ties up.

    Parameters
    ----------
    cmp : ForecastVsPull
        From :func:`forecast_vs_pull`.
    show_days : int
        Days of the stock path to draw, 10..days (default 120).

    Returns
    -------
    plotly.graph_objects.Figure
        Left: units on the shelf per day (push grey, pull blue). Right: average stock bars
        labelled with the cash tied up.

    Examples
    --------
    >>> fig = plot_forecast_vs_pull(forecast_vs_pull(seed=1))
    >>> [t.name for t in fig.data]
    ['forecast push', 'demand pull', 'average stock']
    """
    if not isinstance(cmp, ForecastVsPull):
        raise ValueError(f"cmp must be a ForecastVsPull from forecast_vs_pull, got {type(cmp)}")
    n = _int_in("show_days", show_days, 10, MAX_DAYS)
    n = min(n, cmp.days)
    day = np.arange(1, n + 1)
    fig = make_subplots(
        rows=1,
        cols=2,
        column_widths=[0.66, 0.34],
        horizontal_spacing=0.1,
        subplot_titles=(
            f"Finished goods on the shelf, first {n} days",
            f"Average stock (fill rate {cmp.fill_rate_target:.0%} for both)",
        ),
    )
    for name, pol, color in (
        ("forecast push", cmp.push, PRODUCTION_COLOR),
        ("demand pull", cmp.pull, DEMAND_COLOR),
    ):
        fig.add_trace(
            go.Scatter(
                x=day,
                y=pol.stock_path[:n],
                mode="lines",
                name=name,
                line={"color": color, "width": 2},
                hovertemplate=f"{name}, day %{{x}}: %{{y:.0f}} units<extra></extra>",
            ),
            row=1,
            col=1,
        )
    means = [cmp.push.mean_stock_units, cmp.pull.mean_stock_units]
    cash = [cmp.push.cash_tied, cmp.pull.cash_tied]
    fig.add_trace(
        go.Bar(
            x=["forecast push", "demand pull"],
            y=means,
            name="average stock",
            marker_color=[PRODUCTION_COLOR, DEMAND_COLOR],
            # one "$" per label string: plotly would typeset "$...$" as LaTeX
            text=[f"{u:.0f} units<br>${c:,.0f}" for u, c in zip(means, cash)],
            textposition="outside",
            cliponaxis=False,
            showlegend=False,
            hovertemplate="%{x}: %{y:.1f} units on average<extra></extra>",
        ),
        row=1,
        col=2,
    )
    top = max(float(cmp.push.stock_path[:n].max()), float(cmp.pull.stock_path[:n].max()))
    fig.update_yaxes(title_text="units on the shelf", range=[0, top * 1.1 + 1], row=1, col=1)
    fig.update_yaxes(title_text="units (average)", range=[0, max(means) * 1.35 + 1], row=1, col=2)
    fig.update_xaxes(title_text="day", row=1, col=1)
    fig.update_layout(
        title={
            "text": (
                f"Same service, {cmp.stock_ratio:.1f}x the stock: forecast push "
                f"(error {cmp.forecast_error:.0%}, plan every {cmp.plan_every_days} d) "
                "vs demand pull"
            ),
            "font": {"size": 16},
        },
        height=420,
        margin={"t": 80, "b": 60, "l": 60, "r": 20},
        legend={"orientation": "h", "y": -0.2},
        shapes=[],
    )
    return fig


def forecast_vs_pull_explorer(
    demand_per_day: float = 20.0,
    demand_cv: float = 0.3,
    forecast_error: float = 0.25,
    lead_time_days: int = 5,
    plan_every_days: int = 5,
    fill_rate: float = 0.95,
    unit_cost: float = 50.0,
    seed: int = 1,
) -> widgets.VBox:
    """Sliders for the forecast error and the planning cycle; both policies re-tuned live.

    Parameters
    ----------
    demand_per_day, demand_cv, lead_time_days, fill_rate, unit_cost, seed
        As in :func:`forecast_vs_pull`.
    forecast_error : float
        Starting forecast error (slider 0..0.6).
    plan_every_days : int
        Starting planning cycle in days (slider 1..20).

    Returns
    -------
    ipywidgets.VBox
        Two sliders, the figure and a sentence with stock, cash and stock-out days.

    Examples
    --------
    >>> box = forecast_vs_pull_explorer()
    >>> box.error_slider.value = 0.0
    >>> box.plan_slider.value = 1
    >>> "same stock" in box.message.value
    True
    """
    base = forecast_vs_pull(
        demand_per_day,
        demand_cv,
        forecast_error,
        lead_time_days,
        plan_every_days,
        400,
        fill_rate,
        unit_cost,
        seed,
    )
    error = widgets.FloatSlider(
        value=min(round(base.forecast_error * 20) / 20, 0.6),
        min=0.0,
        max=0.6,
        step=0.05,
        description="Forecast error",
        style={"description_width": "initial"},
        readout_format=".0%",
        continuous_update=False,
    )
    plan = widgets.IntSlider(
        value=min(base.plan_every_days, 20),
        min=1,
        max=20,
        description="Plan every (days)",
        style={"description_width": "initial"},
        continuous_update=False,
    )
    fw = figure_widget(plot_forecast_vs_pull(base))
    note = message_area()

    def update(change: dict | None = None) -> None:
        cmp = forecast_vs_pull(
            base.demand_per_day,
            base.demand_cv,
            error.value,
            base.lead_time_days,
            plan.value,
            base.days,
            base.fill_rate_target,
            base.unit_cost,
            seed,
        )
        refresh(fw, plot_forecast_vs_pull(cmp))
        extra = cmp.push.mean_stock_units - cmp.pull.mean_stock_units
        if abs(extra) < 0.5:
            text = (
                "Perfect forecast, daily plan: push and pull hold the same stock "
                f"({cmp.pull.mean_stock_units:.0f} units). The signal is what differs."
            )
            kind = "info"
        else:
            text = (
                f"At a {cmp.fill_rate_target:.0%} fill rate, forecast push holds "
                f"{cmp.push.mean_stock_units:.0f} units ({cmp.push.cash_tied:,.0f} in cash), pull "
                f"{cmp.pull.mean_stock_units:.0f} ({cmp.pull.cash_tied:,.0f}); stock-out days: "
                f"{cmp.push.stockout_days} vs {cmp.pull.stockout_days} of {cmp.days}."
            )
            kind = "warn" if extra > 0 else "good"
        say(note, text, kind)

    update()
    error.observe(guarded(update, note), names="value")
    plan.observe(guarded(update, note), names="value")
    box = widgets.VBox([widgets.HBox([error, plan]), fw, note])
    box.error_slider = error
    box.plan_slider = plan
    box.figure = fw
    box.message = note
    return box


# ----------------------------------------------------------------------------- 4. pull in sales


@dataclass(frozen=True)
class PullInSales:
    """A sales funnel with a cap on open deals, against the same funnel fed as leads come,
    as the chance that a deal abandons at each stage grows.

    Attributes
    ----------
    stage_days, cv, wip_cap, replications
        The settings.
    abandon_per_stage : ndarray
        Chance a deal is lost after each stage, one value per level.
    leads_per_day : ndarray
        Deals started per day under the cap (the uncapped funnel is fed the same rate).
    wins_per_day_capped, wins_per_day_uncapped : ndarray
        Deals won per day.
    open_deals_capped, open_deals_uncapped : ndarray
        Time-average open deals (WIP), with ``open_deals_uncapped_ci`` its 95% half-width.
    leads_per_win : ndarray
        Deals started per deal won, ``1 / (1 - p)^stages``.
    effort_on_lost : ndarray
        Share of the team's working time spent on deals that were lost (capped funnel).
    closer_utilization, first_stage_utilization : ndarray
        Busy share of the last and the first stage (capped funnel).
    little_holds : bool
        Little's law held (all exits counted) in every run.
    """

    stage_days: tuple
    cv: float
    wip_cap: int
    replications: int
    abandon_per_stage: np.ndarray
    leads_per_day: np.ndarray
    wins_per_day_capped: np.ndarray
    wins_per_day_uncapped: np.ndarray
    open_deals_capped: np.ndarray
    open_deals_uncapped: np.ndarray
    open_deals_uncapped_ci: np.ndarray
    leads_per_win: np.ndarray
    effort_on_lost: np.ndarray
    closer_utilization: np.ndarray
    first_stage_utilization: np.ndarray
    little_holds: bool

    @property
    def open_deals_saved(self) -> np.ndarray:
        """Share of open deals the cap saves at the same wins: 1 - capped / uncapped."""
        return 1.0 - self.open_deals_capped / self.open_deals_uncapped


def _effort_on_lost(run: LineResult) -> float:
    counted = np.arange(run.release_times.size) >= run.warmup
    s = run.service_times[:, counted]
    stop = run.dropped_at[counted]
    reached = np.arange(s.shape[0])[:, None] <= np.where(stop < 0, s.shape[0], stop)[None, :]
    work = np.where(reached, s, 0.0)
    total = float(work.sum())
    return float(work[:, stop >= 0].sum() / total) if total > 0 else 0.0


def pull_in_sales(
    stage_days: Sequence[float] = (2.0, 2.0, 2.0, 2.0),
    cv: float = 1.0,
    wip_cap: int = 6,
    abandon_per_stage: Sequence[float] = (0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3),
    replications: int = 4,
    jobs_per_run: int = 2000,
    seed: int = 1,
) -> PullInSales:
    """What is left of pull in a sales funnel where deals abandon midway?

    For each abandonment level ``p`` (chance a deal is lost after each stage), the funnel
    runs as CONWIP with ``wip_cap`` open deals (a dropped deal frees its slot at once), and
    as push, fed with the capped funnel's own lead rate, so both win the same deals per
    day. Reported: open deals carried by each, wins per day, leads needed per win, the
    share of effort spent on deals that were lost, and how busy the first and last
    stages are.

    On the sales floor: an inquiry is not a firm order. Pull still trims the queue, but
    the cap also limits how many opportunities are worked, and with abandonment the
    scarce thing is opportunities, not capacity.

    Parameters
    ----------
    stage_days : sequence of float
        Mean working days per deal at each stage, each in (0, 10000]; 1..20 stages
        (default four stages of 2 days, one person each).
    cv : float
        Coefficient of variation of the time a deal takes at a stage, [0, 3] (default 1).
    wip_cap : int
        Most open deals the capped funnel carries, 1..200 (default 6).
    abandon_per_stage : sequence of float
        Abandonment levels to compare, each in [0, 0.6]; 1..12 levels
        (default 0%, 5%, ..., 30%, as in the lesson's explorer).
    replications : int
        Independent runs per level and policy, 1..20 (default 4).
    jobs_per_run : int
        Deals per run, 200..20000 (default 2000); a tenth is warm-up.
    seed : int
        Seed (a whole number >= 0).

    Returns
    -------
    PullInSales
        One value per abandonment level for each measure.

    Examples
    --------
    >>> sales = pull_in_sales(abandon_per_stage=[0.0, 0.2], replications=1)
    >>> sales.leads_per_win.round(2).tolist()
    [1.0, 2.44]
    """
    times = _times("stage_days", stage_days)
    cv = _cv("cv", cv)
    cap = _int_in("wip_cap", wip_cap, 1, 200)
    if isinstance(abandon_per_stage, (str, bytes)) or not isinstance(
        abandon_per_stage, (Sequence, np.ndarray)
    ):
        raise ValueError(
            f"abandon_per_stage must be a list of 1..12 chances in [0, 0.6], "
            f"got {abandon_per_stage!r}"
        )
    if not 1 <= len(abandon_per_stage) <= 12:
        raise ValueError(f"abandon_per_stage must list 1..12 levels, got {len(abandon_per_stage)}")
    levels = [_real_in("each of abandon_per_stage", p, 0.0, 0.6) for p in abandon_per_stage]
    reps = _int_in("replications", replications, 1, 20)
    jobs = _int_in("jobs_per_run", jobs_per_run, 200, MAX_JOBS_PER_RUN)
    seed = _seed(seed)
    _check_work(2 * reps * jobs * len(levels))
    return _sales_cached(times, cv, cap, tuple(levels), reps, jobs, seed)


@functools.lru_cache(maxsize=16)
def _sales_cached(
    times: tuple, cv: float, cap: int, levels: tuple, reps: int, jobs: int, seed: int
) -> PullInSales:
    seeds = np.random.SeedSequence(seed).generate_state(2 * reps * len(levels), dtype=np.uint64)
    n = len(levels)
    out = {k: np.zeros(n) for k in ("lead", "wc", "wu", "oc", "ou", "ouci", "lost", "u_last")}
    out["u_first"] = np.zeros(n)
    little = True
    for i, p in enumerate(levels):
        capped = []
        for k in range(reps):
            capped.append(
                simulate_line(
                    times,
                    1,
                    cv,
                    release="conwip",
                    wip_cap=cap,
                    dropout=p,
                    n_jobs=jobs,
                    seed=int(seeds[2 * reps * i + k]),
                )
            )
        starts = [
            np.count_nonzero((r.release_times > r.window_start) & (r.release_times <= r.window_end))
            / (r.window_end - r.window_start)
            for r in capped
        ]
        lead = float(np.mean(starts))
        free = [
            simulate_line(
                times,
                1,
                cv,
                release="push",
                arrival_rate=lead,
                dropout=p,
                n_jobs=jobs,
                seed=int(seeds[2 * reps * i + reps + k]),
            )
            for k in range(reps)
        ]
        little = little and all(little_check(r).holds for r in capped + free)
        out["lead"][i] = lead
        out["wc"][i] = np.mean([r.throughput for r in capped])
        out["wu"][i] = np.mean([r.throughput for r in free])
        out["oc"][i] = np.mean([r.wip for r in capped])
        mean_u, half_u = _ci(np.array([r.wip for r in free]))
        out["ou"][i], out["ouci"][i] = mean_u, half_u
        out["lost"][i] = np.mean([_effort_on_lost(r) for r in capped])
        out["u_last"][i] = np.mean([r.utilization[-1] for r in capped])
        out["u_first"][i] = np.mean([r.utilization[0] for r in capped])
    p_arr = np.array(levels)
    return PullInSales(
        stage_days=times,
        cv=cv,
        wip_cap=cap,
        replications=reps,
        abandon_per_stage=_frozen(p_arr),
        leads_per_day=_frozen(out["lead"]),
        wins_per_day_capped=_frozen(out["wc"]),
        wins_per_day_uncapped=_frozen(out["wu"]),
        open_deals_capped=_frozen(out["oc"]),
        open_deals_uncapped=_frozen(out["ou"]),
        open_deals_uncapped_ci=_frozen(out["ouci"]),
        leads_per_win=_frozen(1.0 / (1.0 - p_arr) ** len(times)),
        effort_on_lost=_frozen(out["lost"]),
        closer_utilization=_frozen(out["u_last"]),
        first_stage_utilization=_frozen(out["u_first"]),
        little_holds=little,
    )


def plot_pull_in_sales(sales: PullInSales, highlight: float | None = None) -> go.Figure:
    """Pull in a sales funnel: open deals saved by the cap, and what the cap costs in wins,
    as abandonment grows.

    Parameters
    ----------
    sales : PullInSales
        From :func:`pull_in_sales`.
    highlight : float, optional
        An abandonment level to mark (the nearest level computed is marked).

    Returns
    -------
    plotly.graph_objects.Figure
        Left: the share of open deals the cap saves at the same wins (green, 95% CI).
        Right: deals won per 20 working days with the cap (blue) and leads needed per win
        (red).

    Examples
    --------
    >>> fig = plot_pull_in_sales(pull_in_sales(abandon_per_stage=[0, 0.2], replications=1))
    >>> len(fig.data)
    5
    """
    if not isinstance(sales, PullInSales):
        raise ValueError(f"sales must be a PullInSales from pull_in_sales, got {type(sales)}")
    p = sales.abandon_per_stage
    if highlight is None:
        i = 0
    else:
        h = _real_in("highlight", highlight, 0.0, 1.0)
        i = int(np.argmin(np.abs(p - h)))
    x = 100 * p
    fig = make_subplots(
        rows=1,
        cols=2,
        horizontal_spacing=0.14,
        specs=[[{}, {"secondary_y": True}]],
        subplot_titles=(
            "Pull's queue advantage: open deals saved",
            "What the sales team feels: wins and leads needed",
        ),
    )
    saved_pct = 100 * sales.open_deals_saved
    # CI of 1 - capped/uncapped from the uncapped CI (the capped funnel holds exactly wip_cap)
    saved_ci = 100 * sales.open_deals_capped / sales.open_deals_uncapped**2
    saved_ci = saved_ci * sales.open_deals_uncapped_ci
    fig.add_trace(
        go.Scatter(
            x=x,
            y=saved_pct,
            mode="lines+markers",
            name=f"open deals saved by a cap of {sales.wip_cap} (same wins)",
            line={"color": GOOD_COLOR, "width": 3},
            error_y={"type": "data", "array": saved_ci, "visible": True},
            hovertemplate="abandon %{x:.0f}%/stage: %{y:.0f}% fewer open deals<extra></extra>",
        ),
        row=1,
        col=1,
    )
    month = 20.0  # working days
    fig.add_trace(
        go.Scatter(
            x=x,
            y=sales.wins_per_day_capped * month,
            mode="lines+markers",
            name="deals won per month (cap)",
            line={"color": DEMAND_COLOR, "width": 3},
            hovertemplate="abandon %{x:.0f}%/stage: %{y:.1f} wins/month<extra></extra>",
        ),
        row=1,
        col=2,
        secondary_y=False,
    )
    fig.add_trace(
        go.Scatter(
            x=x,
            y=sales.leads_per_win,
            mode="lines+markers",
            name="leads needed per win",
            line={"color": BAD_COLOR, "width": 2, "dash": "dash"},
            hovertemplate="abandon %{x:.0f}%/stage: %{y:.1f} leads per win<extra></extra>",
        ),
        row=1,
        col=2,
        secondary_y=True,
    )
    for col, y in ((1, saved_pct[i]), (2, sales.wins_per_day_capped[i] * month)):
        fig.add_trace(
            go.Scatter(
                x=[x[i]],
                y=[y],
                mode="markers",
                marker={"size": 16, "color": "rgba(0,0,0,0)", "line": {"width": 2.5}},
                showlegend=False,
                hoverinfo="skip",
            ),
            row=1,
            col=col,
        )
    saved = sales.open_deals_saved[i]
    fig.update_layout(
        title={
            "text": (
                f"At {x[i]:.0f}% abandonment per stage: the cap carries {saved:.0%} fewer open "
                f"deals, but wins fall to {sales.wins_per_day_capped[i] * month:.1f} a month"
            ),
            "font": {"size": 15},
        },
        height=440,
        margin={"t": 80, "b": 60, "l": 60, "r": 60},
        legend={"orientation": "h", "y": -0.22},
        shapes=[],
    )
    fig.update_xaxes(title_text="chance a deal is lost at each stage (%)")
    fig.update_yaxes(title_text="fewer open deals than no cap (%)", range=[0, 100], row=1, col=1)
    fig.update_yaxes(
        title_text="deals won per month",
        range=[0, float(sales.wins_per_day_capped.max()) * month * 1.15 + 0.1],
        row=1,
        col=2,
        secondary_y=False,
    )
    fig.update_yaxes(
        title_text="leads per win",
        range=[0, float(sales.leads_per_win.max()) * 1.15],
        row=1,
        col=2,
        secondary_y=True,
        showgrid=False,
        tickmode="auto",
        tickformat=".0f",
    )
    return fig


def pull_in_sales_explorer(
    stage_days: Sequence[float] = (2.0, 2.0, 2.0, 2.0),
    cv: float = 1.0,
    wip_cap: int = 6,
    seed: int = 1,
) -> widgets.VBox:
    """An abandonment slider over the sales-funnel comparison (levels 0..30%, computed once,
    with :func:`pull_in_sales`'s defaults, so the numbers match a plain call).

    Parameters
    ----------
    stage_days, cv, wip_cap, seed
        As in :func:`pull_in_sales`.

    Returns
    -------
    ipywidgets.VBox
        The slider, the figure and a sentence on what the sales team would feel.

    Examples
    --------
    >>> box = pull_in_sales_explorer()
    >>> box.abandon_slider.value = 0.3
    >>> "leads" in box.message.value
    True
    """
    sales = pull_in_sales(stage_days, cv, wip_cap, seed=seed)  # the lesson's default levels
    levels = tuple(float(p) for p in sales.abandon_per_stage)
    slider = widgets.SelectionSlider(
        options=[(f"{100 * p:.0f}%", p) for p in levels],
        value=0.0,
        description="Deals lost per stage",
        style={"description_width": "initial"},
        continuous_update=True,
    )
    fw = figure_widget(plot_pull_in_sales(sales, 0.0))
    note = message_area()

    def update(change: dict | None = None) -> None:
        p = float(slider.value)
        refresh(fw, plot_pull_in_sales(sales, p))
        i = int(np.argmin(np.abs(sales.abandon_per_stage - p)))
        say(
            note,
            f"{100 * p:.0f}% lost per stage: {sales.leads_per_win[i]:.1f} leads per win; "
            f"{sales.effort_on_lost[i]:.0%} of the team's time goes into deals that are lost; "
            f"closers are busy {sales.closer_utilization[i]:.0%} of the time while qualifying "
            f"runs at {sales.first_stage_utilization[i]:.0%}.",
            "warn" if p > 0 else "info",
        )

    update()
    slider.observe(guarded(update, note), names="value")
    box = widgets.VBox([slider, fw, note])
    box.abandon_slider = slider
    box.figure = fw
    box.message = note
    box.result = sales
    return box
