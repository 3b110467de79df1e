"""A room: one round played by many players at once, as a plain state machine.

No sockets and no threads: the server (``ui/room_server.py``) feeds it what
arrives (a join, an answer, a dropped connection) with the time of the host's
monotonic clock, calls :meth:`Room.tick` when :meth:`Room.wake_at` says so, and
sends what :meth:`Room.drain` hands back.  Tests drive it with a fake clock.

The round is the engine's: each player has a :class:`~hitrun_quiz.game.engine.Round`
of the same drawn questions, judged and scored by ``Round.judge`` (speed and
streak as in ``play``); the messages are the engine events' ``to_json()`` plus
a few of the room's own (docs/protocol.md).

The mode is the template round's rules (``game/modes.py``); each player gets
rules of their own.  ``survival``: a player with no lives left is a spectator
(sees the questions and standings, cannot answer); the round ends once one or
no player is left standing (no player, when only one played), or the pool runs
out; standings by right answers, then points.  ``blitz``: one clock for the
room, started with the round; a question closes when everyone has answered,
its time limit passes or the clock runs out, and the next follows at once.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from hitrun_quiz.errors import QuizError
from hitrun_quiz.game.engine import Round, answer_text
from hitrun_quiz.game.events import (
    AnswerJudged,
    LifelineUsed,
    QuestionAsked,
    Reply,
    RoundFinished,
)
from hitrun_quiz.game.lifelines import ALL, FIFTY, HINT, SKIP, TITLES, fifty_fifty, hint
from hitrun_quiz.game.modes import BLITZ, LADDER, SURVIVAL, Blitz, Rules, Survival, rules_for
from hitrun_quiz.safetext import clean_player_name, fold_name

PROTOCOL_VERSION = 1
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
CODE_LENGTH = 5
DEFAULT_MAX_PLAYERS = 50
DEFAULT_GRACE = 60.0  # seconds a dropped player may resume in
DEFAULT_PAUSE = 4.0  # seconds the answer and standings stay up
MAX_ANSWER = 200  # characters of one answer
STANDINGS_SHOWN = 10  # players in a standings event

Phase = Literal["lobby", "question", "reveal", "over", "closed"]
#: Where a message goes: a player's id, every connected player, or the host's screen.
Target = int | Literal["all", "host"]


class RoomError(QuizError):
    """A room could not be joined or was lost (refused, closed by the host, unreachable): exit 2."""


class Refused(Exception):
    """A player's message was refused: ``code`` is the wire's error code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One message to send; ``close`` ends that player's connection after it."""

    target: Target
    message: dict[str, Any]
    close: bool = False


@dataclass
class Player:
    id: int
    name: str
    token: str
    rnd: Round
    first: int  # the first question (index) this player can answer
    connected: bool = True
    dropped_at: float | None = None
    gone: str | None = None  # why the player is out: 'left', 'removed', 'expired'

    @property
    def active(self) -> bool:
        return self.gone is None


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def new_token() -> str:
    return secrets.token_urlsafe(18)


