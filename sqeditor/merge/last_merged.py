"""What was last merged from each draft, so a newer version is compared with it, not with the split.

Compared with the split alone, a change the unit made, sent, then took back looks like no
change at all, and the report would keep it. The fields a draft had changed are kept in the
report's meta table under the draft's identity, written in the merge's own step.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable

from sqeditor.store import MetaEdit
from sqeditor.store.draft_changes import DraftChanges
from sqeditor.store.snapshot import Snapshot

KEY_PREFIX = "merged_fields:"

FieldChange = tuple[str, str, str | None, str]  # node id, field, value at the split, draft value


def meta_key(identity: str) -> str:
    return KEY_PREFIX + identity


def record(identity: str, changes: DraftChanges) -> MetaEdit:
    """The draft's changed fields as this merge takes them in (their split values stay in the
    draft's own base)."""
    fields = [[node_id, name, value] for node_id, name, base, value in changes.fields if base is not None]
    return MetaEdit(meta_key(identity), json.dumps(fields, ensure_ascii=False))


def since_last_merge(changes: DraftChanges, recorded: str | None,
                     split_base: Callable[[], Snapshot]) -> tuple[DraftChanges, set[tuple[str, str]]]:
    """The draft's changes against what was last merged from it, and the fields it withdrew
    (changed then, back to the split's value now). The base is read only when one was withdrawn."""
    if not recorded:
        return changes, set()
    last = {(node_id, name): value for node_id, name, value in json.loads(recorded)}
    fields: list[FieldChange] = []
    seen: set[tuple[str, str]] = set()
    for node_id, name, base, value in changes.fields:
        seen.add((node_id, name))
        before = last.get((node_id, name), base)
        if before != value or base is None:
            fields.append((node_id, name, before, value))
    withdrawn = set()
    for (node_id, name), value in last.items():
        if (node_id, name) not in seen and node_id not in changes.removed:
            fields.append((node_id, name, value, split_base().value(node_id, name)))
            withdrawn.add((node_id, name))
    return dataclasses.replace(changes, fields=fields), withdrawn
