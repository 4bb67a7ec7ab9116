"""What a Word file a unit sends back brings besides its text: comments, and who changed it.

The Word import reads the text as Word shows it after accepting every tracked change, so a
unit's insertions and deletions are in its rows like any other edit. Its comments are read into
each row's 審閱意見 as 「作者：意見」; they are added to what the row's 審閱意見 holds now,
never put in its place, and a comment merged before is not added twice.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqeditor.store.snapshot import Snapshot


def comments_added(base: Snapshot, theirs: Snapshot, mine: Snapshot) -> None:
    """Turn each row's comments from the file into the report's 審閱意見 with them added:
    against a base of the report's own 審閱意見, a row with new comments takes them and any
    other row is left as it is."""
    for (node_id, name), value in list(theirs.fields.items()):
        if name != "comment":
            continue
        now = mine.fields.get((node_id, name), "")
        held = set(now.splitlines())
        added = [line for line in value.splitlines() if line.strip() and line not in held]
        base.fields[node_id, name] = now
        theirs.fields[node_id, name] = "\n".join(filter(None, [now, *added]))


def change_unit(authors: Iterable[str], units: Iterable[str]) -> str:
    """The unit the file's tracked changes are by, when their authors name exactly one of the
    report's units ('' otherwise: the merge then names the unit whose rows changed)."""
    named = set(authors) & set(units)
    return named.pop() if len(named) == 1 else ""