@dataclass
class Room:
    """The rules of a room; ``template`` is the drawn round every player plays."""

    template: Round
    clock: Callable[[], float] = time.monotonic
    max_players: int = DEFAULT_MAX_PLAYERS
    grace: float = DEFAULT_GRACE
    pause: float = DEFAULT_PAUSE
    code: str = field(default_factory=new_code)
    token: Callable[[], str] = new_token
    phase: Phase = "lobby"
    index: int = -1  # the question open or last revealed
    opened_at: float = 0.0
    reveal_until: float = 0.0
    players: dict[int, Player] = field(default_factory=dict)
    outbox: list[Outgoing] = field(default_factory=list)
    deadline: float | None = None  # blitz: when the room's clock runs out
    _by_token: dict[str, int] = field(default_factory=dict)
    _next_id: int = 1
    _asked: set[int] = field(default_factory=set)  # who may answer the open question

    def __post_init__(self) -> None:
        if not self.template.time_limit:
            raise ValueError("a room's round needs a time limit")
        if self.mode == LADDER:
            raise ValueError("a ladder round is played alone")
        if self.mode == BLITZ:
            self.pause = 0.0  # no pause between a blitz round's questions

    # -- what the server reads

    @property
    def time_limit(self) -> float:
        assert self.template.time_limit is not None
        return self.template.time_limit

    @property
    def total(self) -> int:
        return len(self.template.asked)

    @property
    def mode(self) -> str:
        return self.template.rules.name

    def limit(self) -> float:
        """The open question's time limit: a blitz question's ends with the room's clock."""
        if self.deadline is not None:
            return max(0.0, min(self.time_limit, self.deadline - self.opened_at))
        return self.time_limit

    def seconds_left(self) -> float | None:
        """Blitz: the seconds left on the room's clock (None in other modes)."""
        if self.mode != BLITZ:
            return None
        seconds = float(getattr(self.template.rules, "seconds", 0.0))
        left = seconds if self.deadline is None else self.deadline - self.clock()
        return round(max(0.0, left), 1)

    @staticmethod
    def knocked_out(p: Player) -> bool:
        """Survival: no lives left (a spectator from then on)."""
        return isinstance(p.rnd.rules, Survival) and p.rnd.rules.knocked_out

    def standing(self) -> list[Player]:
        """The players still in the game (survival: with lives left)."""
        return [p for p in self.active() if not self.knocked_out(p)]

    def status(self) -> dict[str, Any] | None:
        """The room's mode status for the question and standings events (None: classic)."""
        if self.mode == SURVIVAL:
            return {
                "mode": SURVIVAL,
                "standing": len(self.standing()),
                "players": len(self.active()),
            }
        if self.mode == BLITZ:
            return {"mode": BLITZ, "seconds_left": self.seconds_left()}
        return None

    def player_status(self, p: Player) -> dict[str, Any] | None:
        """One player's mode status (lives, knocked out, seconds left); None: classic."""
        if self.mode == SURVIVAL:
            return p.rnd.rules.status(0.0).to_json()
        if self.mode == BLITZ:
            return {"mode": BLITZ, "seconds_left": self.seconds_left()}
        return None

    def active(self) -> list[Player]:
        return [p for p in self.players.values() if p.active]

    def drain(self) -> list[Outgoing]:
        """The messages to send since the last call, in order."""
        out, self.outbox = self.outbox, []
        return out

    def wake_at(self) -> float | None:
        """When :meth:`tick` has something to do (a deadline, a pause, a grace period)."""
        times = [
            p.dropped_at + self.grace
            for p in self.players.values()
            if p.active and not p.connected and p.dropped_at is not None
        ]
        if self.phase == "question":
            times.append(self.opened_at + self.limit())
        elif self.phase == "reveal":
            times.append(self.reveal_until)
        return min(times) if times else None

    # -- players

    def join(self, code: str, name: str) -> Player:
        """A new player; raises Refused (bad code, bad or taken name, full, over)."""
        self._check_code(code)
        if self.phase in ("over", "closed"):
            raise Refused("room-over", "the round in this room is over")
        clean = clean_player_name(name)
        if not clean:
            raise Refused("bad-name", "a name needs at least one visible character")
        key = fold_name(clean)
        if any(fold_name(p.name) == key for p in self.active()):
            raise Refused("name-taken", f"the name {clean} is taken in this room")
        if len(self.active()) >= self.max_players:
            raise Refused("room-full", f"the room is full ({self.max_players} players)")
        t = self.template
        rnd = Round.of_questions(
            t.packs,
            t.asked,
            seed=t.seed,
            kind=t.kind,
            time_limit=t.time_limit,
            filters=t.filters,
            clock=self.clock,
        )
        rnd.requested, rnd.available = t.requested, t.available
        rnd.rules = self._new_rules()
        first = 0 if self.phase == "lobby" else self.index + 1
        player = Player(self._next_id, clean, self.token(), rnd, first)
        self._next_id += 1
        for asked in t.asked[:first]:  # late: the questions already asked stay unanswered
            rnd.results.append(AnswerJudged(asked, "unanswered", None, 0, 0, 0, None))
        self.players[player.id] = player
        self._by_token[player.token] = player.id
        self._welcome(player)
        self._send("host", {"event": "joined", "player": clean, "players": len(self.active())})
        return player

    def resume(self, code: str, token: str) -> Player:
        """A dropped player back, score kept; raises Refused for an unknown or expired token."""
        self._check_code(code)
        pid = self._by_token.get(token) if isinstance(token, str) else None
        player = self.players.get(pid) if pid is not None else None
        if player is None or player.gone in ("left", "removed"):
            raise Refused("bad-token", "no player in this room has that token")
        if player.gone == "expired" or self.phase == "closed":
            raise Refused("expired", "too late to resume: the grace period is over")
        player.connected, player.dropped_at = True, None
        self._welcome(player)
        self._send("host", {"event": "back", "player": player.name})
        if self.phase == "question" and (self._can_answer(player) or self.knocked_out(player)):
            msg = self._question_message(remaining=True)
            hidden, hinted = self._aids(player)
            msg |= {"hidden": list(hidden)} if hidden else {}
            msg |= {"hint": hinted} if hinted is not None else {}
            self._send(player.id, msg)
        return player

    def dropped(self, pid: int) -> None:
        """The player's connection went away: they may resume within the grace period."""
        player = self.players.get(pid)
        if player is None or not player.active or not player.connected:
            return
        player.connected, player.dropped_at = False, self.clock()
        self._send("host", {"event": "dropped", "player": player.name, "grace": self.grace})

    def leave(self, pid: int) -> None:
        """The player left for good: out of the standings, not recorded."""
        self._out(pid, "left")

    def remove(self, name: str) -> bool:
        """The host removes a player by name; False when there is none."""
        key = fold_name(name)
        for p in self.active():
            if fold_name(p.name) == key:
                if p.connected:
                    self.outbox.append(Outgoing(p.id, self._msg({"event": "removed"}), close=True))
                self._out(p.id, "removed")
                return True
        return False

    def answer(self, pid: int, number: Any, text: Any) -> None:
        """One answer, timed now by the host's clock; raises Refused when it cannot count."""
        player = self.players[pid]
        if not isinstance(text, str) or len(text) > MAX_ANSWER:
            raise Refused("bad-answer", f"an answer is a string of at most {MAX_ANSWER} characters")
        if self.knocked_out(player):
            raise Refused("knocked-out", "you are out of lives: watching until the round ends")
        if self.phase != "question" or number != self.index + 1:
            raise Refused("not-now", "that question is not open")
        if not self._can_answer(player):
            raise Refused("already-answered", "one answer a question")
        seconds = self.clock() - self.opened_at
        reply = Reply.answer(text, seconds) if text.strip() else Reply("skip", "", seconds)
        self._judge(player, reply)

    def _judge(self, player: Player, reply: Reply) -> None:
        """Judge the open question's reply (an answer, or the skip lifeline)."""
        pid, number = player.id, self.index + 1
        player.rnd.judge(self.template.asked[self.index], reply)
        self._send(pid, {"event": "answered", "number": number})
        playing = [p for p in self.active() if p.id in self._asked]
        answered = sum(len(p.rnd.results) > self.index for p in playing)
        self._send(
            "host",
            {"event": "answers", "number": number, "answered": answered, "of": len(playing)},
        )
        self._maybe_reveal()

    def lifeline(self, pid: int, number: Any, name: Any) -> None:
        """A lifeline asked for on the open question, answered to that player only.

        Each once per player per round, where the question allows (game/lifelines.py):
        a refusal is a ``lifeline`` event with ``used: false`` and nothing used up.
        A skip passes the question at once (streak kept, no life lost); the clock of
        the question runs on as for an answer.
        """
        player = self.players[pid]
        if name not in ALL:
            raise Refused("bad-lifeline", "a lifeline is one of " + ", ".join(ALL))
        if self.knocked_out(player):
            raise Refused("knocked-out", "you are out of lives: watching until the round ends")
        if self.phase != "question" or number != self.index + 1:
            raise Refused("not-now", "that question is not open")
        if not self._can_answer(player):
            raise Refused("already-answered", "one answer a question")
        asked = self.template.asked[self.index]
        lines = player.rnd.lifelines
        why = lines.check(name, asked.question)
        if why is not None:
            self._send(pid, LifelineUsed(asked, name, False, why, tuple(lines.left)).to_json())
            return
        lines.use(name, self.index)
        left = tuple(lines.left)
        if name == SKIP:
            self._send(
                pid,
                LifelineUsed(
                    asked, name, True, f"{TITLES[name]}: passed, streak kept", left
                ).to_json(),
            )
            self._send("host", {"event": "lifeline", "player": player.name, "lifeline": name})
            self._judge(player, Reply("skip", "", self.clock() - self.opened_at))
            return
        hidden, hinted = self._aids(player)
        if name == FIFTY:
            gone = ", ".join(asked.choices[i] for i in hidden)
            event = LifelineUsed(asked, name, True, f"50:50 took away {gone}", left, hidden=hidden)
        else:
            event = LifelineUsed(asked, name, True, f"hint: {hinted}", left, hint=hinted)
        self._send(pid, event.to_json())
        self._send("host", {"event": "lifeline", "player": player.name, "lifeline": name})

    def _aids(self, p: Player) -> tuple[tuple[int, ...], str | None]:
        """What the player's lifelines show on the open question: a 50:50's hidden
        options (indices into its choices, the order every player sees) and a hint."""
        asked = self.template.asked[self.index]
        used = p.rnd.lifelines.on(self.index)
        seed = self.template.seed * 1009 + self.index  # as solo: a replay hides the same two
        hidden = fifty_fifty(asked.question, asked.choices, seed) if FIFTY in used else ()
        return hidden, hint(asked.question) if HINT in used else None

    # -- the round

    def start(self) -> None:
        """Close the lobby and ask the first question."""
        if self.phase != "lobby":
            return
        started = self.template.started().to_json()
        if self.mode == BLITZ:
            self.deadline = self.clock() + float(getattr(self.template.rules, "seconds", 0.0))
            for p in self.players.values():
                self._set_clock(p.rnd.rules)
        self._send("all", started)
        self._send("host", started)
        self._open(0)

    def tick(self) -> None:
        """Act on what is due now: a question's time up, a pause over, a grace expired."""
        now = self.clock()
        for p in self.active():
            if not p.connected and p.dropped_at is not None and now >= p.dropped_at + self.grace:
                self._out(p.id, "expired")
        if self.phase == "question" and now >= self.opened_at + self.limit():
            self._reveal()
        if self.phase == "reveal" and now >= self.reveal_until:
            if self._round_over():
                self._end()
            else:
                self._open(self.index + 1)

    def finished(self) -> list[tuple[Player, RoundFinished]]:
        """Each player still in the room and their summary (no rank yet), best first."""
        if self.phase != "over":
            return []
        return [(p, p.rnd.finish()) for p in self._ranked()]

    def send_summaries(self, summaries: dict[int, RoundFinished], replay: str) -> None:
        """Each player's summary (ranked by the caller), the standings, how to replay."""
        table = self.standings()
        for p in self._ranked():
            s = summaries.get(p.id) or p.rnd.finish()
            msg = s.to_json() | {"player": p.name, "place": self._place(p), "replay": replay}
            self._send(p.id, msg | {"standings": table[:STANDINGS_SHOWN]}, close=True)
        self._send(
            "host",
            {"event": "summary", "seed": self.template.seed, "standings": table, "replay": replay},
        )

    def close(self, reason: str) -> None:
        """The host stops the room: every connected player is told."""
        self.phase = "closed"
        self._send("all", {"event": "closed", "reason": reason}, close=True)

    def standings(self) -> list[dict[str, Any]]:
        rows = []
        for p in self._ranked():
            row: dict[str, Any] = {
                "place": self._place(p),
                "player": p.name,
                "score": p.rnd.score,
                "correct": _correct(p),
                "streak": p.rnd.streak,
            }
            if isinstance(p.rnd.rules, Survival):
                row.update(lives=max(0, p.rnd.rules.lives), out=p.rnd.rules.knocked_out)
            rows.append(row)
        return rows

    # -- inside

    def _check_code(self, code: Any) -> None:
        if not isinstance(code, str) or not secrets.compare_digest(
            code.strip().upper().encode(), self.code.encode()
        ):
            raise Refused("bad-code", "no room with that code here")

    def _new_rules(self) -> Rules:
        """A player's own rules of the room's mode (lives of their own; the room's clock)."""
        rules = rules_for(self.mode, seconds=getattr(self.template.rules, "seconds", None))
        self._set_clock(rules)
        return rules

    def _set_clock(self, rules: Rules) -> None:
        if isinstance(rules, Blitz) and self.deadline is not None:
            rules.deadline = self.deadline

    def _can_answer(self, p: Player) -> bool:
        return p.active and p.id in self._asked and len(p.rnd.results) == self.index

    def _key(self, p: Player) -> tuple[int, ...]:
        """What ranks a player: points; survival: right answers, then points."""
        if self.mode == SURVIVAL:
            return (_correct(p), p.rnd.score)
        return (p.rnd.score,)

    def _ranked(self) -> list[Player]:
        return sorted(self.active(), key=lambda p: (tuple(-k for k in self._key(p)), p.id))

    def _place(self, player: Player) -> int:
        """1 + the number of players ranked strictly higher (ties share a place)."""
        mine = self._key(player)
        return 1 + sum(self._key(p) > mine for p in self.active())

    def _round_over(self) -> bool:
        """After a reveal: the pool ran out, the blitz clock ran out, or survival's last stand."""
        if self.index + 1 >= self.total:
            return True
        if self.deadline is not None and self.clock() >= self.deadline:
            return True
        if self.mode == SURVIVAL:
            standing = len(self.standing())
            out = len(self.active()) - standing
            return standing == 0 or (standing == 1 and out > 0)
        return False

    def _end(self) -> None:
        self.phase = "over"
        if self.mode in (SURVIVAL, BLITZ):  # ended by the room's rules: each round is played out
            for p in self.active():
                p.rnd.rules.over = True

    def _msg(self, message: dict[str, Any]) -> dict[str, Any]:
        return {"v": PROTOCOL_VERSION, **message}

    def _send(self, target: Target, message: dict[str, Any], close: bool = False) -> None:
        self.outbox.append(Outgoing(target, self._msg(message), close))

    def _welcome(self, p: Player) -> None:
        self._send(
            p.id,
            {
                "event": "welcome",
                "player": p.name,
                "token": p.token,
                "code": self.code,
                "phase": self.phase,
                "number": max(self.index + 1, 0),
                "first": p.first + 1,
                "total": self.total,
                "time_limit": self.time_limit,
                "score": p.rnd.score,
                "streak": p.rnd.streak,
                "lifelines": list(p.rnd.lifelines.left),
            }
            | self._with_status(self.player_status(p)),
        )
        if self.phase != "lobby":
            self._send(p.id, self.template.started().to_json())

    def _out(self, pid: int, why: str) -> None:
        player = self.players.get(pid)
        if player is None or not player.active:
            return
        player.gone, player.connected = why, False
        self._send("host", {"event": "left", "player": player.name, "reason": why})
        self._maybe_reveal()

    def _maybe_reveal(self) -> None:
        """Reveal early once every connected player has answered."""
        if self.phase == "question" and not any(
            p.connected and self._can_answer(p) for p in self.active()
        ):
            self._reveal()

    @staticmethod
    def _with_status(status: dict[str, Any] | None) -> dict[str, Any]:
        return {} if status is None else {"status": status}

    def _question_message(self, remaining: bool = False) -> dict[str, Any]:
        asked = self.template.asked[self.index]
        msg = QuestionAsked(asked, 0, 0).to_json() | {"time_limit": round(self.limit(), 3)}
        del msg["lifelines"]  # each player's own: in the welcome and the lifeline events
        msg |= self._with_status(self.status())
        if remaining:
            left = self.opened_at + self.limit() - self.clock()
            msg["remaining"] = round(max(left, 0.0), 3)
        return msg

    def _open(self, index: int) -> None:
        self.phase, self.index, self.opened_at = "question", index, self.clock()
        self._asked = {p.id for p in self.active() if p.first <= index and not self.knocked_out(p)}
        msg = self._question_message()
        self._send("all", msg)
        self._send("host", msg | {"players": len(self.active())})

    def _reveal(self) -> None:
        asked = self.template.asked[self.index]
        for p in self.active():
            if p.id in self._asked and len(p.rnd.results) == self.index:  # out of time
                p.rnd.judge(asked, Reply("timeout", "", None))
        self.phase, self.reveal_until = "reveal", self.clock() + self.pause
        table = self.standings()
        answered = [p for p in self._ranked() if len(p.rnd.results) > self.index]
        for p in answered:  # a spectator (knocked out before this question) gets no result
            result = p.rnd.results[self.index]
            self._send(p.id, result.to_json() | {"place": self._place(p), "players": len(table)})
        answer = answer_text(asked.question.answer)
        status = self._with_status(self.status())
        self._send(
            "all",
            {
                "event": "standings",
                "number": self.index + 1,
                "total": self.total,
                "answer": answer,
                "standings": table[:STANDINGS_SHOWN],
            }
            | status,
        )
        results = []
        for p in answered:
            r = p.rnd.results[self.index]
            row = {"player": p.name, "outcome": r.outcome, "points": r.points}
            row |= {"seconds": _seconds(r)} | self._with_status(self.player_status(p))
            if r.lifelines:
                row["lifelines"] = list(r.lifelines)
            results.append(row)
        self._send(
            "host",
            {"event": "reveal", "number": self.index + 1, "answer": answer, "results": results}
            | status,
        )
        for p in answered:
            if self.knocked_out(p) and p.id in self._asked:  # knocked out by this question
                self._send("host", {"event": "out", "player": p.name})
        self._asked = set()
        self._send(
            "host", {"event": "standings", "number": self.index + 1, "standings": table} | status
        )


def _correct(p: Player) -> int:
    return sum(r.correct for r in p.rnd.results)


def _seconds(result: AnswerJudged) -> float | None:
    return None if result.seconds is None else round(result.seconds, 3)


def replay_command(rnd: Round) -> str:
    """How to play the room's round alone: ``hitrun-quiz play --seed ...``."""
    import shlex

    parts = ["hitrun-quiz play"]
    parts += [
        f"--pack {shlex.quote(p.path if p.origin == 'file' and p.path else p.id)}"
        for p in rnd.packs
    ]
    if rnd.mode == BLITZ:
        parts.append(f"--mode blitz --seconds {getattr(rnd.rules, 'seconds', 60):g}")
    elif rnd.mode != "classic":
        parts.append(f"--mode {rnd.mode}")
    else:
        parts.append(f"--count {rnd.requested}")
    f = rnd.filters
    parts += [f"--category {shlex.quote(c)}" for c in f.categories]
    parts += [f"--difficulty {d}" for d in f.difficulties]
    parts += [f"--type {t}" for t in f.types]
    if rnd.mode != BLITZ:
        parts.append(f"--time-limit {rnd.time_limit:g}")
    parts.append(f"--seed {rnd.seed}")
    return " ".join(parts)
