"""The one place that knows where hitrun-quiz keeps its data."""

from __future__ import annotations

import os
from pathlib import Path

ENV_HOME = "HITRUN_QUIZ_HOME"
#: Where the scores go: a ``postgresql://`` URL (a league) or an SQLite file path.
ENV_DB = "HITRUN_QUIZ_DB"
APP_NAME = "hitrun-quiz"


def data_dir() -> Path:
    """The data dir: ``$HITRUN_QUIZ_HOME`` if set, else the platform's user data dir."""
    override = os.environ.get(ENV_HOME)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """Where validated packs are cached: ``$HITRUN_QUIZ_HOME/cache``, else the user cache dir."""
    override = os.environ.get(ENV_HOME)
    if override:
        return Path(override).expanduser() / "cache"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP_NAME, appauthor=False))


def user_packs_dir() -> Path:
    """Where ``packs add`` copies user packs."""
    return data_dir() / "packs"


def scores_db() -> Path:
    """The SQLite high-score database."""
    return data_dir() / "scores.db"


def outbox_db() -> Path:
    """Rounds played while the league was unreachable, waiting to be sent."""
    return data_dir() / "outbox.db"


def settings_file() -> Path:
    """Small remembered settings (the last player name)."""
    return data_dir() / "settings.json"


def builtin_packs_dir() -> Path:
    """The built-in packs.

    A wheel ships them inside the package (``hitrun_quiz/questions``); a source
    checkout or an editable install reads the repository's ``questions/``.
    """
    here = Path(__file__).resolve().parent
    shipped = here / "questions"
    return shipped if shipped.is_dir() else here.parent / "questions"
