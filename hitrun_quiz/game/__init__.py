"""The rules of a round: the seeded draw, the engine and its events, answer matching, scoring."""
