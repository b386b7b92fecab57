"""Lesson 05's published numbers, each pinned once: the notebook, the facilitator notes and
the question bank quote them (tests/test_gtm_claims.py's claims table finds each phrase), and
the model must give them (tests/test_gtm.py, test_gtm_claims.py and test_gtm_questions.py read
them from here; none of them writes one of these numbers again).

Sources: ``simulate_gtm(steering=0.0)`` (end to end) and ``simulate_gtm(steering=1.0)``
(local targets) on the lesson's scenario (src/demandlab/gtm/scenario.py), ``work_backwards(1.0)``
(the plan) and ``compare_designs(1.0)`` (the three designs); the plan's 1.00 referrals per
customer is its target, scenario.TARGET_REFERRALS_PER_CUSTOMER.
"""

# End to end against local targets (the notebook's experiment and the notes' table)
E2E_SUCCESSES = 903  # customers reaching success in 24 months, steered end to end
LOCAL_SUCCESSES = 524  # the same under local targets (-42%)
E2E_DEALS = 54  # deals a month, end to end
LOCAL_DEALS = 125  # deals a month under local targets
E2E_REFERRALS_PER_CUSTOMER = 0.97  # referrals per customer won, end to end
LOCAL_REFERRALS_PER_CUSTOMER = 0.24  # the same under local targets
E2E_WASTE_PER_SUCCESS = 18  # wasted hours per customer reaching success, end to end
LOCAL_WASTE_PER_SUCCESS = 66  # the same under local targets
WASTE_PER_SUCCESS_RATIO = 3.6  # 66 / 18, as the lesson rounds it (x3.6)
LOCAL_WASTE_SHARE = 0.89  # share of all work wasted under local targets
E2E_WAIT_DAYS = 2.0  # working days a new customer waits for onboarding, end to end
LOCAL_WAIT_DAYS = 0.1  # the same under local targets
E2E_LOOP_GAIN = 0.39  # new customers each customer won brings through referrals, end to end
LOCAL_LOOP_GAIN = 0.11  # the same under local targets

# One department steered to its local target alone (Exercise 1, the verdict's caveats)
CS_ALONE_SUCCESSES = 475  # CS's handling-time target alone
SALES_ALONE_SUCCESSES = 905  # sales' deals target alone: level with end to end
NO_LOOP_SUCCESSES = 646  # end to end with no referrals (exercise 05-no-loop)

# The plan: work_backwards(1.0)
PLAN_SUCCESSES = 715  # the plan with today's teams, run forward
PLAN_DEALS = 42  # deals a month the plan makes
PLAN_ONBOARDING_HOURS = 14.3  # hours per new customer the plan asks of CS
PLAN_LOAD_LIMIT = 0.873  # share of CS's hours the plan may book (the 2-day promise)
PLAN_MAX_CUSTOMERS = 48.8  # new customers a month CS can onboard at that load
PLAN_LEADS = 113  # focused leads a month marketing may send
FULL_LOAD_WAIT_DAYS = 11.4  # working days a customer waits at 98% of CS's hours (queue.py, seed 1)

# The plan with twice the CS hours (1,600 a month, ten people: Exercise 3)
DOUBLED_CS_LOAD_LIMIT = 0.931  # ten people sharing one queue may book 93.1%
DOUBLED_CS_LEADS = 140  # focused leads a month marketing may then send
DOUBLED_CS_SUCCESSES = 886  # customers reaching success, against the plan's 715

# The elevate step: the hours the plan asks for (compare_designs)
DESIGN_SALES_HOURS = 1027  # sales hours a month (today 900)
DESIGN_CS_HOURS = 1058  # CS hours a month (today 800)

# Where the verdict flips (verdict_sweep): the fit of the extra leads local targets need
BROAD_FIT_CROSSING = 0.373  # today 5%
