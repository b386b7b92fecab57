"""Lesson 02's numbers: the bicycle line, its ten days of orders and the sales funnel.

This is the one file to edit to adapt the lesson (the models, figures and widgets read
their defaults from here). After a change, re-run the notebook's checked cells
(``make execute-notebooks NB=notebooks/02-takt-time.ipynb``) and update the numbers the
notebook and instructors/02-takt-time.md state: tests/test_takt.py compares them with
this file.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..checks import Replaceable


@dataclass(frozen=True)
class TaktScenario(Replaceable):
    """Lesson 02's numbers in one frozen dataclass; the lesson reads ``SCENARIO``.

    A model's defaults, the notebook's stated numbers and the explorers' slider ranges all
    come from here; change one value with ``SCENARIO.replace(...)``.
    """

    # The bike line: one 8-hour shift a day, five stations one after the other.
    shift_minutes: float = 480.0  # minutes in one shift (8 hours)
    # minutes of breaks a shift: two 10-minute breaks and a 10-minute huddle
    break_minutes: float = 30.0
    demand_per_shift: int = 50  # bikes customers order per shift
    station_names: tuple = (
        "Frame prep",
        "Wheels",
        "Drivetrain",
        "Brakes & cables",
        "Inspect & pack",
    )
    station_minutes: tuple = (6.0, 7.5, 8.4, 5.2, 4.3)  # minutes of work per bike at each station
    factory_cv: float = 0.15  # a standardised bike station varies by about 15% around its mean
    factory_shifts: int = 14  # shifts of the bike line run next to the funnel (factory_vs_funnel)

    # Ten working days of orders, bikes per day (one shift a day); they average 50.
    daily_demand: tuple = (42, 58, 47, 61, 39, 50, 55, 44, 63, 41)

    # The plant's sales funnel: four stages, one person works 40 hours a week.
    # one person's working hours a week; the funnel's clock runs in these
    hours_per_week: float = 40.0
    hours_per_day: float = 8.0  # hours in a working day (ages and waits are reported in days)
    funnel_stages: tuple = ("Qualify", "Discovery call", "Demo & proposal", "Negotiate & close")
    # share of inquiries that moves on from each stage
    funnel_pass_rates: tuple = (0.5, 0.5, 0.4, 0.5)
    funnel_hours: tuple = (0.2, 1.0, 2.4, 3.0)  # mean hours of work per inquiry at each stage
    funnel_people: tuple = (2, 3, 4, 2)  # people working each stage (11 in all)
    funnel_cv: float = 1.0  # work per inquiry varies as much as its mean (exponential)
    deals_wanted_per_week: float = 10.0  # buyers ready to sign, per week: the market's demand
    # inquiries beyond buyers' pace hold no buyers (supply exceeds demand)
    extra_buyer_mix: float = 0.0
    pace_replications: int = 30  # quarters (seeds seed, seed + 1, ...) a pace comparison runs
    funnel_weeks: int = 13  # weeks in one run of the funnel: one quarter
    seed: int = 2  # seed of the funnel's (and the bike line's) random numbers: the lesson's quarter

    # Essay 003's case: the plant's capacity sets the sales team's pace (one quarter of shifts).
    # The plant's line can make floor(450 / 8.4) = 53 bikes a shift; buyers want 50 at list price.
    # bikes a shift the line can make: the pace "keep the plant busy" sets
    plant_pace_per_shift: int = 53
    quarter_shifts: int = 65  # shifts in a quarter: 13 weeks of 5 one-shift days
    # price cut sales offers to move a bike beyond buyers' demand (assumption)
    push_discount: float = 0.15
    # share of the extra bikes that discount sells within the quarter (assumption)
    push_take_up: float = 0.5
    # share of those discount deals returned or cancelled (assumption)
    poor_fit_returns: float = 0.2

    # The explorers' slider ranges, (low, high, step); the sliders start at the values above.
    # level_explorer: % of the real days' swing (100: as given)
    swing_percent_slider: tuple = (0, 200, 10)
    # funnel_explorer: % of today's mix in extra inquiries
    extra_buyer_mix_slider: tuple = (0, 100, 25)
    work_cv_slider: tuple = (0.0, 2.0, 0.25)  # funnel_explorer: variability of work per inquiry
    max_demand_slider: int = 100_000  # takt_explorer's demand slider top: a larger line is a typo

    @property
    def available_minutes(self) -> float:
        """Net available minutes a shift: the shift minus its breaks (450)."""
        return self.shift_minutes - self.break_minutes


SCENARIO = TaktScenario()

# compare_paces's verdict on the extra deals, by the sign of their 95% interval: below 0,
# containing 0, above 0. These are the lesson's words (exercise 5 of notebook 02 prints
# them, the report and the quiz read them); the model only picks one by the sign.
VERDICTS = {-1: "fewer", 0: "about the same", 1: "more"}
