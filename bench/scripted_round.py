"""How long a scripted 10-question round and ``--version`` take, over a bare Typer command.

``hitrun-quiz play --json --seed 1 --count 10`` with 10 answers on stdin, and
``hitrun-quiz --version``, against ``python -c pass`` and a one-command Typer app
on the same Typer and Python. Every round is recorded in the SQLite scores DB of
a temporary HITRUN_QUIZ_HOME (the DB is created by the warm-up run); that is part
of the work. Targets (issue 19): the round's median at most 1.5x the bare Typer
command's, ``--version`` at most 1.1x.

Usage: .venv/bin/python bench/scripted_round.py [--runs N] [--check]
"""

from __future__ import annotations

import json

from _common import (
    HITRUN,
    PASS,
    PYTHON,
    Cmd,
    env_for,
    finish,
    measure,
    median,
    parse_args,
    print_table,
    run,
    temp_dir,
    verdict,
)

BARE_TYPER = """\
import typer

app = typer.Typer()


@app.command()
def main():
    pass


app()
"""
# One answer a line: letters, true/false, names, numbers, and two skips (empty lines).
ANSWERS = "A\ntrue\nLior Raz\n2021\nB\n\nfalse\nNaomi\n9\n\n"
ROUND = "play --json --seed 1 --count 10"


def main() -> None:
    args = parse_args(__doc__.splitlines()[0])
    with temp_dir() as home:
        env = env_for(home)
        script = home / "bare_typer.py"
        script.write_text(BARE_TYPER, encoding="utf-8")
        base = Cmd(PASS[0], PASS[1], env)
        typer = Cmd("bare Typer command", [PYTHON, str(script)], env)
        play = Cmd(f"hitrun-quiz {ROUND}", [HITRUN, *ROUND.split()], env, ANSWERS.encode())
        summary = json.loads(run(play)[1].splitlines()[-1])
        if summary.get("event") != "summary" or summary.get("total") != 10:
            raise SystemExit(f"unexpected end of the round: {summary}")
        version = Cmd("hitrun-quiz --version", [HITRUN, "--version"], env)
        times = measure([base, typer, play, version], args.runs)
    print_table("scripted 10-question round", times, {"pass": PASS[0], "typer": typer.label})
    bare = median(times[typer.label])
    ratio = median(times[play.label]) / bare
    ok = verdict(f"round at most 1.5x the bare Typer command: {ratio:.2f}x", ratio <= 1.5)
    ratio = median(times[version.label]) / bare
    ok_version = verdict(
        f"--version at most 1.1x the bare Typer command: {ratio:.2f}x", ratio <= 1.1
    )
    finish(args, [ok, ok_version])


if __name__ == "__main__":
    main()
