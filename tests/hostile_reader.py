"""Reads each file given with the program's importers; prints one JSON line per file (for tests).

Run as a subprocess so a file that exhausts memory or hangs cannot take the test run with it.
"""

import json
import resource
import sys
import time
from pathlib import Path

from sqeditor.errors import SqeditorError
from sqeditor.exchange.json_format import report_to_json
from sqeditor.file_formats import read_report


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def read_one(path: Path) -> dict:
    started = time.monotonic()
    outcome, text = "accepted", ""
    try:
        text = json.dumps(report_to_json(read_report(path)), ensure_ascii=False)
    except SqeditorError as exc:
        outcome, text = f"refused:{type(exc).__name__}", exc.message
    except BaseException as exc:  # reported to the test, which fails on it
        outcome, text = f"crash:{type(exc).__name__}", str(exc)[:300]
    return {"file": path.name, "outcome": outcome, "seconds": round(time.monotonic() - started, 3),
            "peak_mb": round(peak_mb(), 1), "text": text[:2000] if outcome == "accepted" else text}


def main() -> None:
    print(json.dumps({"file": "", "outcome": "started", "peak_mb": round(peak_mb(), 1)}), flush=True)
    for name in sys.argv[1:]:
        print(json.dumps(read_one(Path(name)), ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
