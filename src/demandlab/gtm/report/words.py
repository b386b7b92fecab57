"""Lesson 05's sentences: each result of the models in words (wrapped for a narrow output)."""

from __future__ import annotations

import math
import textwrap

from ...formatting import count, pct, writes
from ...formatting import number as num
from ..model import (
    DesignComparison,
    GtmPlan,
    GtmResult,
    OnboardingQueue,
    PoolingResult,
    VerdictSweep,
)
from ..model.designs import DESIGNS, MEASURES

# Characters per printed line: a notebook's output at 1024 px with the file browser open
# shows about 75 monospace characters; longer lines wrapped mid-word there (issue 19).
WIDTH = 72


def wrapped(text: str, width: int = WIDTH) -> str:
    """Wrap each line of ``text`` at word boundaries; continuation lines are indented by
    three more spaces than the line they continue.

    Examples
    --------
    >>> print(wrapped("1. " + "word " * 20, width=30))
    1. word word word word word
       word word word word word
       word word word word word
       word word word word word
    """
    out = []
    for line in text.split("\n"):
        indent = " " * (len(line) - len(line.lstrip(" ")))
        out.append(
            textwrap.fill(
                line,
                width=width,
                initial_indent="",
                subsequent_indent=indent + "   ",
                break_long_words=False,
                break_on_hyphens=False,
            )
            if len(line) > width
            else line
        )
    return "\n".join(out)


@writes(GtmResult, "label")
def steering_label(result: GtmResult) -> str:
    """How a run was steered, in a few words ("local targets", "local target: sales")."""
    s = result.steering
    values = set(s.values())
    if len(values) == 1:
        v = values.pop()
        if v == 0:
            return "steered end to end"
        return "local targets" if v == 1 else f"{pct(v)} toward local targets"
    chasing = [name for name, v in s.items() if v > 0]
    return "local target: " + ", ".join(n if n != "cs" else "CS" for n in chasing)


@writes(GtmResult, "summary")
def result_summary(result: GtmResult, label: str | None = None) -> str:
    """One run in a few short lines: the departments' numbers, the customers', the waste
    (what ``result.summary()`` prints)."""
    name = steering_label(result) if label is None else str(label)
    per_win = result.waste_hours_per_success
    if math.isfinite(per_win):
        per_win_text = f"{num(per_win)} h per customer reaching success"
    else:
        per_win_text = "and nobody reaches success"
    return wrapped(
        f"{name}:\n"
        f"   marketing {num(result.leads_per_month_mean)} leads/month, sales "
        f"{num(result.deals_per_month)} deals/month, "
        f"CS {num(result.handling_hours, digits=1)} h/customer\n"
        f"   customers: {num(result.customers_reaching_success)} reach success in "
        f"{result.months} months, {num(result.referrals)} referred leads,\n"
        f"   {num(result.referrals_per_customer, digits=2)} referrals per customer won\n"
        f"   waste: {num(result.waste_hours)} h ({pct(result.waste_share)} of all work),\n"
        f"   {per_win_text}"
    )


