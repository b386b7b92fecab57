"""The game's table: who sits in which team, which round is open, what each seat decided.

A game is one frozen :class:`GameState`; every action (join, assign, start a round, decide,
close a round) is a function that returns a new state or raises a :class:`GameRefusal`
that names what is wrong and changes nothing. The room service keeps every accepted action
in SQLite and replays them after a restart (``replay``); solo mode in a notebook uses the
same functions with no server. Numbers come from :func:`play_team`; this file holds no
numpy and no prose beyond the refusals.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import NoReturn

from ...checks import InputError, show
from ..scenario import (
    DEPARTMENT_NAMES,
    DEPARTMENTS,
    GAME,
    MAX_ROUNDS,
    MAX_TEAMS,
    USER_MAX,
    GameScenario,
)
from .run import (
    CUSTOMER_NUMBERS,
    DEPARTMENT_NUMBERS,
    TeamRun,
    bot_decisions,
    check_decision,
    end_to_end_target,
    local_targets,
    play_team,
)

__all__ = [
    "GameRefusal",
    "GameState",
    "apply",
    "assign",
    "close_round",
    "decide",
    "instructor_view",
    "join",
    "new_game",
    "player_view",
    "replay",
    "seat_of",
    "start_round",
    "team_results",
    "teams",
    "tick",
]

ROUND_SECONDS = (10, 3600)  # shortest and longest timer a round may have, seconds


class GameRefusal(InputError):
    """An action the game refuses. ``reason`` says why, for the service's status code:
    "invalid" (a value outside what is allowed), "not-yours" (another seat or team),
    "closed" (the round is not open), "state" (not now: no game, round still open, ...)."""

    def __init__(self, message: str, reason: str = "invalid"):
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class GameState:
    """One game: the seats, the round, this round's decisions and every closed round's.

    ``seats`` is a tuple of ``(team, department, user)``, teams numbered from 1, ``user``
    None for a bot. ``history`` holds each closed round's decisions of every seat,
    ``{team: {department: {decision: value}}}``.
    """

    scenario: GameScenario = GAME
    seats: tuple = ()
    round: int = 0  # the round open now, or the last one closed (0: not started)
    open: bool = False
    deadline: float | None = None  # when the open round closes on its timer (epoch seconds)
    pending: Mapping = field(default_factory=lambda: MappingProxyType({}))
    last: Mapping = field(default_factory=lambda: MappingProxyType({}))
    history: tuple = ()

    @property
    def finished(self) -> bool:
        return self.round >= self.scenario.rounds and not self.open

    @property
    def team_count(self) -> int:
        return max((t for t, _, _ in self.seats), default=0)

    @property
    def second_half(self) -> bool:
        """True once the first half is played (its last round closed): from then on players
        see their customers, for the mid-game debrief and the rounds after it."""
        half = self.scenario.rounds // 2
        return self.round > half or (self.round == half and not self.open)


def new_game(rounds: object = GAME.rounds, seed: object = GAME.seed) -> GameState:
    """A new game with no one seated yet (``rounds`` 2..20, ``seed`` a whole number)."""
    r = _whole("rounds", rounds, 2, MAX_ROUNDS)
    s = _whole("seed", seed, 0, 2**32 - 1)
    return GameState(scenario=GAME.replace(rounds=r, seed=s))


def _whole(name: str, value: object, low: int, high: int) -> int:
    ok = isinstance(value, numbers.Real) and not isinstance(value, bool)
    if ok and math.isfinite(value) and float(value) == int(value) and low <= value <= high:
        return int(value)
    raise GameRefusal(f"{name} must be a whole number in {low}..{high}, got {show(value)}")


def _user(user: object) -> str:
    if not isinstance(user, str) or not 0 < len(user) <= USER_MAX:
        raise GameRefusal(f"user must be a name of 1 to {USER_MAX} characters, got {show(user)}")
    return user


def seat_of(state: GameState, user: str) -> tuple[int, str] | None:
    """(team, department) of a participant, or None when they have no seat."""
    return next(((t, d) for t, d, u in state.seats if u == user), None)


def teams(state: GameState) -> dict[int, dict[str, str | None]]:
    """``{team: {department: user or None (a bot)}}``."""
    out: dict[int, dict] = {}
    for t, d, u in state.seats:
        out.setdefault(t, {})[d] = u
    return out


def _with_seat(state: GameState, team: int, department: str, user: str | None) -> tuple:
    return tuple((t, d, user if (t, d) == (team, department) else u) for t, d, u in state.seats)


def join(state: GameState, user: object) -> GameState:
    """Seat a participant: the first free seat of a team, a new team when all are full (before
    the game starts), or a bot's seat once it has (the player takes over from the bot)."""
    user = _user(user)
    if seat_of(state, user) is not None:
        return state
    free = next(((t, d) for t, d, u in state.seats if u is None), None)
    if free is not None:
        return replace(state, seats=_with_seat(state, *free, user))
    if state.round > 0:
        raise GameRefusal(
            f"the game has started and every seat is taken ({state.team_count} teams of 3); "
            "ask the instructor to seat you",
            "state",
        )
    if state.team_count >= MAX_TEAMS:
        raise GameRefusal(f"the game is full: {MAX_TEAMS} teams of 3", "state")
    team = state.team_count + 1
    new = tuple((team, d, user if i == 0 else None) for i, d in enumerate(DEPARTMENTS))
    return replace(state, seats=state.seats + new)


