"""The application layer: what combines the game and the store for both frontends."""
