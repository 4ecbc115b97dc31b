"""Restore or upgrade in a child process that is killed (SIGKILL) at step AT, or counts steps.

    python -m tests.support.fault_child restore DATABASE BACKUP AT
    python -m tests.support.fault_child upgrade DATABASE AT

The key comes from BOARDWORK_DATABASE_KEY. AT 0 kills nothing and prints the step count.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tests.support.step_faults import Faults, kill


def main() -> int:
    from desktop.models.keystore import KeyStore
    from desktop.models.opening import open_database
    from desktop.services.restore import restore_database

    operation, database = sys.argv[1], Path(sys.argv[2])
    at = int(sys.argv[-1])
    faults = Faults(at or -1, kill)
    faults.install(setattr)
    if operation == "restore":
        restore_database(database, Path(sys.argv[3]), KeyStore())
    else:
        open_database(database, KeyStore(), create=False).database.close()
    print(f"STEPS {faults.steps}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