def assign(state: GameState, user: object, team: object, department: object) -> GameState:
    """The instructor seats a participant in a team and department (a free or bot seat;
    ``team`` may be one past the last, to open a new team)."""
    user = _user(user)
    team = _whole("team", team, 1, min(state.team_count + 1, MAX_TEAMS))
    if department not in DEPARTMENTS:
        raise GameRefusal(
            f"department must be one of {', '.join(map(repr, DEPARTMENTS))}, got {show(department)}"
        )
    seats = state.seats
    if team > state.team_count:
        seats = seats + tuple((team, d, None) for d in DEPARTMENTS)
    holder = next(u for t, d, u in seats if (t, d) == (team, department))
    if holder == user:
        return state
    if holder is not None:
        raise GameRefusal(
            f"{DEPARTMENT_NAMES[department]} in team {team} is {holder}'s seat; move them first",
            "state",
        )
    seats = tuple((t, d, None if u == user else u) for t, d, u in seats)
    seats = tuple((t, d, user if (t, d) == (team, department) else u) for t, d, u in seats)
    return replace(state, seats=seats)


def start_round(state: GameState, now: float, seconds: object = None) -> GameState:
    """Open the next round; with ``seconds`` it closes on its own that many seconds later."""
    if state.open:
        raise GameRefusal(f"round {state.round} is still open: close it first", "state")
    if state.finished:
        raise GameRefusal(
            f"the game has ended: all {state.scenario.rounds} rounds are played", "state"
        )
    if not any(u is not None for _, _, u in state.seats):
        raise GameRefusal("no one has joined the game yet", "state")
    deadline = None
    if seconds is not None:
        deadline = now + _whole("seconds", seconds, *ROUND_SECONDS)
    return replace(
        state, round=state.round + 1, open=True, deadline=deadline, pending=MappingProxyType({})
    )


def _refuse_closed(
    state: GameState, round_number: int | None, late: bool = False, closing: bool = False
) -> NoReturn:
    """Refuse a decision (or, ``closing``, the instructor's close) on a round that is not open,
    saying which round is and what to do. Refusals are worded where they are raised: they
    are error messages, not the lesson's report."""
    kind = "state" if closing else "closed"
    if late:
        raise GameRefusal(f"round {state.round} closed on its timer", kind)
    if state.round == 0:
        raise GameRefusal("the game has not started: wait for the instructor to open round 1", kind)
    if closing:
        raise GameRefusal(
            f"round {state.round} is not open: wait for the instructor to open the next round", kind
        )
    if state.open:
        raise GameRefusal(f"round {round_number} is closed: round {state.round} is open now", kind)
    raise GameRefusal(
        f"round {state.round} is closed: wait for the instructor to open the next round", kind
    )


