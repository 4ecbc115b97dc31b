"""Boardwork: the desktop application of a Safeguarding Children Partnership business unit."""

__version__ = "0.1.0"
