"""Splitting a report into unit drafts and merging the drafts back, three-way (no Qt)."""

from sqeditor.merge.conflicts import OpenConflict, open_conflicts, resolve_conflict
from sqeditor.merge.draft_file import AlreadyMergedError, MergeError
from sqeditor.merge.draft_merger import DraftMerger, MergeOutcome
from sqeditor.merge.split import draft_row_editable, split_drafts

__all__ = [
    "AlreadyMergedError",
    "DraftMerger",
    "MergeError",
    "MergeOutcome",
    "OpenConflict",
    "draft_row_editable",
    "open_conflicts",
    "resolve_conflict",
    "split_drafts",
]