def decide(
    state: GameState,
    user: object,
    department: object,
    values: object,
    now: float,
    *,
    team: object = None,
    round_number: object = None,
) -> GameState:
    """A player's decision for their own department in the open round (a later one replaces
    it). Refused, naming why: no seat, another team or department, the round not open (or past
    its timer), a round number that is not the open one, a value out of its range."""
    user = _user(user)
    seat = seat_of(state, user)
    if seat is None:
        raise GameRefusal(f"{user} has no seat in this game: join it first", "not-yours")
    my_team, my_dept = seat
    if team is not None and (isinstance(team, bool) or team != my_team):
        raise GameRefusal(
            f"team must be your own team, {my_team}, got {show(team)}: you decide only for "
            f"{DEPARTMENT_NAMES[my_dept]} in team {my_team}",
            "not-yours",
        )
    if department != my_dept:
        raise GameRefusal(
            f"department must be your own, {my_dept!r}, got {show(department)}: you run "
            f"{DEPARTMENT_NAMES[my_dept]} in team {my_team}",
            "not-yours",
        )
    late = state.open and state.deadline is not None and now >= state.deadline
    if not state.open or late:
        _refuse_closed(state, round_number, late)
    if round_number is not None and (isinstance(round_number, bool) or round_number != state.round):
        raise GameRefusal(
            f"round must be the open round, {state.round}, got {show(round_number)}", "closed"
        )
    try:
        checked = check_decision(my_dept, values)
    except InputError as err:
        raise GameRefusal(str(err)) from None
    key = (my_team, my_dept)
    return replace(
        state,
        pending=MappingProxyType({**state.pending, key: checked}),
        last=MappingProxyType({**state.last, key: checked}),
    )


def close_round(state: GameState) -> GameState:
    """Close the open round: a player who has not decided keeps their last decision (or the
    starting one), a bot decides by its policy; the round joins the history."""
    if not state.open:
        _refuse_closed(state, None, closing=True)
    closed: dict[int, dict] = {}
    for t, d, u in state.seats:
        if u is None:
            values = bot_decisions(d, state.round, state.scenario)
        else:
            values = (
                state.pending.get((t, d)) or state.last.get((t, d)) or dict(state.scenario.start[d])
            )
        closed.setdefault(t, {})[d] = dict(values)
    return replace(
        state,
        open=False,
        deadline=None,
        pending=MappingProxyType({}),
        history=state.history + (MappingProxyType(closed),),
    )


def tick(state: GameState, now: float) -> GameState:
    """Close the open round if its timer has run out (the service calls this on every request)."""
    if state.open and state.deadline is not None and now >= state.deadline:
        return close_round(state)
    return state


# --- replay: the service's log of accepted actions -------------------------------------------
def apply(state: GameState | None, event: Mapping) -> GameState:
    """One logged action applied to a state (``{"action": "open" | "join" | "assign" | "start"
    | "decide" | "close", ...}``); an "open" starts a new game whatever came before."""
    a = event.get("action")
    if a == "open":
        return new_game(event["rounds"], event["seed"])
    if state is None:
        raise GameRefusal("no game is open: the instructor opens one first", "state")
    if a == "join":
        return join(state, event["user"])
    if a == "assign":
        return assign(state, event["user"], event["team"], event["department"])
    if a == "start":
        return start_round(state, event["at"], event.get("seconds"))
    if a == "decide":
        return decide(
            state,
            event["user"],
            event["department"],
            event["values"],
            event["at"],
            team=event.get("team"),
            round_number=event.get("round"),
        )
    if a == "close":
        return close_round(state)
    raise GameRefusal(
        f"action must be one of open, join, assign, start, decide, close, got {show(a)}"
    )


