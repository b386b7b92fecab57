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

# The plant's line: Penny Fab One.
PROCESS_TIMES_HOURS = (2.0, 2.0, 2.0, 2.0)  # mean hours a job takes at each of the 4 stations
MACHINES = 1  # identical machines per station (one number for all, or one per station)
CV = 1.0  # coefficient of variation of process times: 0 constant, 1 exponential
SEED = 1  # seed of every experiment: the same seed replays the same run

# Penny Fab Two (Factory Physics, ch. 7): an unbalanced line with parallel machines, to try.
PENNY_FAB_TWO_HOURS = (2.0, 5.0, 10.0, 3.0)  # mean hours a job takes at each station
PENNY_FAB_TWO_MACHINES = (1, 2, 6, 2)  # machines at each station

# The laws of the line: a CONWIP line simulated at WIP = 1, 2, ... cards.
LAWS_JOBS_PER_POINT = 1500  # jobs simulated at each WIP level (a tenth is warm-up)
LAWS_MIN_WIP_SHOWN = 12  # cards: by default WIP runs up to at least this many ...
LAWS_WIP_PER_CRITICAL_WIP = 3  # ... or to this many times the critical WIP W0, if more

# The explorers' variability slider (laws of the line, push vs CONWIP).
CV_SLIDER_MAX = 2.0  # largest cv on the slider: a very erratic line
CV_SLIDER_STEP = 0.25  # cv step of the slider

# Push vs CONWIP at the same output.
WIP_CAP = 6  # CONWIP cards: jobs allowed in the line at once
REPLICATIONS = 5  # independent runs of each policy, for the 95% confidence intervals
JOBS_PER_RUN = 2000  # jobs in each run (a tenth is warm-up)
CARDS_SLIDER_MAX = 24  # most CONWIP cards on the explorer's slider

# Forecast push vs demand pull: the finished-goods shelf.
DEMAND_PER_DAY = 20.0  # units customers order per day, on average
DEMAND_CV = 0.3  # day-to-day coefficient of variation of demand
FORECAST_ERROR = 0.25  # standard deviation of the forecast error, as a share of mean demand
LEAD_TIME_DAYS = 5  # days from release to production until the unit is on the shelf
PLAN_EVERY_DAYS = 5  # days between forecast plans: a weekly plan (5 working days)
DAYS = 400  # days observed after the warm-up
WARM_UP_DAYS = 50  # days simulated first and not counted
FILL_RATE = 0.95  # share of units to ship from stock on the day they are ordered
UNIT_COST = 50.0  # dollars tied up per unit on the shelf
SHOW_DAYS = 120  # days of the stock path the figure draws
ERROR_SLIDER_MAX = 0.6  # largest forecast error on the explorer's slider (60%)
ERROR_SLIDER_STEP = 0.05  # forecast error step of the slider (5 points)
PLAN_SLIDER_MAX = 20  # longest planning cycle on the explorer's slider, days

# Pull in sales: a funnel where deals can be lost after each stage.
STAGE_DAYS = (2.0, 2.0, 2.0, 2.0)  # mean working days a deal spends at each of the 4 stages
SALES_CV = 1.0  # coefficient of variation of the days a deal takes at a stage
SALES_WIP_CAP = 6  # most open deals the capped (pull) team works at once
ABANDON_PER_STAGE = (0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3)  # chances a deal is lost per stage
SALES_REPLICATIONS = 4  # independent runs per abandonment level and policy
SALES_JOBS_PER_RUN = 2000  # deals in each run (a tenth is warm-up)
WORKING_DAYS_PER_MONTH = 20.0  # working days in a month, for "wins a month"

# Kingman's VUT curve: one station (a job takes 2 hours on average), Poisson arrivals.
VUT_PROCESS_HOURS = 2.0  # mean hours a job takes at the station
VUT_CVS = (0.5, 1.0, 1.5)  # process-time cvs drawn as curves (1 is exponential)
VUT_SIM_UTILISATIONS = (0.5, 0.7, 0.85)  # busy shares simulated as dots
VUT_REPLICATIONS = 8  # independent runs per dot, for its 95% confidence interval
VUT_JOBS_PER_RUN = 5_000  # jobs in each run (a tenth is warm-up)
