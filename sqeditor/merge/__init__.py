"""Splitting a report into unit drafts and merging the drafts back, three-way (no Qt).

The drafts' rows, bases and the conflicts left open are read and written by the store
(`sqeditor.store.drafts`, `snapshot`, `merge_records`); this package decides what they mean.
"""

from sqeditor.merge.conflicts import resolve_conflict
from sqeditor.merge.draft_file import AlreadyMergedError, MergeError
from sqeditor.merge.draft_merger import DraftMerger, MergeOutcome
from sqeditor.merge.plan import ChangeKind
from sqeditor.merge.split import draft_row_editable, split_drafts, unlock_edit

__all__ = [
    "AlreadyMergedError",
    "ChangeKind",
    "DraftMerger",
    "MergeError",
    "MergeOutcome",
    "draft_row_editable",
    "resolve_conflict",
    "split_drafts",
    "unlock_edit",
]
