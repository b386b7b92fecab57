"""Lesson 03's predictions, quizzes and exercises (see demandlab.questions).

Outcomes and answers call lesson 03's models (demandlab.dice.model, demandlab.pullpush.model,
demandlab.engine), so they follow the scenario; the wrong quiz options are beliefs managers
really hold (pull is a customer inquiry; a busy machine is an efficient one; a cap saves
deals).
"""

from __future__ import annotations

from ..dice.model import dice_game_replications
from ..engine import kingman_queue_time, line_parameters
from ..pullpush import scenario as sc
from ..pullpush.model import forecast_vs_pull, laws_of_the_line
from ..pullpush.model.sales import sales_at_level


def _dice_outcome() -> str:
    mean = dice_game_replications(rounds=10, replications=2000, seed=1).mean_output_per_round
    options = {"about 3.5 a round": 3.5, "a little less, about 3.2": 3.2}
    options["clearly less, about 2.5"] = 2.5
    return min(options, key=lambda k: abs(options[k] - mean))


def _double_wip_outcome() -> str:
    laws = laws_of_the_line(cv=1.0)
    th = laws.sim_throughput[11] / laws.sim_throughput[5]
    ct = laws.sim_cycle_time[11] / laws.sim_cycle_time[5]
    if th > 1.8:
        return "doubles output"
    if th < 1.05 and ct < 1.05:
        return "changes nothing"
    if ct < 1.3:  # the option says "much more lead time": at least 30% more
        raise ValueError(f"03-double-wip: cycle time x{ct:.2f} fits no option")
    return "adds a little output and much more lead time"


def _busier_outcome() -> str:
    te = sc.VUT_PROCESS_HOURS
    ratio = kingman_queue_time(te, 0.9 / te) / kingman_queue_time(te, 0.8 / te)
    if ratio < 1.3:
        return "about an eighth longer (90 / 80)"
    return "about twice as long" if ratio < 2.1 else "more than twice as long"


def _wins_a_month(wip_cap: int, abandon_per_stage: float) -> float:
    """Deals won a month with the cap, from the same runs dl.sales_summary prints."""
    sales, i = sales_at_level(wip_cap, abandon_per_stage)
    return sc.WORKING_DAYS_PER_MONTH * float(sales.wins_per_day_capped[i])


def _cards_for(share: float) -> float:
    """CONWIP cards the practical worst case needs for ``share`` of the bottleneck rate:
    w / (W0 + w - 1) = share (Factory Physics, ch. 7)."""
    w0 = line_parameters(sc.PROCESS_TIMES_HOURS, sc.MACHINES).critical_wip
    return share * (w0 - 1) / (1 - share)


PREDICTIONS: dict[str, dict] = {
    "03-dice": dict(
        question="Five stations, each averaging 3.5 a round. Over 10 rounds from empty, the "
        "line delivers ...",
        options=["about 3.5 a round", "a little less, about 3.2", "clearly less, about 2.5"],
        outcome=_dice_outcome,
        # phrases that state the outcome: none may appear above the vote
        giveaways=(
            "delivers less",
            "deliver less",
            "far less",
            "lose output",
            "variability plus dependence",
            "not average out",
        ),
    ),
    "03-double-wip": dict(
        question="With exponential process times (cv = 1), what does doubling WIP from 6 to 12 "
        "jobs do?",
        options=[
            "doubles output",
            "adds a little output and much more lead time",
            "changes nothing",
        ],
        outcome=_double_wip_outcome,
        # phrases that state the outcome: none may appear above the vote
        giveaways=(
            "extra wip buys little",
            "only waits",
            "doubles the lead time",
            "a little output",
        ),
    ),
    "03-busier": dict(
        question="A station is busy 80% of the time. Sales wins more orders and it becomes busy "
        "90% of the time. How long do jobs now wait in front of it?",
        options=[
            "about an eighth longer (90 / 80)",
            "about twice as long",
            "more than twice as long",
        ],
        outcome=_busier_outcome,
        # phrases that state the outcome: none may appear above the vote
        giveaways=(
            "u / (1 - u)",
            "u/(1-u)",
            "explode",
            "twice as long",
            "last few points of utilisation",
        ),
    ),
}

