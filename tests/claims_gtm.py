"""Lesson 05's published numbers, each pinned once: the notebook, the facilitator notes and
the question bank quote them (tests/test_gtm_claims.py's claims table finds each phrase), and
the model must give them (tests/test_gtm.py and test_gtm_claims.py read them from here).

Sources: ``simulate_gtm(steering=0.0)`` (end to end) and ``simulate_gtm(steering=1.0)``
(local targets) on the lesson's scenario, and ``work_backwards(1.0)`` (the plan).
"""

E2E_SUCCESSES = 903  # customers reaching success in 24 months, steered end to end
LOCAL_SUCCESSES = 524  # the same under local targets (-42%)
PLAN_SUCCESSES = 715  # the plan with today's teams, run forward
PLAN_ONBOARDING_HOURS = 14.3  # hours per new customer the plan asks of CS
PLAN_LOAD_LIMIT = 0.873  # share of CS's hours the plan may book (the 2-day promise)
PLAN_MAX_CUSTOMERS = 48.8  # new customers a month CS can onboard at that load
PLAN_LEADS = 113  # focused leads a month marketing may send
