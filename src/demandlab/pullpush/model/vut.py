"""Kingman's VUT curve: how long a job waits at one station as the station gets busier,
for a few process-time cvs, with simulated points to check it (Hopp & Spearman,
*Factory Physics*, ch. 8: queue time = Variability x Utilisation x Time).

With random (Poisson) arrivals Kingman's formula is exact for any process-time
distribution (it is then the Pollaczek-Khinchine formula), so each simulated point
should sit on its curve within the run's own 95% confidence interval. Two limits of that
check: each point is its own 95% test (nine of them all pass about 63% of the time for a
perfect model), and a run starts empty, so at 90-95% busy with short runs (e.g. cv 1.5,
1,000 jobs) the warm-up tenth is too short and the simulated mean sits below the curve.
The lesson's settings (0.5-0.85 busy, the scenario's run length) are clear of both.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from ...checks import frozen, in_range, sequence, whole
from ...checks import seed as check_seed
from ...engine import kingman_queue_time, simulate_line
from ...engine.scenarios import takes_scenario
from ...engine.stats import mean_ci
from ..scenario import SCENARIO, PullPushScenario
from .inputs import MAX_JOBS_PER_RUN, MAX_TIME, check_work, run_seeds
from .inputs import cv as check_cv

MAX_CURVES = 6  # cvs in one call
MAX_POINTS = 8  # simulated utilisations in one call
MAX_UTILISATION = 0.95  # busiest simulated station: beyond it a run never settles
# vut_curve's parameters, in order, and the fields of the lesson's scenario they set.
VUT_SETTINGS = {
    "cvs": "vut_cvs",
    "process_time": "vut_process_hours",
    "sim_utilisations": "vut_sim_utilisations",
    "replications": "vut_replications",
    "jobs_per_run": "vut_jobs_per_run",
    "seed": "seed",
}


@dataclass(frozen=True)
class VutCurve:
    """Queue time at one station against its utilisation, by Kingman and by simulation.

    Attributes
    ----------
    process_time : float
        Mean time a job takes at the station (hours).
    cvs : tuple of float
        Process-time cvs, one curve each (arrivals are random: arrival cv 1).
    utilisation : ndarray
        Busy shares the curves are drawn at (0 .. 0.95).
    kingman : ndarray, shape (len(cvs), len(utilisation))
        Kingman's queue time, hours.
    sim_utilisation : ndarray
        Busy shares simulated.
    sim_queue_time, sim_ci : ndarray, shape (len(cvs), len(sim_utilisation))
        Mean simulated queue time over the runs and its 95% half-width, hours.
    sim_kingman : ndarray, shape like ``sim_queue_time``
        Kingman's queue time at the simulated points.
    replications : int
        Runs per simulated point.
    """

    process_time: float
    cvs: tuple
    utilisation: np.ndarray
    kingman: np.ndarray
    sim_utilisation: np.ndarray
    sim_queue_time: np.ndarray
    sim_ci: np.ndarray
    sim_kingman: np.ndarray
    replications: int

    @property
    def within_ci(self) -> np.ndarray:
        """Per simulated point: Kingman's value lies inside the run's 95% interval."""
        return np.abs(self.sim_queue_time - self.sim_kingman) <= self.sim_ci


@takes_scenario(SCENARIO, VUT_SETTINGS)
def vut_curve(s: PullPushScenario) -> VutCurve:
    """How long does a job wait at one station as it gets busier?

    Kingman's curve ``wait = (1 + cv^2) / 2 x u / (1 - u) x process time`` for each
    process-time ``cv`` (random arrivals), and the same station simulated at a few
    utilisations ``u``, each point replicated for a 95% confidence interval.

    Parameters
    ----------
    cvs : sequence of float
        Process-time cvs, 1..6 values in [0, 3] (default 0.5, 1 and 1.5).
    process_time : float
        Mean hours a job takes, (0, 10000] (default 2).
    sim_utilisations : sequence of float
        Busy shares to simulate, 1..8 values in [0.05, 0.95] (default 50%, 70%, 85%).
    replications : int
        Runs per simulated point, 2..20 (default 8).
    jobs_per_run : int
        Jobs per run, 200..20000 (default 5000); a tenth is warm-up.
    seed : int
        Seed (a whole number >= 0).
    scenario : PullPushScenario, optional
        A whole lesson scenario (default ``SCENARIO``); the arguments named go on top.

    Returns
    -------
    VutCurve

    Examples
    --------
    >>> v = vut_curve(cvs=[1.0], sim_utilisations=[0.5], replications=2, jobs_per_run=500)
    >>> round(float(v.sim_kingman[0, 0]), 3)  # M/M/1 at 50% busy: waits one process time
    2.0
    """
    c = tuple(check_cv("each of cvs", x) for x in sequence("cvs", s.vut_cvs, 1, MAX_CURVES))
    te = in_range("process_time", s.vut_process_hours, 1e-6, MAX_TIME)
    us = tuple(
        in_range("each of sim_utilisations", u, 0.05, MAX_UTILISATION)
        for u in sequence("sim_utilisations", s.vut_sim_utilisations, 1, MAX_POINTS)
    )
    reps = whole("replications", s.vut_replications, 2, 20)
    jobs = whole("jobs_per_run", s.vut_jobs_per_run, 200, MAX_JOBS_PER_RUN)
    seed = check_seed(s.seed)
    check_work(len(c) * len(us) * reps * jobs)
    return _vut_cached(c, te, us, reps, jobs, seed)


@functools.lru_cache(maxsize=8)
def _vut_cached(cvs: tuple, te: float, us: tuple, reps: int, jobs: int, seed: int) -> VutCurve:
    grid = np.linspace(0.0, MAX_UTILISATION, 39)
    kingman = np.array([kingman_queue_time(te, grid / te, cv=c) for c in cvs])
    seeds = run_seeds(seed, len(cvs) * len(us) * reps)
    sim = np.zeros((len(cvs), len(us)))
    half = np.zeros_like(sim)
    for i, c in enumerate(cvs):
        for j, u in enumerate(us):
            start = (i * len(us) + j) * reps
            waits = [
                simulate_line(te, 1, c, arrival_rate=u / te, n_jobs=jobs, seed=s).queue_time[0]
                for s in seeds[start : start + reps]
            ]
            sim[i, j], half[i, j] = mean_ci(np.array(waits))
    u_arr = np.array(us)
    return VutCurve(
        process_time=te,
        cvs=cvs,
        utilisation=frozen(grid),
        kingman=frozen(kingman),
        sim_utilisation=frozen(u_arr),
        sim_queue_time=frozen(sim),
        sim_ci=frozen(half),
        sim_kingman=frozen([kingman_queue_time(te, u_arr / te, cv=c) for c in cvs]),
        replications=reps,
    )
