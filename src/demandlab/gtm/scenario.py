"""Lesson 05's numbers: the market, the three teams and the customers of a software company.

This is the one file to edit to adapt the lesson (the models, figures and widgets read
their defaults from here). After a change, re-run the notebook's checked cells
(``make execute-notebooks NB=notebooks/05-demand-response.ipynb``) and update the numbers
the notebook and instructors/05-demand-response.md state: tests/test_gtm.py compares them
with this file.

Every entry of ``SCENARIO`` is a keyword of ``simulate_gtm``, ``gtm_explorer`` and
``work_backwards`` (so ``dl.gtm_explorer(cs_hours_per_month=1600)`` tries one change
without editing anything). "End to end" and "local target" are the two ways each team can
be steered; the model blends them with ``steering`` (0 = end to end, 1 = local targets).
"""

from __future__ import annotations

SCENARIO = {
    "months": 24,  # months simulated
    # Marketing.
    "focused_leads_per_month": 150.0,  # leads a month from people who have the problem
    "focused_fit_share": 0.5,  # share of those focused leads who fit the product
    "pushed_leads_per_month": 450.0,  # leads a month when marketing chases its lead target
    "broad_fit_share": 0.05,  # share of the extra, broadly targeted leads who fit
    "marketing_hours_per_lead": 0.5,  # marketing hours per lead it generates
    # Sales.
    "sales_hours_per_month": 900.0,  # hours the sales team has a month
    "qualify_hours": 1.0,  # sales hours of a qualifying call (end to end)
    "discovery_hours": 5.0,  # sales hours of a full sale after qualifying (end to end)
    "push_hours": 2.5,  # sales hours of a pushed sale with no qualifying (local target)
    "qualify_catch_share": 0.9,  # share of poor-fit leads a qualifying call recognises
    "close_rate_fit": 0.5,  # share of leads that fit which sales closes
    "close_rate_poor_fit": 0.1,  # share of pursued poor-fit leads closed, sold honestly
    "pushed_close_rate_poor_fit": 0.3,  # the same with discounts and promises (local target)
    # Customer success (CS).
    "cs_hours_per_month": 800.0,  # hours the CS team has a month (five people)
    "careful_onboarding_hours": 12.0,  # onboarding hours per new customer (end to end)
    "fast_onboarding_hours": 4.0,  # onboarding hours per new customer (handling-time target)
    # The customer: success probability is ceiling * (1 - exp(-hours / scale)).
    "success_ceiling_fit": 0.9,  # most a customer who fits can reach success
    "success_ceiling_poor_fit": 0.1,  # most a poor-fit customer can reach success
    "onboarding_hours_scale": 5.0,  # onboarding hours that win about 63% of that ceiling
    # ... times (1 - loss) ** (working days the customer waited for onboarding to start).
    "success_loss_per_wait_day": 0.0,  # share of the chance of success lost per day waited
    "months_to_success": 3,  # months from the deal to success
    "referrals_per_success": 1.2,  # new leads each successful customer refers, on average
    "referral_fit_share": 0.8,  # share of referred leads who fit
    "referral_delay_months": 2,  # months from success to the referred leads arriving
    "renewal_months": 12,  # months from the deal to the renewal
    "renew_share_success": 0.9,  # share of successful customers who renew
    "renew_share_no_success": 0.05,  # share of the other customers who renew
}
# The names of those settings, in the order simulate_gtm takes them.
SCENARIO_SETTINGS = tuple(SCENARIO)

# The assumptions the capstone's verdict (local targets reach fewer customers) rests on: the
# range the explorer's assumptions panel and verdict_sweep cover for each, and its step.
VERDICT_ASSUMPTIONS = {
    "broad_fit_share": (0.0, 0.6, 0.05),  # fit of the extra, broadly targeted leads
    "success_ceiling_poor_fit": (0.0, 0.9, 0.05),  # most a poor-fit customer can reach success
    "onboarding_hours_scale": (0.5, 10.0, 0.5),  # hours: how much onboarding hours matter
    "success_loss_per_wait_day": (0.0, 0.9, 0.05),  # chance of success lost per day waited
}
SWEEP_POINTS = 19  # values verdict_sweep tries across each range before refining a crossing

# The explorer: one slider from end to end (0%) to local targets (100%).
STEERING_STEP = 0.1  # steering per step of the explorer's slider (10 points)

# Working backwards from a concrete result (work_backwards).
TARGET_REFERRALS_PER_CUSTOMER = 1.0  # the lesson's result: every customer refers one other
# The promise to a new customer: onboarding starts within this many working days on
# average. The plan books the most of CS's (and sales') hours that keeps it (load_limit).
MAX_ONBOARDING_WAIT_DAYS = 2.0

# The onboarding queue (onboarding_queue): the CS team as people a customer waits for.
ONBOARDING_QUEUE = {
    "cs_people": 5,  # people in the CS team
    "hours_per_person_per_month": 160.0,  # working hours per person per month
    "cv": 1.0,  # variability of onboarding times: 1 exponential, 0 all alike
    "seed": 1,  # seed of the simulated customers
}
# The pooling experiment (pooling_experiment): one shared onboarding queue or one per person.
POOLING = {
    "load": 0.873,  # share of CS's hours booked: the plan's load limit (work_backwards(1.0))
    "onboarding_hours": 14.3,  # onboarding hours per customer: the plan's (work_backwards(1.0))
    "customers": 20_000,  # simulated customers per replication (the first tenth is warm-up)
    "replications": 10,  # independent seeded runs, for the 95% intervals
    "seed": 5,  # seed of the simulated customers
    "sweep_loads": (0.5, 0.6, 0.7, 0.8, 0.85, 0.9),  # loads the figure compares (pooling_sweep)
    "sweep_customers": 10_000,  # simulated customers per replication in the figure's sweep
}
# The month-by-month flow charges each month's new customers the Erlang C wait of the CS
# team (cs_hours_per_month / hours_per_person_per_month people sharing one queue) at that
# month's load; a month booked beyond this load is charged this load's wait.
WAIT_LOAD_CAP = 0.98  # share of CS's hours
QUEUE_CUSTOMERS_SIMULATED = 20_000  # customers the flow engine queues per call
WORKING_HOURS_PER_DAY = 8.0  # hours in a working day, for waits in working days