def verdict(result: GtmResult, ref: GtmResult) -> tuple[str, str]:
    """One or two sentences on the run against the end-to-end run, and their tone."""
    if max(result.steering.values()) == 0:
        return (
            f"Steered end to end: {num(ref.customers_reaching_success)} customers reached "
            f"success in {ref.months} months and each customer won makes "
            f"{num(ref.referrals_per_customer, digits=2)} referrals. Move the slider to let "
            f"departments "
            f"chase their own targets.",
            "info",
        )
    if ref.customers_reaching_success <= 0:
        return ("No customer reaches success in this scenario, however it is steered.", "warn")
    change = result.customers_reaching_success / ref.customers_reaching_success - 1.0
    flipped = (
        " Under these assumptions this run reaches at least as many customers as end-to-end "
        "steering: the verdict has flipped."
        if change >= 0
        else ""
    )
    waste = result.waste_hours / ref.waste_hours if ref.waste_hours > 0 else 1.0
    scores = (
        f"leads "
        f"x{num(result.leads_per_month_mean / max(ref.leads_per_month_mean, 1e-9), digits=1)}, "
        f"deals x{num(result.deals_per_month / max(ref.deals_per_month, 1e-9), digits=1)}, "
        f"{num(result.handling_hours, digits=1)} onboarding hours per customer instead of "
        f"{num(ref.handling_hours, digits=1)}"
    )
    return (
        f"Department scores: {scores}. Customers reaching success: "
        f"{num(result.customers_reaching_success)} ({pct(change, sign=True)}); hours wasted "
        f"x{num(waste, digits=1)} ({pct(result.waste_share)} of all work)." + flipped,
        "warn" if change < -0.005 else "good",
    )


# How each assumption reads in a sentence, and whether its values are shares (printed as %).
_WORDS = {
    "broad_fit_share": ("fit of the extra leads", True),
    "success_ceiling_poor_fit": ("poor-fit success ceiling", True),
    "onboarding_hours_scale": ("onboarding hours scale", False),
    "success_loss_per_wait_day": ("chance lost per day waited", True),
}


def assumption_text(setting: str, value: float) -> str:
    """An assumption's value as a reader sees it: ``"37%"`` or ``"2.5 h"``."""
    share = _WORDS[setting][1]
    return pct(value) if share else f"{num(value, digits=1)} h"


@writes(VerdictSweep, "__str__")
def sweep_text(sweep: VerdictSweep) -> str:
    """Where one assumption's sweep flips the verdict, in a sentence (``print(sweep)``)."""
    name = _WORDS[sweep.setting][0]
    lo, hi = sweep.values[0], sweep.values[-1]
    if sweep.crossing is None:
        return wrapped(
            f"{name} (today {assumption_text(sweep.setting, sweep.today)}): local targets "
            f"never catch up between {assumption_text(sweep.setting, lo)} and "
            f"{assumption_text(sweep.setting, hi)}."
        )
    return wrapped(
        f"{name} (today {assumption_text(sweep.setting, sweep.today)}): local targets catch "
        f"up at {assumption_text(sweep.setting, sweep.crossing)}."
    )


@writes(PoolingResult, "__str__")
def pooling_text(result: PoolingResult) -> str:
    """The pooling experiment's waits, a few lines (``print(result)``)."""
    # the specialists' M/G/1 value is exact for any cv; the pooled M/G/c one is not
    pooled_label = "theory" if result.cv == 1 else "approximate theory"

    def days(mean_half: tuple[float, float], theory: float, label: str) -> str:
        mean, half = mean_half
        return f"{num(mean, digits=1):>5} ± {num(half, digits=1)} ({label} {num(theory, digits=1)})"

    return wrapped(
        f"CS loaded at {pct(result.load, digits=1)}, {result.cs_people} people, "
        f"{result.replications} runs of {num(result.customers)} customers.\n"
        f"Mean wait before onboarding starts, in working days:\n"
        f"   one shared queue:   {days(result.pooled, result.pooled_theory, pooled_label)}\n"
        f"   one per specialist: {days(result.specialists, result.specialist_theory, 'theory')}"
    )


@writes(OnboardingQueue, "__str__")
def queue_text(queue: OnboardingQueue) -> str:
    """How long a new customer waits for onboarding, a sentence (``print(queue)``)."""
    if not queue.stable:
        return wrapped(
            f"CS loaded at {pct(queue.utilisation)}: the onboarding queue grows without "
            f"end; new customers wait longer every month."
        )
    return wrapped(
        f"CS loaded at {pct(queue.utilisation)}: a new customer waits "
        f"{num(queue.wait_working_days, digits=1)} working days on average before onboarding "
        f"starts."
    )


