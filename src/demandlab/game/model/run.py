"""One team's game, round by round: lesson 05's go-to-market model, one quarter at a time.

Each round runs ``simulate_gtm`` (the lesson's own model, imported, not copied) for one
quarter with the team's three decisions of that round. What carries from one quarter to the
next is what makes the company a demand-response system: customers won in a quarter reach
success ``months_to_success`` later, and each success refers new leads
``referral_delay_months`` after that. Those referred leads enter a later quarter's funnel
beside marketing's own leads (they fit at ``referral_fit_share`` and cost marketing nothing),
so a quarter's decisions shape the demand of the quarters after it.

Each round's random draws are seeded from the game's seed and the round's number only, so
two teams that make the same decisions get the same result, and the room service, a
notebook and a test all get the same numbers from the same decisions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from ...checks import InputError, choice, frozen, in_range, refuse, show
from ...gtm.model import SCENARIO_SETTINGS, simulate_gtm
from ...gtm.scenario import SCENARIO
from ..scenario import (
    CHOICES,
    DECISIONS,
    DEEPEST_DISCOUNT_PERCENT,
    DEPARTMENTS,
    GAME,
    MAX_ROUNDS,
    GameScenario,
)

__all__ = [
    "TeamRun",
    "bot_decisions",
    "check_decision",
    "check_decisions",
    "end_to_end_target",
    "local_targets",
    "play_team",
    "round_seed",
]


def check_decision(department: object, values: object) -> dict[str, float]:
    """One department's decision, checked: ``{name: number}`` with exactly its names, each
    number within its range (an :class:`~demandlab.checks.InputError` names what is wrong).

    Examples
    --------
    >>> check_decision("cs", {"onboarding_hours": 12})
    {'onboarding_hours': 12.0}
    >>> check_decision("cs", {"onboarding_hours": 40})
    Traceback (most recent call last):
    ...
    demandlab.checks.InputError: onboarding_hours must be a number between 1 and 20, got 40
    >>> check_decision("sales", {"approach": "pitch", "discount_percent": 10})
    Traceback (most recent call last):
    ...
    demandlab.checks.InputError: approach must be one of 'qualify', 'push', got 'pitch'
    """
    if not isinstance(department, str) or department not in DECISIONS:
        allowed = "one of " + ", ".join(repr(d) for d in DEPARTMENTS)
        raise refuse("department", department, allowed)
    named = CHOICES.get(department, {})
    ranges = DECISIONS[department]
    if not isinstance(values, Mapping) or set(values) != {*named, *ranges}:
        names = ", ".join(repr(n) for n in (*named, *ranges))
        raise refuse("decision", values, f"a mapping with exactly {names} for {department}")
    out: dict = {name: choice(name, values[name], allowed) for name, allowed in named.items()}
    for name, (low, high, _step, _unit) in ranges.items():
        out[name] = in_range(name, values[name], low, high)
    return out


def check_decisions(decisions: object) -> dict[str, dict[str, float]]:
    """A team's decisions for one round: every department's, each checked."""
    if not isinstance(decisions, Mapping) or set(decisions) != set(DEPARTMENTS):
        raise refuse("decisions", decisions, f"a mapping with exactly {', '.join(DEPARTMENTS)}")
    return {d: check_decision(d, decisions[d]) for d in DEPARTMENTS}


def round_seed(scenario: GameScenario, round_number: int) -> int:
    """The seed of one round's draws: the game's seed and the round, never the team."""
    return int(np.random.SeedSequence([scenario.seed, round_number]).generate_state(1)[0])


def bot_decisions(department: str, round_number: int, scenario: GameScenario = GAME) -> dict:
    """What a bot decides: its local target in the first half, end to end in the second."""
    half = scenario.bot_local if round_number <= scenario.rounds // 2 else scenario.bot_end_to_end
    return dict(half[department])


@dataclass(frozen=True)
class TeamRun:
    """One team's game so far, one value per round played (arrays are read-only).

    Attributes
    ----------
    decisions : tuple of dict
        Each round's decisions, ``{department: {decision: value}}``.
    leads : ndarray
        Marketing's scoreboard: leads marketing brought in that quarter.
    deals : ndarray
        Sales' scoreboard: deals closed that quarter (new customers).
    handling_hours : ndarray
        Customer success's scoreboard: onboarding hours each new customer got that quarter
        (less than decided when more customers came than the team had hours for).
    successes : ndarray
        The customer: customers who reached success that quarter.
    referred_leads : ndarray
        The customer: leads that successful customers referred, arriving that quarter.
    leads_gone_cold : ndarray
        The customer: leads left waiting for sales until they went cold that quarter.
    cohort_successes : ndarray
        Of the customers won that quarter, how many will reach success (some after the game).
    """

    decisions: tuple
    leads: np.ndarray
    deals: np.ndarray
    handling_hours: np.ndarray
    successes: np.ndarray
    referred_leads: np.ndarray
    leads_gone_cold: np.ndarray
    cohort_successes: np.ndarray

    @property
    def rounds_played(self) -> int:
        return len(self.decisions)

    def row(self, round_number: int) -> dict[str, float]:
        """Every number of one round (1-based), as plain floats."""
        i = round_number - 1
        if not 0 <= i < self.rounds_played:
            raise refuse("round_number", round_number, f"a round in 1..{self.rounds_played}")
        return {name: float(getattr(self, name)[i]) for name in ROUND_NUMBERS}


# The per-round numbers, in the order tables and the CSV export show them.
DEPARTMENT_NUMBERS = {"marketing": "leads", "sales": "deals", "cs": "handling_hours"}
CUSTOMER_NUMBERS = ("successes", "referred_leads", "leads_gone_cold")
ROUND_NUMBERS = (*DEPARTMENT_NUMBERS.values(), *CUSTOMER_NUMBERS)


def _settings(scenario: GameScenario) -> dict:
    settings = {name: SCENARIO[name] for name in SCENARIO_SETTINGS}
    settings["months"] = scenario.months_per_round
    return settings


def play_team(decisions: Sequence, scenario: GameScenario = GAME) -> TeamRun:
    """Play one team's game: each round one quarter of lesson 05's company.

    Parameters
    ----------
    decisions : sequence of mappings
        One per round played: ``{"marketing": {"leads_per_month": ...}, "sales":
        {"approach": "qualify" or "push", "discount_percent": ...}, "cs":
        {"onboarding_hours": ...}}`` (choices and ranges in ``game/scenario.py``).
    scenario : GameScenario
        Months per round and the game's seed (``GAME`` by default).

    Returns
    -------
    TeamRun
        Each round's department scoreboards and customer outcome.

    Examples
    --------
    >>> local = {"marketing": {"leads_per_month": 450},
    ...          "sales": {"approach": "push", "discount_percent": 30},
    ...          "cs": {"onboarding_hours": 4}}
    >>> e2e = {"marketing": {"leads_per_month": 150},
    ...        "sales": {"approach": "qualify", "discount_percent": 0},
    ...        "cs": {"onboarding_hours": 12}}
    >>> a, b = play_team([local] * 6), play_team([e2e] * 6)
    >>> bool(a.deals.sum() > b.deals.sum()), bool(a.successes.sum() < b.successes.sum())
    (True, True)
    """
    if isinstance(decisions, (str, bytes, Mapping)) or not isinstance(decisions, Sequence):
        raise refuse("decisions", decisions, "a list of rounds' decisions")
    if len(decisions) > MAX_ROUNDS:
        raise InputError(
            f"decisions must hold at most {MAX_ROUNDS} rounds, got {len(decisions)}: "
            f"{show(decisions)}"
        )
    if not isinstance(scenario, GameScenario):
        raise refuse("scenario", scenario, "a GameScenario (game/scenario.py's GAME)")
    rounds = [check_decisions(d) for d in decisions]
    rows, carry = [], None
    for r in range(len(rounds)):
        row, carry = _advance(scenario, rounds[: r + 1], carry)
        rows.append(row)
    out = np.array(rows, dtype=float).reshape(len(rounds), len(ROUND_NUMBERS) + 1).T
    return TeamRun(
        decisions=tuple(rounds),
        **{name: frozen(out[i]) for i, name in enumerate(ROUND_NUMBERS)},
        cohort_successes=frozen(out[-1]),
    )


# A room closes a round for every team at once: each team's earlier rounds are kept, keyed by
# the decisions that made them, so a close runs one quarter per team, not the whole game.
_PREFIXES: dict = {}
_PREFIXES_MAX = 20_000


def _prefix_key(scenario: GameScenario, rounds: list) -> tuple:
    return (
        scenario.months_per_round,
        scenario.seed,
        tuple(tuple(sorted((d, tuple(sorted(v.items()))) for d, v in r.items())) for r in rounds),
    )


def _quarter_run(scenario: GameScenario, r: int, d: dict, referred: float):
    """Round ``r`` (0-based) as one run of lesson 05's go-to-market model: the team's
    decisions ``d``, with ``referred`` leads a month arriving on top of marketing's."""
    s = _settings(scenario)
    volume = d["marketing"]["leads_per_month"]
    focused = min(volume, s["focused_leads_per_month"])
    pool = focused + referred
    # The quarter's leads: marketing's focused leads and the referred ones (which fit at
    # referral_fit_share and cost marketing nothing) enter as one focused stream.
    # Sales' two decisions: pushing is lesson 05's deals-target sale (no qualifying call, a
    # shorter pitch), qualifying its end-to-end one; the discount sets how often a pursued
    # poor-fit lead closes, from the honest rate at list price to the pushed rate at the
    # deepest discount, whichever the approach.
    deal = d["sales"]["discount_percent"] / DEEPEST_DISCOUNT_PERCENT
    poor_close = s["close_rate_poor_fit"] + deal * (
        s["pushed_close_rate_poor_fit"] - s["close_rate_poor_fit"]
    )
    return simulate_gtm(
        sales=1.0 if d["sales"]["approach"] == "push" else 0.0,
        leads_per_month=volume + referred,
        onboarding_hours=d["cs"]["onboarding_hours"],
        seed=round_seed(scenario, r + 1),
        **{
            **s,
            "focused_leads_per_month": pool,
            "close_rate_poor_fit": poor_close,
            "pushed_close_rate_poor_fit": poor_close,
            "focused_fit_share": (
                (focused * s["focused_fit_share"] + referred * s["referral_fit_share"]) / pool
                if pool > 0
                else 0.0
            ),
            "marketing_hours_per_lead": (
                s["marketing_hours_per_lead"] * volume / (volume + referred)
                if volume + referred > 0
                else 0.0
            ),
        },
    )


