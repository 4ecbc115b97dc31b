"""The frozen application's entry point: the same `boardwork` command as the console script.

PyInstaller needs a script file, not a `module:function` entry point; this is that file.
"""

import sys

from desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
