"""Lesson 02's numbers: the bicycle line, its ten days of orders and the sales funnel.

This is the one file to edit to adapt the lesson (the models, figures and widgets read
their defaults from here). After a change, re-run the notebook's checked cells
(``make execute-notebooks NB=notebooks/02-takt-time.ipynb``) and update the numbers the
notebook and instructors/02-takt-time.md state: tests/test_takt.py compares them with
this file.
"""

from __future__ import annotations

# The bike line: one 8-hour shift a day, five stations one after the other.
SHIFT_MINUTES = 480.0  # minutes in one shift (8 hours)
BREAK_MINUTES = 30.0  # minutes of breaks a shift: two 10-minute breaks and a 10-minute huddle
AVAILABLE_MINUTES = SHIFT_MINUTES - BREAK_MINUTES  # net available minutes a shift (450)
DEMAND_PER_SHIFT = 50  # bikes customers order per shift
STATION_NAMES = ("Frame prep", "Wheels", "Drivetrain", "Brakes & cables", "Inspect & pack")
STATION_MINUTES = (6.0, 7.5, 8.4, 5.2, 4.3)  # minutes of work per bike at each station
FACTORY_CV = 0.15  # a standardised bike station varies by about 15% around its mean
FACTORY_SHIFTS = 14  # shifts of the bike line run next to the funnel (factory_vs_funnel)

# Ten working days of orders, bikes per day (one shift a day); they average 50.
DAILY_DEMAND = (42, 58, 47, 61, 39, 50, 55, 44, 63, 41)

# The plant's sales funnel: four stages, one person works 40 hours a week.
HOURS_PER_WEEK = 40.0  # one person's working hours a week; the funnel's clock runs in these
HOURS_PER_DAY = 8.0  # hours in a working day (ages and waits are reported in days)
FUNNEL_STAGES = ("Qualify", "Discovery call", "Demo & proposal", "Negotiate & close")
FUNNEL_PASS_RATES = (0.5, 0.5, 0.4, 0.5)  # share of inquiries that moves on from each stage
FUNNEL_HOURS = (0.2, 1.0, 2.4, 3.0)  # mean hours of work per inquiry at each stage
FUNNEL_PEOPLE = (2, 3, 4, 2)  # people working each stage (11 in all)
FUNNEL_CV = 1.0  # work per inquiry varies as much as its mean (exponential)
DEALS_WANTED_PER_WEEK = 10.0  # buyers ready to sign, per week: the market's demand
EXTRA_BUYER_MIX = 0.0  # inquiries beyond buyers' pace hold no buyers (supply exceeds demand)
PACE_REPLICATIONS = 30  # quarters (seeds SEED, SEED + 1, ...) a pace comparison runs
FUNNEL_WEEKS = 13  # weeks in one run of the funnel: one quarter
SEED = 2  # seed of the funnel's (and the bike line's) random numbers: the lesson's quarter

# Essay 003's case: the plant's capacity sets the sales team's pace (one quarter of shifts).
# The plant's line can make floor(450 / 8.4) = 53 bikes a shift; buyers want 50 at list price.
PLANT_PACE_PER_SHIFT = 53  # bikes a shift the line can make: the pace "keep the plant busy" sets
QUARTER_SHIFTS = 65  # shifts in a quarter: 13 weeks of 5 one-shift days
PUSH_DISCOUNT = 0.15  # price cut sales offers to move a bike beyond buyers' demand (assumption)
PUSH_TAKE_UP = 0.5  # share of the extra bikes that discount sells within the quarter (assumption)
POOR_FIT_RETURNS = 0.2  # share of those discount deals returned or cancelled (assumption)

# The explorers' slider ranges, (low, high, step); the sliders start at the values above.
SWING_PERCENT_SLIDER = (0, 200, 10)  # level_explorer: % of the real days' swing (100: as given)
EXTRA_BUYER_MIX_SLIDER = (0, 100, 25)  # funnel_explorer: % of today's mix in extra inquiries
WORK_CV_SLIDER = (0.0, 2.0, 0.25)  # funnel_explorer: variability of work per inquiry
MAX_DEMAND_SLIDER = 100_000  # takt_explorer's demand slider top: a larger line is a typo
