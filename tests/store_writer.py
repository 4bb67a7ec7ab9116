"""A separate process that edits a report and says which edits committed (crash tests).

Usage: python -m tests.store_writer FILE EDITS [hold] [big]
Prints "ready", then "committed N" after each edit's transaction returned; with `hold` it keeps
the file open until killed; with `big` each edit writes 200 KB, so the writer checkpoints often.
"""

import sys
import time

from sqeditor.store import FieldEdit, ReportStore


def main() -> None:
    path, edits = sys.argv[1], int(sys.argv[2])
    hold = "hold" in sys.argv[3:]
    padding = "，並持續改善服務流程" * 20000 if "big" in sys.argv[3:] else ""
    store = ReportStore.open(path, user="寫入測試")
    rows = [r.id for r in store.load().rows()]
    print("ready", flush=True)
    for i in range(edits):
        store.apply([FieldEdit(rows[i % len(rows)], "comment", f"edit {i}{padding}")], "註記")
        print(f"committed {i}", flush=True)
    while hold:
        time.sleep(1)
    store.close()


if __name__ == "__main__":
    main()