# What limits marketing's leads in a plan (GtmPlan.binding), as the plan's steps say it.
_BINDING = {
    "focused_leads": "the focused leads available",
    "cs_hours": "the CS team's hours",
    "sales_hours": "the sales team's hours",
}


def _load_why(plan: GtmPlan) -> str:
    """Where the plan's load limit comes from, in words."""
    if plan.load_basis == "as_set":
        return "as set"
    if plan.load_basis == "no_onboarding":
        return "no onboarding is needed"
    return (
        f"the most that keeps a new customer's average wait for onboarding within "
        f"{num(plan.max_wait_working_days, digits=1)} working days, with "
        f"{count(plan.cs_people, 'person', 'people')} sharing one queue"
    )


@writes(GtmPlan, "message")
def plan_message(plan: GtmPlan) -> str:
    """The plan in one sentence, or why its target cannot be reached (``plan.message``)."""
    sc, target = plan.scenario, num(plan.target_referrals_per_customer, digits=2)
    if plan.stop == "no_referrals":
        return "Not reachable: in this scenario nobody refers anyone (referrals_per_success = 0)."
    if plan.stop == "referrals_per_success":
        return (
            f"Not reachable: even if every customer succeeded, each would refer only "
            f"{num(sc.referrals_per_success, digits=2)}; {target} needs a better referral "
            f"experience (referrals_per_success), not a better funnel."
        )
    if plan.stop == "no_customers":
        return (
            "Not reachable: in this scenario no marketing lead ever becomes a customer "
            "(check focused_fit_share and the close rates)."
        )
    if plan.stop == "success_ceiling":
        best = plan.best_success_share
        return (
            f"Not reachable: even with unlimited onboarding at most {pct(best, digits=1)} of "
            f"customers succeed, which gives {num(best * sc.referrals_per_success, digits=2)} "
            f"referrals per customer; {target} needs a better product fit "
            f"(success_ceiling_fit) or a better referral experience (referrals_per_success)."
        )
    hours = num(plan.onboarding_hours, digits=1)
    if plan.stop == "team_capacity":
        return (
            f"Not reachable with these teams: at {hours} onboarding hours each, "
            f"{_BINDING[plan.binding]} cannot carry even one marketing lead a month."
        )
    return (
        f"Every customer refers {target}: at least {pct(plan.success_share)} must succeed, so "
        f"give each {hours} onboarding hours, turn poor fits away in sales and send at most "
        f"{int(plan.leads_per_month)} focused leads a month."
    )


@writes(GtmPlan, "steps")
def plan_steps(plan: GtmPlan) -> tuple[str, ...]:
    """The plan's chain from the result back to marketing, one sentence a step; an
    infeasible plan ends with why (``plan.steps``)."""
    sc = plan.scenario
    steps = [
        f"Target: every customer refers {num(plan.target_referrals_per_customer, digits=2)} "
        f"others on average."
    ]
    if plan.success_share is None:  # stopped at the referral step
        return (*steps, plan_message(plan))
    steps.append(
        f"Referral: a successful customer refers {num(sc.referrals_per_success, digits=2)}, "
        f"so at least {pct(plan.success_share, digits=1)} of customers must reach success."
    )
    if plan.customer_fit_share is None:  # stopped at the sales step
        return (*steps, plan_message(plan))
    steps.append(
        f"Sales: qualify every lead and turn away the poor fits it recognises "
        f"({pct(sc.qualify_catch_share)}), so at least {pct(plan.customer_fit_share, digits=1)} "
        f"of customers fit; with unlimited onboarding at most "
        f"{pct(plan.best_success_share, digits=1)} of them could succeed."
    )
    if plan.onboarding_hours is None:
        return (*steps, plan_message(plan))
    most = plan.max_customers_per_month
    steps.append(
        f"Customer success: give every new customer at least "
        f"{num(plan.onboarding_hours, digits=1)} onboarding hours; booking at most "
        f"{pct(plan.load_limit, digits=1)} of its {num(sc.cs_hours_per_month)} hours a month "
        f"({_load_why(plan)}), the team can onboard at most {num(most, digits=1)} new "
        f"customers a month."
        if math.isfinite(most)
        else "Customer success: no onboarding hours are needed for this target."
    )
    if not plan.feasible:
        return (*steps, plan_message(plan))
    steps.append(
        f"Marketing: send at most {int(plan.leads_per_month)} focused leads a month (people "
        f"who have the problem, {pct(sc.focused_fit_share)} fit); referrals bring the rest. "
        f"The limit is {_BINDING[plan.binding]}."
    )
    if plan.loop_gain >= 1.0:
        steps.append(
            "Warning: each customer brings more than one new customer through referrals, "
            "so demand will outgrow the teams; grow CS and sales, or the run will fall short."
        )
    return tuple(steps)


