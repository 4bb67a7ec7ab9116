"""The hand-annotated agency text (tests/data/agency-text.txt) and how well a checker does on it.

A problem counts as found when a finding of its rule overlaps it ("*" problems: any finding of
the rule in the paragraph). A finding that overlaps no marked problem is a false alarm: the
annotation marks every problem a careful reader would fix, so an unmarked finding is one a
careful reader would call wrong.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "agency-text.txt"


@dataclass(frozen=True)
class Problem:
    rule: str
    covered: bool  # rules.md covers it
    start: int
    end: int
    fix: str  # the expected fix, "*" for the paragraph's marks as a whole, "?" for none certain
    whole: bool = False


@dataclass
class AgencyParagraph:
    source: str
    agency: str
    text: str
    problems: list[Problem] = field(default_factory=list)


def read_corpus(path: Path = CORPUS) -> list[AgencyParagraph]:
    """The paragraphs with their problems; raises ValueError on a problem whose text is absent."""
    paragraphs: list[AgencyParagraph] = []
    source = agency = ""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("@ "):
            source, _, agency = (part.strip() for part in line[2:].partition("|"))
        elif line.startswith("  ! "):
            paragraphs[-1].problems.append(_problem(paragraphs[-1].text, line[4:], number))
        else:
            paragraphs.append(AgencyParagraph(source, agency, line))
    return paragraphs


def _problem(text: str, spec: str, number: int) -> Problem:
    covered, rule, rest = spec.split(" ", 2)
    target, _, fix = (part.strip() for part in rest.partition("=>"))
    if target == "*":
        return Problem(rule, covered == "+", 0, len(text), fix, whole=True)
    target, _, nth = target.partition("#")
    start = -1
    for _ in range(int(nth or 1)):
        start = text.find(target, start + 1)
    if start < 0:
        raise ValueError(f"agency-text.txt line {number}: 「{target}」 is not in its paragraph")
    return Problem(rule, covered == "+", start, start + len(target), fix)


@dataclass(frozen=True)
class Mark:
    """One finding of a checker: rule id and span in the paragraph."""

    rule: str
    start: int
    end: int
    text: str


@dataclass
class Score:
    paragraphs: int
    covered_found: int
    covered_total: int
    all_found: int
    all_total: int
    false_alarms: list[tuple[AgencyParagraph, Mark]]
    missed: list[tuple[AgencyParagraph, Problem]]

    @property
    def covered_recall(self) -> float:
        return self.covered_found / self.covered_total if self.covered_total else 1.0

    @property
    def recall(self) -> float:
        return self.all_found / self.all_total if self.all_total else 1.0

    @property
    def false_alarms_per_100(self) -> float:
        return 100 * len(self.false_alarms) / self.paragraphs


def score(corpus: list[AgencyParagraph], marks_of: Callable[[str], Iterable[Mark]],
          same_rule: Callable[[Problem, Mark], bool] | None = None) -> Score:
    """Compare a checker's marks with the annotation. ``same_rule`` says whether a mark can be
    the finding of a problem (default: equal rule ids)."""
    same_rule = same_rule or (lambda p, m: p.rule == m.rule)
    result = Score(len(corpus), 0, 0, 0, 0, [], [])
    for paragraph in corpus:
        marks = list(marks_of(paragraph.text))
        used: set[int] = set()
        for problem in paragraph.problems:
            hits = [i for i, m in enumerate(marks) if same_rule(problem, m) and _overlaps(problem, m)]
            used.update(hits)
            result.all_total += 1
            result.covered_total += problem.covered
            if hits:
                result.all_found += 1
                result.covered_found += problem.covered
            else:
                result.missed.append((paragraph, problem))
        result.false_alarms.extend((paragraph, m) for i, m in enumerate(marks) if i not in used)
    return result


def _overlaps(problem: Problem, mark: Mark) -> bool:
    if problem.whole:
        return True
    return mark.start < problem.end and problem.start < max(mark.end, mark.start + 1)


def sqeditor_marks(text: str) -> list[Mark]:
    """The built-in checker on one plain result paragraph."""
    from sqeditor.model import Report
    from sqeditor.rules import Checker

    checker = _checker(Checker, Report)
    return [Mark(f.rule, f.start, f.end, f.text) for f in checker.check_text(text)]


_CHECKERS: dict[str, object] = {}


def _checker(checker_class, report_class):
    if "builtin" not in _CHECKERS:
        _CHECKERS["builtin"] = checker_class.for_report(report_class())
    return _CHECKERS["builtin"]