QUIZZES: dict[str, dict] = {
    "03-balanced-line": dict(
        question="Five balanced stations each average 3.5 units a round. Over a short run from "
        "empty, the line delivers ...",
        options=[
            "3.5 a round, since the line is balanced",
            "less than 3.5 a round",
            "more than 3.5, since good rolls add up",
        ],
        answer="less than 3.5 a round",
        explanations={
            "3.5 a round, since the line is balanced": "Balance on averages is not enough: a "
            "station cannot use a high roll in front of an empty bowl.",
            "less than 3.5 a round": "Right: variability plus dependence loses capacity that "
            "never comes back.",
            "more than 3.5, since good rolls add up": "Good rolls downstream are capped by what "
            "arrives; bad rolls upstream are passed on.",
        },
    ),
    "03-dbr": dict(
        question="Goldratt's remedy for a line like the dice game is ...",
        options=[
            "keep every station as busy as possible",
            "release work at the constraint's pace, with a buffer",
            "give every station a little more capacity than the average",
        ],
        answer="release work at the constraint's pace, with a buffer",
        explanations={
            "keep every station as busy as possible": "Busy non-constraints only pile work in "
            "front of the constraint: WIP and lead time grow, output does not.",
            "release work at the constraint's pace, with a buffer": "Right: drum-buffer-rope. "
            "Find the constraint: it sets the beat (drum), a buffer of work in front of it "
            "keeps it from starving, and release is tied to it (rope); the other stations "
            "follow.",
            "give every station a little more capacity than the average": "Spare capacity "
            "helps, but without a buffer the constraint still starves after bad rolls, and "
            "without a rope work still piles up.",
        },
    ),
    "03-little": dict(
        question="A line reports WIP 12 jobs and an output rate of 0.4 jobs per hour. What is its "
        "average cycle time?",
        options=["4.8 hours", "30 hours", "You need a simulation to know"],
        answer="30 hours",
        explanations={
            "4.8 hours": "That multiplies WIP by the output rate; Little's law divides: cycle "
            "time = WIP / output rate.",
            "30 hours": "Right: Little's law, cycle time = WIP / output rate = 12 / 0.4.",
            "You need a simulation to know": "Little's law holds for any stable system, "
            "whatever the variability.",
        },
    ),
    "03-busy-machines": dict(
        question="A plant manager runs every machine 95% busy to get the most out of them. "
        "What does Kingman's curve say about the jobs?",
        options=[
            "Nothing changes: busy machines are efficient machines",
            "They wait about as long as at 80% busy",
            "They wait many times longer than at 80% busy",
        ],
        answer="They wait many times longer than at 80% busy",
        explanations={
            "Nothing changes: busy machines are efficient machines": "A busy machine is "
            "efficient on its own meter; the jobs in front of it pay in waiting.",
            "They wait about as long as at 80% busy": "Waiting grows with u / (1 - u): 4 at 80% "
            "busy, 19 at 95%.",
            "They wait many times longer than at 80% busy": "Right: u / (1 - u) goes from 4 to "
            "19, so waiting grows almost five-fold, and more with more variability.",
        },
    ),
    "03-what-is-pull": dict(
        question="A customer asks the sales team for a quote, and the plant starts building "
        "at once. Is that pull?",
        options=[
            "Yes: a customer signal started production",
            "No: a quote request is not an order",
            "Yes, as long as the plant also caps its WIP",
        ],
        answer="No: a quote request is not an order",
        explanations={
            "Yes: a customer signal started production": "An inquiry may never become an order: "
            "building on it is push on a guess, and the unit may end up unsold.",
            "No: a quote request is not an order": "Right: pull has two meanings, and neither "
            "is triggered by an inquiry. Build to order starts on a firm order; a WIP cap "
            "(CONWIP) starts work only when a job leaves.",
            "Yes, as long as the plant also caps its WIP": "A cap limits how much is in the line, "
            "but the work it lets in was still started on a guess.",
        },
    ),
    "03-shelf": dict(
        question="Why does demand pull need less finished-goods stock than forecast push for "
        "the same fill rate?",
        options=[
            "Pull's production lead time is shorter",
            "Its stock covers just the lead time",
            "Pull never runs out of stock at all",
        ],
        answer="Its stock covers just the lead time",
        explanations={
            "Pull's production lead time is shorter": "Both use the same production lead time; "
            "only the release signal differs.",
            "Its stock covers just the lead time": "Right: pull releases what customers "
            "actually took, so its stock covers only the lead time; push must also cover the "
            "planning cycle and the forecast error.",
            "Pull never runs out of stock at all": "Both were tuned to the same 95% fill rate, "
            "so both run out sometimes.",
        },
    ),
    "03-sales-cap": dict(
        question="In the lesson's sales funnel, 20% of deals are lost at each stage. What does "
        "the cap on open deals change?",
        options=[
            "It saves deals that would have been lost",
            "Fewer open deals for the same wins",
            "It causes the deals that are lost",
        ],
        answer="Fewer open deals for the same wins",
        explanations={
            "It saves deals that would have been lost": "Here a buyer walks away whatever the "
            "wait, so shorter queues save no deals (they would if waiting made buyers go cold).",
            "Fewer open deals for the same wins": (
                "Right: drop-out sets the leads needed per win for both teams, and the losses "
                "are the same without the cap; the cap only shortens the queue."
            ),
            "It causes the deals that are lost": "Both teams, fed the same leads, win the same "
            "deals: drop-out, not the cap, costs the wins.",
        },
    ),
}

