"""Lesson 03, pull vs push: the plant, the shelf and the sales team, as plain data.

This is the one file to edit to adapt the lesson (the models, figures and widgets read
their defaults from here). After a change, re-run the notebook's checked cells
(``make execute-notebooks NB=notebooks/03-pull-vs-push.ipynb``) and update the numbers the
notebook and instructors/03-pull-vs-push.md state: tests/test_pullpush.py compares them
with this file.

The plant's line is Penny Fab One (Hopp & Spearman, *Factory Physics*, ch. 7); the
shelf is a product with a fixed production lead time; the sales team works deals
through a funnel of stages (course source 002: an inquiry is not a firm order).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..checks import Replaceable


@dataclass(frozen=True)
class PullPushScenario(Replaceable):
    """The lesson's settings for its five experiments, one frozen value.

    ``run_laws``, ``run_race``, ``run_shelf``, ``run_sales`` and ``run_vut`` take it whole;
    the named functions (``laws_of_the_line(cv=0.5)``, ...) take the same settings by
    name, with the lesson's values as defaults. Change one with :meth:`replace`. The
    models check every value when they run.

    Examples
    --------
    >>> SCENARIO.replace(cv=0.5).cv, SCENARIO.wip_cap
    (0.5, 6)
    """

    # The plant's line: Penny Fab One.
    # mean hours a job takes at each of the 4 stations
    process_times_hours: tuple = (2.0, 2.0, 2.0, 2.0)
    # identical machines per station (one number for all, or one per station)
    machines: int | tuple = 1
    cv: float = 1.0  # coefficient of variation of process times: 0 constant, 1 exponential
    seed: int = 1  # seed of every experiment: the same seed replays the same run
    # The laws of the line: a CONWIP line simulated at WIP = 1, 2, ... cards.
    laws_jobs_per_point: int = 1500  # jobs simulated at each WIP level (a tenth is warm-up)
    # Push vs CONWIP at the same output.
    wip_cap: int = 6  # CONWIP cards: jobs allowed in the line at once
    replications: int = 5  # independent runs of each policy, for the 95% confidence intervals
    jobs_per_run: int = 2000  # jobs in each run (a tenth is warm-up)
    # Forecast push vs demand pull: the finished-goods shelf.
    demand_per_day: float = 20.0  # units customers order per day, on average
    demand_cv: float = 0.3  # day-to-day coefficient of variation of demand
    forecast_error: float = 0.25  # sd of the forecast error, as a share of mean demand
    lead_time_days: int = 5  # days from release to production until the unit is on the shelf
    plan_every_days: int = 5  # days between forecast plans: a weekly plan (5 working days)
    days: int = 400  # days observed after the warm-up
    fill_rate: float = 0.95  # share of units to ship from stock on the day they are ordered
    unit_cost: float = 50.0  # dollars tied up per unit on the shelf
    # Pull in sales: a funnel where deals can be lost after each stage.
    # mean working days a deal spends at each of the 4 stages
    stage_days: tuple = (2.0, 2.0, 2.0, 2.0)
    sales_cv: float = 1.0  # coefficient of variation of the days a deal takes at a stage
    sales_wip_cap: int = 6  # most open deals the capped (pull) team works at once
    # chances a deal is lost after each stage, one level each
    abandon_per_stage: tuple = (0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3)
    sales_replications: int = 4  # independent runs per abandonment level and policy
    sales_jobs_per_run: int = 2000  # deals in each run (a tenth is warm-up)
    # Kingman's VUT curve: one station (a job takes 2 hours on average), Poisson arrivals.
    vut_process_hours: float = 2.0  # mean hours a job takes at the station
    vut_cvs: tuple = (0.5, 1.0, 1.5)  # process-time cvs drawn as curves (1 is exponential)
    vut_sim_utilisations: tuple = (0.5, 0.7, 0.85)  # busy shares simulated as dots
    vut_replications: int = 8  # independent runs per dot, for its 95% confidence interval
    vut_jobs_per_run: int = 5_000  # jobs in each run (a tenth is warm-up)


# The lesson's scenario: the models' defaults (engine.scenarios.takes_scenario). The names
# below repeat some of its values for the report, the question bank and the tests.
SCENARIO = PullPushScenario()

# The plant's line: Penny Fab One.
PROCESS_TIMES_HOURS = SCENARIO.process_times_hours
MACHINES = SCENARIO.machines
CV = SCENARIO.cv
SEED = SCENARIO.seed

# Penny Fab Two (Factory Physics, ch. 7): an unbalanced line with parallel machines, to try.
PENNY_FAB_TWO_HOURS = (2.0, 5.0, 10.0, 3.0)  # mean hours a job takes at each station
PENNY_FAB_TWO_MACHINES = (1, 2, 6, 2)  # machines at each station

# The laws of the line: a CONWIP line simulated at WIP = 1, 2, ... cards.
LAWS_JOBS_PER_POINT = SCENARIO.laws_jobs_per_point
LAWS_MIN_WIP_SHOWN = 12  # cards: by default WIP runs up to at least this many ...
LAWS_WIP_PER_CRITICAL_WIP = 3  # ... or to this many times the critical WIP W0, if more

# The explorers' variability slider (laws of the line, push vs CONWIP).
CV_SLIDER_MAX = 2.0  # largest cv on the slider: a very erratic line
CV_SLIDER_STEP = 0.25  # cv step of the slider

# Push vs CONWIP at the same output.
WIP_CAP = SCENARIO.wip_cap
REPLICATIONS = SCENARIO.replications
JOBS_PER_RUN = SCENARIO.jobs_per_run
CARDS_SLIDER_MAX = 24  # most CONWIP cards on the explorer's slider

# Forecast push vs demand pull: the finished-goods shelf.
DEMAND_PER_DAY = SCENARIO.demand_per_day
DEMAND_CV = SCENARIO.demand_cv
FORECAST_ERROR = SCENARIO.forecast_error
LEAD_TIME_DAYS = SCENARIO.lead_time_days
PLAN_EVERY_DAYS = SCENARIO.plan_every_days
DAYS = SCENARIO.days
WARM_UP_DAYS = 50  # days simulated first and not counted
FILL_RATE = SCENARIO.fill_rate
UNIT_COST = SCENARIO.unit_cost
SHOW_DAYS = 120  # days of the stock path the figure draws
ERROR_SLIDER_MAX = 0.6  # largest forecast error on the explorer's slider (60%)
ERROR_SLIDER_STEP = 0.05  # forecast error step of the slider (5 points)
PLAN_SLIDER_MAX = 20  # longest planning cycle on the explorer's slider, days

# Pull in sales: a funnel where deals can be lost after each stage.
STAGE_DAYS = SCENARIO.stage_days
SALES_CV = SCENARIO.sales_cv
SALES_WIP_CAP = SCENARIO.sales_wip_cap
ABANDON_PER_STAGE = SCENARIO.abandon_per_stage
SALES_REPLICATIONS = SCENARIO.sales_replications
SALES_JOBS_PER_RUN = SCENARIO.sales_jobs_per_run
WORKING_DAYS_PER_MONTH = 20.0  # working days in a month, for "wins a month"

# Kingman's VUT curve: one station (a job takes 2 hours on average), Poisson arrivals.
VUT_PROCESS_HOURS = SCENARIO.vut_process_hours
VUT_CVS = SCENARIO.vut_cvs
VUT_SIM_UTILISATIONS = SCENARIO.vut_sim_utilisations
VUT_REPLICATIONS = SCENARIO.vut_replications
VUT_JOBS_PER_RUN = SCENARIO.vut_jobs_per_run
