"""This period's rows matched to last period's, by hand, by id, by criteria path, then by likeness.

Criteria are reworded between periods, so rows left after the exact passes are paired by how
many two-character pieces their titles and parent paths share (a Dice score): the score is
the match's confidence, and a low one is shown to the clerk to confirm or fix by hand.
"""

from __future__ import annotations

from collections import Counter, defaultdict, deque
from collections.abc import Iterator
from dataclasses import dataclass

from sqeditor.merge.matching import path_key
from sqeditor.model import LastPeriod, LastRow, Node, NodeKind, Report

LOW_CONFIDENCE = 0.8  # below this a match is flagged for the clerk to confirm
MIN_CONFIDENCE = 0.5  # below this two rows are not the same criterion
TITLE_WEIGHT = 0.7  # the row's own title says more than the section and item above it
COMMON_PIECE = 400  # a piece found in more last-period titles than this says nothing


@dataclass(frozen=True)
class RowMatch:
    """A row of this report and its counterpart in last period's."""

    node_id: str
    last: LastRow
    confidence: float  # 1.0 for exact and manual matches
    how: str  # 'manual', 'id', 'path' or 'fuzzy'

    @property
    def low(self) -> bool:
        return self.confidence < LOW_CONFIDENCE


def row_paths(report: Report) -> Iterator[tuple[Node, tuple[str, ...]]]:
    """Each standard row with the titles from its section down to itself (no parent lookups)."""
    stack = [(section, (section.title,)) for section in reversed(report.sections)]
    while stack:
        node, titles = stack.pop()
        if node.kind is NodeKind.STANDARD:
            yield node, titles
        stack.extend((child, (*titles, child.title)) for child in reversed(node.children))


def match_rows(report: Report, last: LastPeriod) -> dict[str, RowMatch]:
    """This report's row ids mapped to their matches; rows without a counterpart are absent."""
    rows = list(row_paths(report))
    by_id = last.row_index()
    matches: dict[str, RowMatch] = {}
    settled: set[str] = set()  # rows the clerk matched by hand, to a row or to none
    for node, _path in rows:
        chosen = last.overrides.get(node.id)
        if chosen == "" or chosen in by_id:
            settled.add(node.id)
            if chosen:
                matches[node.id] = RowMatch(node.id, by_id[chosen], 1.0, "manual")
    used = {m.last.id for m in matches.values()}
    open_rows = [(n, p) for n, p in rows if n.id not in settled]
    for node, _path in open_rows:
        if node.id in by_id and node.id not in used:
            matches[node.id] = RowMatch(node.id, by_id[node.id], 1.0, "id")
            used.add(node.id)
    open_rows = [(n, p) for n, p in open_rows if n.id not in matches]
    _match_paths(open_rows, [r for r in last.rows if r.id not in used], matches, used)
    _match_fuzzy([(n, p) for n, p in open_rows if n.id not in matches],
                 [r for r in last.rows if r.id not in used], matches)
    return matches


def _match_paths(rows: list[tuple[Node, tuple[str, ...]]], last_rows: list[LastRow],
                 matches: dict[str, RowMatch], used: set[str]) -> None:
    available: dict[tuple[str, ...], deque[LastRow]] = defaultdict(deque)
    for row in last_rows:
        available[path_key(list(row.path))].append(row)
    for node, path in rows:
        if queue := available.get(path_key(list(path))):
            row = queue.popleft()
            matches[node.id] = RowMatch(node.id, row, 1.0, "path")
            used.add(row.id)


def _pieces(text: str) -> set[str]:
    """Two-character pieces of the letters and digits (punctuation and spaces reworded freely)."""
    kept = "".join(ch for ch in text if ch.isalnum())
    if len(kept) < 2:
        return {kept} if kept else set()
    return {kept[i:i + 2] for i in range(len(kept) - 1)}


def _dice(mine: set[str], theirs: set[str], shared: int | None = None) -> float:
    if not mine or not theirs:
        return 0.0
    if shared is None:
        shared = len(mine & theirs)
    return 2 * shared / (len(mine) + len(theirs))


def _match_fuzzy(rows: list[tuple[Node, tuple[str, ...]]], last_rows: list[LastRow],
                 matches: dict[str, RowMatch]) -> None:
    """Greedy pairing by confidence over candidates that share a piece of their titles."""
    if not rows or not last_rows:
        return
    titles = [_pieces(r.title) for r in last_rows]
    parents = [_pieces("".join(r.path[:-1])) for r in last_rows]
    index: dict[str, list[int]] = defaultdict(list)
    for position, pieces in enumerate(titles):
        for piece in pieces:
            index[piece].append(position)
    scored: list[tuple[float, int, int]] = []
    for row_index, (node, path) in enumerate(rows):
        mine = _pieces(node.title)
        shared: Counter[int] = Counter()
        for piece in mine:
            found = index.get(piece, ())
            if len(found) <= COMMON_PIECE:
                shared.update(found)
        mine_parents = _pieces("".join(path[:-1]))
        for position, count in shared.items():
            title_score = _dice(mine, titles[position], count)
            if TITLE_WEIGHT * title_score + (1 - TITLE_WEIGHT) < MIN_CONFIDENCE:
                continue
            score = (TITLE_WEIGHT * title_score
                     + (1 - TITLE_WEIGHT) * _dice(mine_parents, parents[position]))
            if score >= MIN_CONFIDENCE:
                scored.append((score, row_index, position))
    taken_rows: set[int] = set()
    taken_last: set[int] = set()
    for score, row_index, position in sorted(scored, key=lambda s: (-s[0], s[1], s[2])):
        if row_index in taken_rows or position in taken_last:
            continue
        taken_rows.add(row_index)
        taken_last.add(position)
        node_id = rows[row_index][0].id
        matches[node_id] = RowMatch(node_id, last_rows[position], round(score, 2), "fuzzy")
