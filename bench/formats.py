"""Importing and listing packs, whole processes.

(a) ``packs import`` of a 10,000-question Open Trivia DB response (HTML
    entities, choice and true/false), validated, written to a file;
    target: under 1 s for the whole process.
(b) ``packs list --json`` with 20 installed packs of 10,000 questions each,
    cached (after one warm-up run); target: under 150 ms for the whole process.

Each against ``python -c pass`` (and (b) also against ``hitrun-quiz --version``,
the Typer start-up alone) run interleaved in the same script.

Usage: .venv/bin/python bench/formats.py [--runs N] [--check]
"""

from __future__ import annotations

import html
import json
import random

from _common import (
    HITRUN,
    PASS,
    Cmd,
    env_for,
    finish,
    measure,
    median,
    parse_args,
    print_table,
    temp_dir,
    verdict,
)
from load_pack import big_pack_text, words

CATEGORIES = ("Entertainment: Television", "Geography", "History", "Science & Nature")


def opentdb_response(count: int = 10_000, seed: int = 2021) -> dict[str, object]:
    rng = random.Random(seed)
    results = []
    for i in range(count):
        prompt = html.escape(f'{words(rng, 50, 110)} "{i}"?', quote=True)
        if i % 4 == 3:
            results.append(
                {
                    "type": "boolean",
                    "difficulty": ("easy", "medium", "hard")[i % 3],
                    "category": html.escape(CATEGORIES[i % 4]),
                    "question": prompt,
                    "correct_answer": rng.choice(("True", "False")),
                    "incorrect_answers": ["False"],
                }
            )
            continue
        options = [html.escape(f"{words(rng, 6, 20)} {n}") for n in range(4)]
        results.append(
            {
                "type": "multiple",
                "difficulty": ("easy", "medium", "hard")[i % 3],
                "category": html.escape(CATEGORIES[i % 4]),
                "question": prompt,
                "correct_answer": options[0],
                "incorrect_answers": options[1:],
            }
        )
    return {"response_code": 0, "results": results}


def main() -> None:
    args = parse_args(__doc__.splitlines()[0])
    results = []
    with temp_dir() as home:
        env = env_for(home)
        base = Cmd(PASS[0], PASS[1], env)

        # (a) import 10,000 Open Trivia DB questions
        source = home / "opentdb-10k.json"
        source.write_text(json.dumps(opentdb_response()), encoding="utf-8")
        out = home / "imported.yaml"
        imp = Cmd(
            "packs import 10k opentdb",
            [
                HITRUN,
                "packs",
                "import",
                str(source),
                "--from",
                "opentdb",
                "-o",
                str(out),
                "--force",
            ],
            env,
        )
        times = measure([base, imp], args.runs)
        print_table("(a) import 10,000 Open Trivia DB questions", times, {"pass": base.label})
        ms = median(times[imp.label])
        results.append(verdict(f"packs import under 1 s: {ms / 1000:.3f} s", ms < 1000))

        # (b) packs list with 20 installed 10,000-question packs, cached
        packs = home / "packs"
        packs.mkdir()
        text = big_pack_text()
        for n in range(20):
            (packs / f"big-{n:02d}.yaml").write_text(
                text.replace("id: bench-big", f"id: big-{n:02d}", 1), encoding="utf-8"
            )
        listing = Cmd("packs list --json (20 x 10k)", [HITRUN, "packs", "list", "--json"], env)
        version = Cmd("hitrun-quiz --version", [HITRUN, "--version"], env)
        times = measure([base, version, listing], args.runs)
        print_table(
            "(b) packs list, 20 packs of 10,000 questions, cached",
            times,
            {"pass": base.label, "version": version.label},
        )
        ms = median(times[listing.label])
        results.append(verdict(f"packs list under 150 ms: {ms:.1f} ms", ms < 150))
    finish(args, results)


if __name__ == "__main__":
    main()
