"""The three-way rule for one value, and what "keep both" means for each kind of field."""

from __future__ import annotations

from enum import StrEnum

from sqeditor.model import Status
from sqeditor.store import codec


class Outcome(StrEnum):
    KEEP = "keep"  # theirs did not change it, or changed it the same way
    TAKE = "take"  # only theirs changed it
    CONFLICT = "conflict"  # both changed it, differently


class Resolution(StrEnum):
    """How a conflict is settled: the coordinator's text, the draft's, or both."""

    MINE = "mine"
    THEIRS = "theirs"
    BOTH = "both"


def decide(base: str | None, mine: str | None, theirs: str | None) -> Outcome:
    """One side changed → take it; both changed the same → nothing to do; else a conflict."""
    if theirs in (mine, base):
        return Outcome.KEEP
    if mine == base:
        return Outcome.TAKE
    return Outcome.CONFLICT


def combine_both(field: str, mine: str, theirs: str) -> str:
    """Both sides kept: mine's paragraphs then theirs' (without repeating identical ones)."""
    if field == "result":
        mine_paras = codec.decode_result(mine)
        extra = [p for p in codec.decode_result(theirs) if p not in mine_paras]
        return codec.encode_result(mine_paras + extra)
    if field == "status":  # the less finished status, so the row is looked at again
        order = list(Status)
        return min(Status(mine), Status(theirs), key=order.index).value
    if field == "unit":
        return mine or theirs
    if theirs in mine:
        return mine
    if mine in theirs:
        return theirs
    return f"{mine}\n{theirs}"


def resolved_value(field: str, resolution: Resolution, mine: str, theirs: str) -> str:
    if resolution is Resolution.MINE:
        return mine
    if resolution is Resolution.THEIRS:
        return theirs
    return combine_both(field, mine, theirs)
