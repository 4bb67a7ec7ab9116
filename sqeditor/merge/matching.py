"""Files with no base of their own (a blank copy, an export): rows matched by id or criteria path."""

from __future__ import annotations

import copy
from collections import defaultdict, deque
from dataclasses import dataclass

from sqeditor.model import Node, NodeKind, Report, Status, strip_section_number
from sqeditor.store.snapshot import Snapshot


@dataclass
class Unmatched:
    """Draft rows with text whose criteria path is not in the report: shown, never dropped."""

    parent_id: str | None  # the report node to put them under, if the coordinator takes them
    position: int
    tree: Node


def path_key(titles: list[str]) -> tuple[str, ...]:
    """Criteria titles from the section down, without section numbers or white space."""
    cleaned = [strip_section_number(titles[0]), *titles[1:]] if titles else []
    return tuple("".join(t.split()) for t in cleaned)


def _keyed(report: Report) -> list[tuple[tuple[str, ...], Node, Node | None]]:
    """(path key, node, parent) for every node, top-down."""
    out = []

    def visit(node: Node, parent: Node | None, titles: list[str]) -> None:
        titles = [*titles, node.title]
        out.append((path_key(titles), node, parent))
        for child in node.children:
            visit(child, node, titles)

    for section in report.sections:
        visit(section, None, [])
    return out


def match_blank_copy(mine: Report, draft: Report) -> tuple[Report, Snapshot, list[Unmatched]]:
    """The draft renamed onto the report's node ids, a base of empty fields, and what is left.

    A node keeps its id when the report has it at the same place (a copy or an export of this
    report); others are matched by criteria path, in order.
    """
    keyed_mine = _keyed(mine)
    same_ids = {node.id: (node, parent) for _key, node, parent in keyed_mine}
    available: dict[tuple, deque[Node]] = defaultdict(deque)
    for key, node, _parent in keyed_mine:
        available[key, node.kind].append(node)
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for key, node, parent in _keyed(draft):
        if parent is not None and parent.id not in mapping:
            continue  # under an unmatched node: travels with it
        target = _same_node(same_ids.get(node.id), node, mapping.get(parent.id) if parent else None, used)
        queue = available.get((key, node.kind))
        while target is None and queue:
            candidate = queue.popleft()
            target = None if candidate.id in used else candidate
        if target is not None:
            mapping[node.id] = target.id
            used.add(target.id)
    renamed = copy.deepcopy(draft)
    unmatched = _detach_unmatched(renamed, mapping)
    for node in renamed.walk():
        node.id = mapping[node.id]
    return renamed, _empty_base(mine, renamed), unmatched


def _same_node(found: tuple[Node, Node | None] | None, node: Node, parent_id: str | None,
               used: set[str]) -> Node | None:
    """The report's node with the draft node's id, when it is of its kind and under its parent."""
    if found is None:
        return None
    same, parent = found
    if same.kind is not node.kind or same.id in used or (parent.id if parent else None) != parent_id:
        return None
    return same


def _detach_unmatched(report: Report, mapping: dict[str, str]) -> list[Unmatched]:
    """Take unmatched subtrees out of the draft; keep those that carry any writing."""
    out: list[Unmatched] = []

    def prune(children: list[Node], parent_id: str | None) -> list[Node]:
        kept = []
        for child in children:
            if child.id in mapping:
                child.children = prune(child.children, mapping[child.id])
                kept.append(child)
            elif (tree := _with_writing(child)) is not None:
                out.append(Unmatched(parent_id, len(kept), tree))
        return kept

    report.sections = prune(report.sections, None)
    return out


def _with_writing(node: Node) -> Node | None:
    """The subtree cut down to rows that have text, status or comments (None if nothing)."""
    if node.kind is NodeKind.STANDARD:
        has = node.result or node.comment or node.status is not Status.EMPTY
        return node if has else None
    children = [c for c in (_with_writing(child) for child in node.children) if c is not None]
    if not children:
        return None
    trimmed = copy.copy(node)
    trimmed.children = children
    return trimmed


def _empty_base(mine: Report, renamed: Report) -> Snapshot:
    """Matched nodes existed, with the draft's titles and nothing written: the 'base' of a copy."""
    base = Snapshot()
    places = {}
    for index, section in enumerate(mine.sections):
        places[section.id] = (None, index, str(section.kind))
    for node in mine.walk():
        for index, child in enumerate(node.children):
            places[child.id] = (node.id, index, str(child.kind))
    for node in renamed.walk():
        base.places[node.id] = places[node.id]
        base.fields[node.id, "title"] = node.title
    return base
