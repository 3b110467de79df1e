"""``python -m hitrun_quiz``."""

from hitrun_quiz.cli import main

main()
