"""Little's law checked on one run of the flow engine, with the run's own tolerance."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ...engine import LineResult
from .inputs import result_of


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
    result_of("result", result, LineResult, "simulate_line")
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
