"""The writing-rule checker for official Traditional Chinese (no Qt): see rules.md."""

from sqeditor.rules.engine import Checker, apply_suggestion, apply_to_node, apply_to_paragraphs
from sqeditor.rules.finding import Finding, Severity

__all__ = ["Checker", "Finding", "Severity", "apply_suggestion", "apply_to_node", "apply_to_paragraphs"]
