"""Lesson 02's predictions, quizzes and exercises (see demandlab.questions).

Outcomes and answers are computed from lesson 02's models (demandlab.takt.model), so a
changed scenario cannot leave a stale answer. Wrong quiz options are misconceptions
managers hold: "takt is how fast we can go", "keep efficiency up", "add up everyone's
spare hours".
"""

from __future__ import annotations

import math

from ..formatting import number
from ..takt.model import (
    bottleneck_stage,
    capacity_pace,
    compare_paces,
    line_balance,
    pooled_pace,
    required_inflow,
    takt_time,
)
from ..takt.scenario import SCENARIO as sc

_LOW = 10  # bikes a shift in the low-demand vote
BETTER_DEMO = (0.5, 0.5, 0.5, 0.5)  # Exercise 2: the demo stage passes 0.5 instead of 0.4

_FOLLOW = "Follow takt: make 10, let stations stand idle"
_MORE, _SAME, _FEWER = "More: the team works more inquiries", "About the same", "Fewer"


def _low_demand_outcome() -> str:
    """Takt at 10 a shift is far above every station's time: following it means idle
    stations; anything faster builds bikes nobody ordered."""
    lb = line_balance(demand_per_shift=_LOW)
    if not (lb.meets_demand and lb.takt_minutes > lb.bottleneck_minutes):
        # the vote's options were written for a takt far above the bottleneck's time
        raise ValueError(
            f"02-low-demand: at {_LOW} a shift takt is {lb.takt_minutes:.1f} min against the "
            f"bottleneck's {lb.bottleneck_minutes:.1f}: the vote's options no longer fit"
        )
    return _FOLLOW


def _pace_outcome() -> str:
    return {"more": _MORE, "about the same": _SAME, "fewer": _FEWER}[compare_paces(0.0).verdict]


def _whole(x: float) -> str:
    return number(x)


_CAP, _POOL, _NEED = capacity_pace(), pooled_pace(), required_inflow()
_TEAM_HOURS = sc.hours_per_week * sum(sc.funnel_people)
_PER_INQUIRY = _TEAM_HOURS / _POOL
_TAKT = takt_time(sc.available_minutes, sc.demand_per_shift)
_LINE = line_balance()
_POOL_OPTION = f"{_whole(_POOL)}: all the team's hours / hours per inquiry"
_CAP_OPTION = f"{_whole(_CAP)}: what the {bottleneck_stage()} team can work"

PREDICTIONS: dict[str, dict] = {
    "02-low-demand": dict(
        question=f"Orders fall to {_LOW} bikes a shift. What should the line do?",
        options=[
            "Keep the pace: make 50, stock the rest",
            _FOLLOW,
            "Make 10 at full speed, then stop",
        ],
        outcome=_low_demand_outcome,
        # phrases that state the outcome: none may appear above the vote
        giveaways=(
            "stand idle",
            "idle time is the right",
            "accept idle time",
            "fit inside it",
            "follow takt",
        ),
    ),
    "02-capacity-pace": dict(
        question=(
            f"Buyers want {number(sc.deals_wanted_per_week)} deals a week and no more. The "
            f"director paces the funnel at {_whole(_CAP)} new inquiries a week (what the "
            f"busiest team can handle) instead of {_whole(_NEED)}. Over a quarter, how many "
            "deals close?"
        ),
        options=[_MORE, _SAME, _FEWER],
        outcome=_pace_outcome,
        # phrases that state the outcome: none may appear above the vote
        giveaways=(
            "that pace is push",
            "capacity is push",
            "fewer deals",
            "is push, not pull",
            "pushing cannot win",
        ),
    ),
}