def replay(events) -> GameState | None:
    """The state after a log of accepted actions (None before any game is opened)."""
    state = None
    for e in events:
        state = apply(state, e)
    return state


# --- results and views (plain numbers; report.py says them in words) --------------------------
_CACHE: dict = {}


def _key(history: tuple, team: int) -> tuple:
    return tuple(
        tuple((d, tuple(sorted(r[team][d].items()))) for d in DEPARTMENTS) for r in history
    )


def team_results(state: GameState) -> dict[int, TeamRun]:
    """Every team's run over the closed rounds (the same decisions give the same run, cached)."""
    out = {}
    sc = state.scenario
    for team in range(1, state.team_count + 1):
        key = (sc.months_per_round, sc.seed, _key(state.history, team))
        if key not in _CACHE:
            if len(_CACHE) > 4096:
                _CACHE.clear()
            _CACHE[key] = play_team([r[team] for r in state.history], sc)
        out[team] = _CACHE[key]
    return out


def _targets(sc: GameScenario) -> tuple[dict, float]:
    key = ("targets", sc.months_per_round, sc.seed, sc.rounds)
    if key not in _CACHE:
        _CACHE[key] = (local_targets(sc), end_to_end_target(sc))
    return _CACHE[key]


def _rounds_table(run: TeamRun, names) -> list[dict]:
    return [
        {"round": i + 1, **{n: round(float(getattr(run, n)[i]), 2) for n in names}}
        for i in range(run.rounds_played)
    ]


def _status(state: GameState) -> dict:
    return {
        "round": state.round,
        "rounds": state.scenario.rounds,
        "open": state.open,
        "deadline": state.deadline,
        "finished": state.finished,
        "second_half": state.second_half,
    }


def player_view(state: GameState, user: str) -> dict:
    """What one player sees: their seat, the round, their department's scoreboard round by
    round against its local target, and (from the second half on) their team's customer
    outcome and end-to-end target. Never another team's numbers or decisions."""
    seat = seat_of(state, user)
    view = {"game": _status(state), "seat": None}
    if seat is None:
        return view
    team, dept = seat
    local, e2e = _targets(state.scenario)
    run = team_results(state)[team]
    number = DEPARTMENT_NUMBERS[dept]
    view["seat"] = {"team": team, "department": dept}
    view["team"] = {d: u for d, u in teams(state)[team].items()}
    view["decision"] = dict(
        state.pending.get(seat) or state.last.get(seat) or state.scenario.start[dept]
    )
    view["decided_this_round"] = state.open and seat in state.pending
    view["scoreboard"] = {
        "number": number,
        "target": local[dept],
        "rounds": _rounds_table(run, [number]),
    }
    if state.second_half:
        view["customer"] = {"target": e2e, "rounds": _rounds_table(run, CUSTOMER_NUMBERS)}
    return view


def instructor_view(state: GameState) -> dict:
    """Everything, for the instructor's page: seats, who has decided this round, and every
    team's department numbers and customer outcome side by side, round by round."""
    local, e2e = _targets(state.scenario)
    results = team_results(state)
    names = (*DEPARTMENT_NUMBERS.values(), *CUSTOMER_NUMBERS)
    return {
        "game": _status(state),
        "targets": {"local": local, "end_to_end": e2e},
        "teams": [
            {
                "team": t,
                "seats": seats,
                "decided": [d for d in DEPARTMENTS if (t, d) in state.pending],
                "rounds": _rounds_table(results[t], names),
                "decisions": [{d: dict(r[t][d]) for d in DEPARTMENTS} for r in state.history],
            }
            for t, seats in teams(state).items()
        ],
    }