def _advance(scenario: GameScenario, rounds: list, carry: tuple | None) -> tuple:
    """The last of ``rounds`` played after the others: (its numbers, what carries on)."""
    key = _prefix_key(scenario, rounds)
    if key in _PREFIXES:
        return _PREFIXES[key]
    m = scenario.months_per_round
    s = _settings(scenario)
    r = len(rounds) - 1
    if carry is None:
        if r > 0:
            carry = _advance(scenario, rounds[:-1], None)[1]
        else:
            size = m * (MAX_ROUNDS + 1) + s["months_to_success"] + s["referral_delay_months"] + 1
            carry = (np.zeros(size), np.zeros(size))
    # Customers reaching success, and referred leads arriving, each month of the game.
    succ_at, referred_at = carry[0].copy(), carry[1].copy()
    d = rounds[-1]
    month0 = r * m
    referred = float(referred_at[month0 : month0 + m].mean())  # a month, this quarter
    volume = d["marketing"]["leads_per_month"]
    run = _quarter_run(scenario, r, d, referred)
    all_leads = float(run.marketing_leads.sum())
    share = volume / (volume + referred) if volume + referred > 0 else 0.0
    for k in range(m):
        land = month0 + k + s["months_to_success"]
        succ_at[land] += run.cohort_successes[k]
        referred_at[land + s["referral_delay_months"]] += run.cohort_referrals[k]
    row = (
        all_leads * share,
        float(run.deals.sum()),
        run.handling_hours,
        float(succ_at[month0 : month0 + m].sum()),
        all_leads * (1.0 - share),
        float(run.leads_gone_cold.sum()),
        float(run.cohort_successes.sum()),
    )
    succ_at.flags.writeable = referred_at.flags.writeable = False
    if len(_PREFIXES) >= _PREFIXES_MAX:
        _PREFIXES.clear()
    _PREFIXES[key] = (row, (succ_at, referred_at))
    return _PREFIXES[key]


def local_targets(scenario: GameScenario = GAME) -> dict[str, float]:
    """Each department's local target for a quarter: what the company makes of a quarter
    when every department chases its own number (the bots' local policy), rounded.

    Marketing and sales aim at or above their target; customer success at or below it.
    """
    run = play_team([scenario.bot_local] * 2, scenario)
    return {
        "marketing": float(round(run.leads[-1], -1)),
        "sales": float(round(run.deals[-1])),
        "cs": float(scenario.bot_local["cs"]["onboarding_hours"]),
    }


def end_to_end_target(scenario: GameScenario = GAME) -> float:
    """The second half's end-to-end target: customers reaching success in a quarter, what the
    company steered end to end from the start reaches in the game's last quarter (rounded)."""
    run = play_team([scenario.bot_end_to_end] * scenario.rounds, scenario)
    return float(round(run.successes[-1]))