QUIZZES: dict[str, dict] = {
    "02-what-takt-says": dict(
        question=(
            f"Takt time on the bike line is {number(_TAKT, digits=1)} minutes. "
            "What does it tell you?"
        ),
        options=[
            "How fast the line can go",
            "How often customers need a bike",
            "How long one bike takes to build",
        ],
        answer="How often customers need a bike",
        explanations={
            "How fast the line can go": (
                "That is the slowest station's time "
                f"({number(_LINE.bottleneck_minutes, digits=1)} min at {_LINE.bottleneck}). "
                "Takt comes from demand, not from the machines or the people."
            ),
            "How often customers need a bike": (
                "Right: takt is the pace to match, available time divided by customer demand: "
                f"{number(sc.available_minutes)} / {sc.demand_per_shift}."
            ),
            "How long one bike takes to build": (
                f"That is the work content, {number(_LINE.work_content_minutes, digits=1)} min "
                "shared by several stations; takt says how often one must be finished."
            ),
        },
    ),
    "02-low-demand-plan": dict(
        question=(
            f"Orders fall to {_LOW} bikes a shift. The line can make "
            f"{math.floor(_LINE.capacity_per_shift)}. What is the right plan?"
        ),
        options=[
            "Make 10 and accept idle time",
            f"Make {math.floor(_LINE.capacity_per_shift)} to keep efficiency up",
            "Make 50 as before",
        ],
        answer="Make 10 and accept idle time",
        explanations={
            "Make 10 and accept idle time": (
                "Idle time costs less than building bikes nobody ordered."
            ),
            f"Make {math.floor(_LINE.capacity_per_shift)} to keep efficiency up": (
                f"Efficiency looks good; {math.floor(_LINE.capacity_per_shift) - _LOW} bikes a "
                "shift pile up unsold."
            ),
            "Make 50 as before": "That ignores the customer: the line is pushing, not pulling.",
        },
    ),
    "02-inflow": dict(
        question=(
            f"A funnel's yield is 5% and buyers want {number(sc.deals_wanted_per_week)} deals a "
            "week. How many inquiries a week does it need?"
        ),
        options=["10", "50", "200", "As many as the team can handle"],
        answer="200",
        explanations={
            "10": "That assumes every inquiry closes, as a bike order does in a factory.",
            "50": "Check the arithmetic: 10 / 0.05 = 200.",
            "200": "Demand divided by yield: 10 / 0.05.",
            "As many as the team can handle": (
                "That is a pace from capacity: with no more buyers, the extra inquiries add "
                "queues and wasted hours, not deals."
            ),
        },
    ),
    "02-pooled-hours": dict(
        question=(
            f"The sales team has {number(_TEAM_HOURS)} hours a week and an inquiry costs "
            f"{number(_PER_INQUIRY, digits=1)} hours on average across the stages. How many "
            "inquiries a week can it work?"
        ),
        options=[
            _POOL_OPTION,
            _CAP_OPTION,
            "As many as come in, if everyone works harder",
        ],
        answer=_CAP_OPTION,
        explanations={
            _POOL_OPTION: (
                f"{number(_TEAM_HOURS)} / {number(_PER_INQUIRY, digits=1)} pools everyone's "
                "hours, as if a qualifier could run a demo. At that pace three stages get more "
                "work than their people can do while the "
                "qualifiers still have spare hours."
            ),
            _CAP_OPTION: (
                f"Right: the {bottleneck_stage()} team runs out of hours first. Each team's "
                "hours serve only its own stage; the busiest one sets the most the funnel can "
                "work."
            ),
            "As many as come in, if everyone works harder": (
                "Above the busiest team's capacity its queue grows every week, however hard "
                "the others work."
            ),
        },
    ),
}

EXERCISES: dict[str, dict] = {
    "02-better-demo-inflow": dict(
        question=(
            "With the better demo (every stage passes 0.5), how many inquiries a week does the "
            f"funnel need for the same {number(sc.deals_wanted_per_week)} deals a week?"
        ),
        unit="inquiries/week",
        answer=lambda: required_inflow(sc.deals_wanted_per_week, BETTER_DEMO),
        tolerance=0.01,
        explain=(
            f"Demand / yield: {number(sc.deals_wanted_per_week)} / (0.5 × 0.5 × 0.5 × 0.5) = "
            f"{number(required_inflow(sc.deals_wanted_per_week, BETTER_DEMO))} a week, "
            f"{number(_NEED - required_inflow(sc.deals_wanted_per_week, BETTER_DEMO))} fewer "
            "than today: a better conversion needs fewer inquiries, where doubling the "
            "inquiries bought would only pile up unfinished work."
        ),
    ),
}
