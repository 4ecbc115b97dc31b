"""Spell checking in British English, offline: Hunspell with the en_GB dictionary that ships in
resources/spelling/. Plain Python, no Qt; the minute-taking view draws the underlines.

Why Hunspell: it is the checker LibreOffice, Firefox and Chrome use, and en_GB dictionaries for
it are kept up to date. Why through `spylls`, Hunspell's algorithm in plain Python: the compiled
binding `chunspell` (4 µs a word, 0.07 s to load) corrupted the interpreter's memory when it
loaded the dictionary in the minute-taking view of a ten-year database (a segfault every time,
gone with a stand-in for it: benchmarks/FINDINGS.md); a minute-taker's view must not crash.
spylls takes 20–160 µs a word, and every verdict is cached, and 0.6 s to load, once a run;
pyenchant needs libenchant on Linux and brings 95 MB of DLLs on Windows.
"""

from desktop.services.spelling.checker import (
    SpellChecker,
    meeting_names,
    open_checker,
    warm_up,
)
from desktop.services.spelling.personal import PersonalDictionary, default_personal_path

__all__ = ["PersonalDictionary", "SpellChecker", "default_personal_path", "meeting_names",
           "open_checker", "warm_up"]