@writes(GtmPlan, "__str__")
def plan_text(plan: GtmPlan) -> str:
    """The plan's chain of steps and its forward check (``print(plan)``)."""
    steps = plan_steps(plan)
    lines = [f"{i}. {step}" for i, step in enumerate(steps, start=1)]
    if plan.check is not None:
        got = plan.check.referrals_per_customer
        outcome = "reached" if plan.reached else "NOT reached"
        lines.append(
            f"Run forward: {num(got, digits=2)} referrals per customer against a target of "
            f"{num(plan.target_referrals_per_customer, digits=2)}: {outcome}."
        )
    return wrapped("\n".join(lines))


# The designs and measures of compare_designs in words: (name, column heading) and labels.
DESIGN_WORDS = {
    "plan": ("plan, today's teams", "plan"),
    "plan_grown": ("plan, teams grown", "plan+hires"),
    "end_to_end": ("end to end", "end to end"),
    "local_targets": ("local targets", "local"),
}
MEASURE_WORDS = {
    "customers_reaching_success": "customers reaching success",
    "referrals_per_customer": "referrals per customer",
    "mean_wait_days": "wait for onboarding, days",
    "waste_hours": "wasted hours",
    "hours_paid": "hours paid",
    "hours_paid_per_success": "hours paid per success",
}


@writes(DesignComparison, "winners")
def designs_winners(c: DesignComparison) -> str:
    """One sentence per measure: which design does best, generated from the table."""
    lines = []
    for attribute, digits, _ in MEASURES:
        d = c.best(attribute)
        shown = num(c.value(d, attribute), digits=digits)
        lines.append(f"- best on {MEASURE_WORDS[attribute]}: {DESIGN_WORDS[d][0]} ({shown})")
    return "\n".join(lines)


@writes(DesignComparison, "table")
def designs_table(c: DesignComparison) -> str:
    """The four designs side by side, one measure a line."""
    rows = [f"{'':27}" + "".join(f"{DESIGN_WORDS[d][1]:>11}" for d in DESIGNS)]
    for attribute, digits, _ in MEASURES:
        cells = "".join(f"{num(c.value(d, attribute), digits=digits):>11}" for d in DESIGNS)
        rows.append(f"{MEASURE_WORDS[attribute]:27}{cells}")
    return "\n".join(rows)


@writes(DesignComparison, "__str__")
def designs_text(c: DesignComparison) -> str:
    """The elevate step, the table and the winners (``print(comparison)``)."""
    sc = c.plan.settings
    grown = c.runs["plan_grown"]
    head = wrapped(
        f"Elevate: to serve today's demand ({num(grown.leads_per_month)} focused leads a "
        f"month) with the same result, sales needs {num(c.sales_hours_needed)} hours a "
        f"month (today {num(sc['sales_hours_per_month'])}) and CS "
        f"{num(c.cs_hours_needed)} (today {num(sc['cs_hours_per_month'])})."
    )
    return f"{head}\n\n{c.table()}\n\n{c.winners()}"
