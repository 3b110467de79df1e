"""What is remembered: round records, migrations and the SQLite store."""
