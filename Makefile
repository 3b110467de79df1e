# One task runner that mirrors CI.  Every target sets up what it needs: a
# .venv with the package (editable) and the dev tools, made on first use and
# remade when pyproject.toml changes.  Needs only Python 3.10+ and make.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.stamp-installed

.PHONY: play install test lint typecheck format bench wheel clean browser

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,league]'
	touch $(STAMP)

## play: open the game's menu (play, daily, review, stats, packs, scores)
play: $(STAMP)
	$(BIN)/hitrun-quiz

## install: put `hitrun-quiz` on your PATH (pipx if you have it, else a user install)
install:
	@if command -v pipx >/dev/null 2>&1; then \
		pipx install --force . ; \
	else \
		$(PYTHON) -m pip install --user . || { \
			echo "make install: pip refused a user install; install pipx" \
			     "(https://pipx.pypa.io), then run make install again" >&2; exit 1; } ; \
	fi
	@command -v hitrun-quiz >/dev/null 2>&1 \
		&& echo "hitrun-quiz is on your PATH: run hitrun-quiz" \
		|| echo "installed; add $$($(PYTHON) -m site --user-base)/bin (pipx: ~/.local/bin) to your PATH"

## test: lint, type-check, then the whole test suite (what CI runs). Two workers
## per core: most slow tests wait on a pty, a socket or a clock, not on the CPU.
test: $(STAMP) lint typecheck browser
	$(BIN)/python -m pytest -q -n $$(( $$(nproc) * 2 ))

typecheck: $(STAMP)
	$(BIN)/mypy

## browser: Debian's chromium for the phone page's test (apt-get, when missing and root)
browser:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	else \
		echo "make browser: no /usr/bin/chromium and not root with apt-get:" \
			"the page test skips (and fails in CI)"; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check hitrun_quiz tests bench
	$(BIN)/ruff format --check hitrun_quiz tests bench

format: $(STAMP)
	$(BIN)/ruff format hitrun_quiz tests bench
	$(BIN)/ruff check --fix hitrun_quiz tests bench

## bench: the start-up and load benchmarks (see README, "Speed")
bench: $(STAMP)
	$(BIN)/python bench/load_pack.py
	$(BIN)/python bench/scripted_round.py
	$(BIN)/python bench/scores_query.py
	$(BIN)/python bench/first_prompt.py
	$(BIN)/python bench/league.py
	$(BIN)/python bench/memory.py
	$(BIN)/python bench/formats.py
	$(BIN)/python bench/hostile_input.py
	$(BIN)/python bench/party.py

wheel: $(STAMP)
	$(BIN)/python -m build --wheel --outdir dist .

clean:
	rm -rf $(VENV) dist build .pytest_cache .ruff_cache .mypy_cache .hypothesis
