"""Frontends: the scripted one (plain text or JSON Lines) and the interactive terminal one."""
