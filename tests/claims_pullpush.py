"""Lesson 03's published numbers, each pinned once next to its source: tests/test_engine.py
checks the flow engine against them, tests/test_pullpush.py the lesson's models, and
tests/test_pullpush_claims.py's claims table checks that the lesson's scenario is the
published line and that the notebook and the notes state these numbers.

Sources: Hopp & Spearman, *Factory Physics*, 3rd ed., ch. 7 (the Penny Fabs: bottleneck
rate r_b, raw process time T0 and critical WIP W0 = r_b x T0); Kleinrock, *Queueing
Systems* vol. 1 (M/M/1). The dice game's promise (The Goal, Goldratt & Cox 1984: a fair
die averages 3.5) is src's dice.scenario.PROMISED_PER_ROUND, pinned in the claims table.
"""

# Hopp & Spearman, Factory Physics, 3rd ed., ch. 7: Penny Fab One, four stations of 2 h,
# one machine each: r_b = 0.5 jobs/h, T0 = 8 h, W0 = 4 jobs
PENNY_FAB_ONE = (2.0, 2.0, 2.0, 2.0)  # hours per station
PENNY_FAB_ONE_RB = 0.5  # jobs per hour
PENNY_FAB_ONE_T0 = 8.0  # hours
PENNY_FAB_ONE_W0 = 4.0  # jobs

# Factory Physics, 3rd ed., ch. 7: Penny Fab Two, 2/5/10/3 h on 1/2/6/2 machines:
# r_b = 0.4 jobs/h, T0 = 20 h, W0 = 8 jobs
PENNY_FAB_TWO_HOURS = (2.0, 5.0, 10.0, 3.0)  # hours per station
PENNY_FAB_TWO_MACHINES = (1, 2, 6, 2)  # machines per station
PENNY_FAB_TWO_RB = 0.4  # jobs per hour
PENNY_FAB_TWO_T0 = 20.0  # hours
PENNY_FAB_TWO_W0 = 8.0  # jobs

# Kleinrock, Queueing Systems vol. 1: M/M/1 at u = 0.8 with te = 1 h waits
# Wq = u / (1 - u) x te = 4 h in queue
MM1_QUEUE_HOURS_AT_80 = 4.0