EXERCISES: dict[str, dict] = {
    "03-cards-90": dict(
        question="At cv = 1, how many CONWIP cards does the plant need for 90% of its "
        "bottleneck rate (0.45 jobs per hour)?",
        unit="cards",
        answer=lambda: _cards_for(0.9),
        tolerance=0.08,
        explain="The practical worst case gives w / (w + 3) = 0.9, so w = 27 cards, against 12 "
        "for 80%: the last 10% of output costs more than twice the WIP, and cycle time grows "
        "from 30 to 60 hours.",
    ),
    "03-vut-95": dict(
        question="At 95% busy and cv = 1, how many hours does a job wait in front of the "
        "station (a job takes 2 hours)?",
        unit="hours",
        answer=lambda: kingman_queue_time(sc.VUT_PROCESS_HOURS, 0.95 / sc.VUT_PROCESS_HOURS),
        tolerance=0.05,
        explain="Kingman: (1 + 1) / 2 x 0.95 / 0.05 x 2 h = 38 hours, against 8 at 80% busy "
        "and 18 at 90%. The last few points of utilisation cost the most waiting.",
    ),
    "03-shelf-daily": dict(
        question="With a 25% forecast error, forecast push plans daily instead of weekly. How "
        "many units does it hold on the shelf on average?",
        unit="units",
        answer=lambda: forecast_vs_pull(plan_every_days=1).push.mean_stock_units,
        tolerance=0.05,
        explain="Planning daily removes the planning cycle from what the stock must cover; "
        "the forecast error is still there, so push still holds about twice pull's stock.",
    ),
    "03-sales-cap-12": dict(
        question="With 20% of deals lost at each stage, how many deals a month does the team "
        "win with a cap of 12 open deals?",
        unit="wins a month",
        answer=lambda: _wins_a_month(wip_cap=12, abandon_per_stage=0.2),
        tolerance=0.05,
        explain="A larger cap lets the team start more leads, so it wins a few more deals, "
        "but it needs more leads too: the leads needed per win stay at 2.4, set by drop-out.",
    ),
}
