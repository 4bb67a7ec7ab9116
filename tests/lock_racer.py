"""One of several programs racing for a report's lock, round after round (lock race test).

Usage: python -m tests.lock_racer store|file FOLDER REPORT INDEX ROUNDS
For each round r it waits for FOLDER/go-r, opens the report (`store`: ReportStore.open, the
whole protocol; `file`: the lock file alone, as on a share without byte-range locks), writes
"writer" or "reader" to FOLDER/res-r-INDEX, waits for FOLDER/end-r, lets go, writes done-r-INDEX.
"""

import sys
import time
from pathlib import Path

from sqeditor.store import ReportStore
from sqeditor.store.lock import ReportLock


def wait_for(path: Path) -> None:
    while not path.exists():
        time.sleep(0.001)


def main() -> None:
    mode, folder, report, index, rounds = sys.argv[1:6]
    folder, report = Path(folder), Path(report)
    print("ready", flush=True)
    for r in range(int(rounds)):
        wait_for(folder / f"go-{r}")
        if mode == "store":
            store = ReportStore.open(report, user=f"程式{index}")
            writer, close = not store.read_only, store.close
        else:
            lock = ReportLock(report, f"程式{index}", system_lock=False)
            writer, close = lock.acquire() is None, lock.release
        (folder / f"res-{r}-{index}").write_text("writer" if writer else "reader", encoding="utf-8")
        wait_for(folder / f"end-{r}")
        close()
        (folder / f"done-{r}-{index}").write_text("", encoding="utf-8")


if __name__ == "__main__":
    main()
