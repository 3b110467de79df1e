"""hitrun-quiz: a terminal trivia game about the Netflix thriller Hit & Run (2021)."""

__version__ = "0.1.0"
