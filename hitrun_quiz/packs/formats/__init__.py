"""Other question formats: Open Trivia DB, Red-DiscordBot trivia lists, CSV/TSV, and export."""
