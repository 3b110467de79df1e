"""The phone page in a real headless Chromium (Debian's package, driven by Playwright).

`make test` installs the browser first (`make browser`: apt-get, as root). In CI
a missing browser fails this test; elsewhere it skips, saying why.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .test_room_net import Proc, host, join, tf_pack  # noqa: F401 - a fixture

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    if not CHROMIUM.exists():
        why = f"no browser at {CHROMIUM}: `make browser` installs Debian's chromium (as root)"
        if os.environ.get("CI"):
            pytest.fail(why)
        pytest.skip(why)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context()
    try:
        yield context.new_page()
    finally:
        context.close()


def test_a_phone_joins_answers_and_sees_its_result(page, tf_pack: Path) -> None:  # noqa: F811
    h, room = host(
        tf_pack, "--count", "2", "--time-limit", "10", "--pause", "0.5", "--wait-for", "1"
    )
    try:
        page.set_default_timeout(15000)
        page.goto(f"{room['url']}?code={room['code']}")
        assert page.input_value("#code") == room["code"]
        page.fill("#name", "<b>Ann</b>")
        page.click("#join")
        page.wait_for_selector("#prompt:has-text('Statement number')")
        assert page.locator("#choices button").all_inner_texts() == ["True", "False"]
        page.click("#choices button:has-text('True')")
        page.wait_for_selector("#verdict:has-text('Correct!')")
        assert page.inner_text("#place") == "Place 1 of 1"
        page.reload()  # a phone's page reloaded: it resumes its seat, score kept
        page.wait_for_selector("#meta:has-text('Question 2/2')")
        assert page.is_hidden("#join-screen")
        page.click("#choices button:has-text('False')")
        page.wait_for_selector("#verdict:has-text('Round over')")
        assert page.inner_text("#answer").startswith("1 of 2 correct")
        standings = page.locator("#standings li").all_inner_texts()
        assert len(standings) == 1 and standings[0].startswith("<b>Ann</b> · ")  # text, not HTML
        assert page.locator("#standings b").count() == 0
        rc, events, _ = h.finish()
        assert rc == 0
        seat = [e["event"] for e in events if e["event"] in ("joined", "dropped", "back")]
        assert seat == ["joined", "dropped", "back"]  # the reload resumed, not joined again
        outcomes = [e["results"][0]["outcome"] for e in events if e["event"] == "reveal"]
        assert outcomes == ["correct", "wrong"]
    finally:
        h.kill()


def test_a_wrong_code_is_refused_on_the_page(page, tf_pack: Path) -> None:  # noqa: F811
    h, room = host(tf_pack, "--count", "1", keep_stdin=True)
    try:
        page.set_default_timeout(15000)
        page.goto(room["url"])
        page.fill("#code", "WRONG")
        page.fill("#name", "Bo")
        page.click("#join")
        page.wait_for_selector("#status:has-text('no room with that code')")
        assert page.is_visible("#join")
    finally:
        h.kill()


def test_a_phone_knocked_out_of_a_survival_room_watches(page, tf_pack: Path) -> None:  # noqa: F811
    h, room = host(
        tf_pack, "--mode", "survival", "--time-limit", "10", "--pause", "0.3", "--wait-for", "3"
    )
    players: list[Proc] = []
    try:
        page.set_default_timeout(15000)
        page.goto(f"{room['url']}?code={room['code']}")
        page.fill("#name", "Phone")
        page.click("#join")
        page.wait_for_selector("#status:has-text('Waiting for the host')")
        players += [join(room, "Ann", "true\n" * 4), join(room, "Bob", "true\n" * 4)]
        for n in (1, 2, 3):
            page.wait_for_selector(f"#meta:has-text('Question {n}/4')")
            if n == 1:
                assert "Lives" in page.inner_text("#mode") and "3 of 3" in page.inner_text("#mode")
            page.click("#choices button:has-text('False')")
        page.wait_for_selector("#meta:has-text('Question 4/4')", state="attached")  # seen, gone
        assert page.inner_text("#mode") == "You are out \u2014 watching"
        assert page.locator("#choices button:disabled").count() == 2  # shown, not answerable
        page.wait_for_selector("#verdict:has-text('Round over')")
        standings = page.locator("#standings li").all_inner_texts()
        assert standings[-1] == "Phone · 0 · out" and standings[0].endswith("3 \u2665")
        rc, events, _ = h.finish()
        assert rc == 0
        assert [e["player"] for e in events if e["event"] == "out"] == ["Phone"]
    finally:
        for p in [h, *players]:
            p.kill()
