"""Automatic backups in the screens: the plan in a dialog, the status in the status bar."""
