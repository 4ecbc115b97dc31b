"""The meetings area: screens of a meeting and its minutes (moving here from views/meeting_*.py)."""
