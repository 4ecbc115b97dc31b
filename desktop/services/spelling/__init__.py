"""Spell checking in British English, offline: Hunspell with the en_GB dictionary that ships in
resources/spelling/. Plain Python, no Qt; the minute-taking view draws the underlines.

Why Hunspell through `chunspell`: Hunspell is the checker LibreOffice, Firefox and Chrome use,
and en_GB dictionaries for it are kept up to date; `chunspell` binds it with wheels for Windows
and Linux that need no system library (pyenchant needs libenchant on Linux and brings 95 MB of
DLLs on Windows), and checks a word in about 4 µs (the pure-Python port spylls: 24 µs, and
0.6 s rather than 0.07 s to load the dictionary).
"""

from desktop.services.spelling.checker import SpellChecker, meeting_names, open_checker
from desktop.services.spelling.personal import PersonalDictionary, default_personal_path

__all__ = ["PersonalDictionary", "SpellChecker", "default_personal_path", "meeting_names",
           "open_checker"]
