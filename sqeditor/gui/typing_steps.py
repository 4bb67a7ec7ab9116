"""What one undo step of typing is, as Word makes it — the one place that decides.

Typed text joins the step being typed until a pause of `PAUSE_S`, Enter, a cursor move, a
switch of field or row, or a named change (paste, a fix, a list level) closes it; a step is
also closed after `LONGEST_S` of unbroken typing, so one Ctrl+Z never takes a quarter hour of
writing. The form asks `joins()` when it saves and calls `close()` on those events; the store
only amends the step it is told to (`ReportStore.apply(coalesce=...)`).
"""

from __future__ import annotations

import time
from collections.abc import Callable

PAUSE_S = 2.0  # typing after a longer pause starts a new undo step
LONGEST_S = 60.0  # unbroken typing longer than this is split into steps


class TypingSteps:
    """Whether the next save of typed text amends the last step or starts a new one."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._opened_at: float | None = None  # when the open step began; None: closed
        self._last_key = float("-inf")

    def keystroke(self) -> None:
        """The clerk typed: a pause since the last keystroke closes the step."""
        now = self._clock()
        if now - self._last_key >= PAUSE_S:
            self.close()
        self._last_key = now

    def close(self) -> None:
        """Enter, a move, a switch or a named change: what comes next is a new step."""
        self._opened_at = None

    def joins(self) -> bool:
        """True when text saved now amends the open step; opens one when it does not."""
        now = self._clock()
        if self._opened_at is not None and now - self._opened_at < LONGEST_S:
            return True
        self._opened_at = now
        return False
