"""The checker: runs the rule packs over text, a node or the whole report, and applies fixes.

`check_text` is the fast path the editor calls on every keystroke (one paragraph, local rules
only); `check_report` adds the structure of each result and the report-wide consistency rules.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace

from sqeditor.model import Node, NodeKind, Paragraph, Report
from sqeditor.rules.consistency_rules import REPORT_MATCHERS, text_units
from sqeditor.rules.finding import FIELDS, Finding
from sqeditor.rules.last_period_rules import LAST_PERIOD_MATCHERS, PeriodContext
from sqeditor.rules.pack import PatternSpec, RuleInfo, builtin_packs, fill
from sqeditor.rules.structure_rules import STRUCTURE_MATCHERS, NumberingMatcher
from sqeditor.rules.text_rules import PROTECTED, TEXT_MATCHERS, Hit, phrase_regex, phrase_spans

_CACHE_SIZE = 50_000  # paragraphs remembered: a large report, plus the texts typed since
IgnoreKey = tuple[str, str, str]  # (rule, node_id, flagged text), as in the ignored_finding table


class Checker:
    """Rule packs plus one report's settings: its dictionary, disabled rules, ignored findings."""

    def __init__(self, rules: dict[str, RuleInfo], specs: Sequence[PatternSpec], *,
                 dictionary: Iterable[str] = (), disabled: Iterable[str] = (),
                 ignored: Iterable[IgnoreKey] = (), period: PeriodContext | None = None) -> None:
        self.rules = rules
        self.period = period
        self.disabled = frozenset(disabled)
        self.ignored = frozenset(ignored)
        self.dictionary = frozenset(w for w in dictionary if w)
        self._dictionary_regex = phrase_regex(list(self.dictionary))
        active = [s for s in specs if s.rule.id not in self.disabled]
        text_matchers = [TEXT_MATCHERS[s.kind](s) for s in active if s.kind in TEXT_MATCHERS]
        self._text_by_field = {field: [m for m in text_matchers if field in m.spec.rule.fields]
                               for field in FIELDS}
        self._structure = [STRUCTURE_MATCHERS[s.kind](s) for s in active if s.kind in STRUCTURE_MATCHERS]
        self._report = [REPORT_MATCHERS[s.kind](s) for s in active if s.kind in REPORT_MATCHERS]
        self._numbering = [m for m in self._structure if isinstance(m, NumberingMatcher)]
        self._period = [LAST_PERIOD_MATCHERS[s.kind](s) for s in active if s.kind in LAST_PERIOD_MATCHERS]
        self._hit_cache = _hit_cache(specs, self.disabled)
        known = {*TEXT_MATCHERS, *STRUCTURE_MATCHERS, *REPORT_MATCHERS, *LAST_PERIOD_MATCHERS}
        unknown = {s.kind for s in specs} - known
        if unknown:
            raise ValueError(f"rule packs use unknown pattern kinds: {sorted(unknown)}")

    @classmethod
    def for_report(cls, report: Report, ignored: Iterable[IgnoreKey] = (),
                   period: PeriodContext | None = None) -> Checker:
        """The built-in packs with the report's dictionary and disabled rules.

        Ignored findings live in the file, not the model: pass ``store.ignored_findings()``.
        Last period's text per row comes in ``period``; without it the stale-text rules check
        this report's own year, half and cut-off only.
        """
        rules, specs = builtin_packs()
        return cls(rules, specs, dictionary=report.dictionary, disabled=report.disabled_rules,
                   ignored=ignored, period=period or PeriodContext.of_report(report))

    # --- checking ------------------------------------------------------------------------

    def check_text(self, text: str, *, node_id: str = "", field: str = "result", paragraph: int = 0,
                   level: int = 0) -> list[Finding]:
        """Local rules over one paragraph or title: fast enough for every keystroke."""
        if not text:
            return []
        findings = [_finding(h, text[h.start:h.end], node_id, field, paragraph)
                    for h in self._hits(text, field, level)]
        return self._keep(findings, text)

    def _hits(self, text: str, field: str, level: int) -> list[Hit]:
        """The local rules' hits, remembered per text: a recheck of the whole report after one
        edit only runs the rules over the paragraphs that changed."""
        key = (text, field, level)
        cached = self._hit_cache.get(key)
        if cached is not None:
            return cached
        hits: list[Hit] = []
        for matcher in self._text_by_field[field]:
            hits.extend(matcher.find(text))
        if level and field == "result":
            hits.extend(h for m in self._numbering for h in [m.doubled(text)] if h is not None)
        if "/" in text or "@" in text:
            protected = [m.span() for m in PROTECTED.finditer(text)]
            hits = [h for h in hits if not _overlaps(h.start, h.end, protected)]
        hits = _grouped(_first_per_place(hits), text)
        if len(self._hit_cache) >= _CACHE_SIZE:
            self._hit_cache.clear()
        self._hit_cache[key] = hits
        return hits

    def check_node(self, node: Node, report: Report | None = None) -> list[Finding]:
        """The node's title and result, with the result's list structure.

        With the report, also the report-wide findings that fall on this node.
        """
        findings = list(self._local(node))
        if report is not None:
            findings = _merge(findings, [f for f in self._report_wide(report) if f.node_id == node.id])
        return sorted(findings, key=_order)

    def check_report(self, report: Report) -> list[Finding]:
        """Every rule over the whole report, in document order."""
        local = [f for node in report.walk() for f in self._local(node)]
        order = {node.id: index for index, node in enumerate(report.walk())}
        findings = _merge(local, self._report_wide(report))
        return sorted(findings, key=lambda f: (order.get(f.node_id, -1), *_order(f)))

    # --- parts ---------------------------------------------------------------------------

    def _local(self, node: Node) -> Iterator[Finding]:
        field = "standard" if node.kind is NodeKind.STANDARD else "title"
        yield from self.check_text(node.title, node_id=node.id, field=field)
        for index, para in enumerate(node.result):
            yield from self.check_text(para.text, node_id=node.id, paragraph=index, level=para.level)
        for matcher in self._structure:
            for ph in matcher.find(node.result):
                para = node.result[ph.paragraph]
                flagged = para.literal if ph.on_marker else para.text[ph.hit.start:ph.hit.end]
                finding = _finding(ph.hit, flagged, node.id, "result", ph.paragraph,
                                   on_marker=ph.on_marker)
                yield from self._keep([finding], para.text)
        if self.period is not None and node.kind is NodeKind.STANDARD:
            yield from self._stale(node, self.period)

    def _stale(self, node: Node, period: PeriodContext) -> Iterator[Finding]:
        """Text carried over from last period (category 上期)."""
        for matcher in self._period:
            for ph in matcher.find(node, period):
                para = node.result[ph.paragraph]
                finding = _finding(ph.hit, para.text[ph.hit.start:ph.hit.end], node.id, "result",
                                   ph.paragraph)
                yield from self._keep([finding], para.text)

    def _report_wide(self, report: Report) -> list[Finding]:
        units = text_units(report)
        findings = []
        for matcher in self._report:
            for uh in matcher.find(report, units):
                text = uh.unit.text[uh.hit.start:uh.hit.end]
                finding = _finding(uh.hit, text, uh.unit.node.id, uh.unit.field, uh.unit.paragraph)
                findings.extend(self._keep([finding], uh.unit.text))
        return findings

    def _keep(self, findings: list[Finding], text: str) -> list[Finding]:
        """Drop what the report's settings silence: dictionary words and ignored findings."""
        if not findings:
            return findings
        words = phrase_spans(self._dictionary_regex, text)
        return [f for f in findings
                if not any(s <= f.start and f.end <= e for s, e in words)
                and (f.rule, f.node_id, f.text) not in self.ignored]


HitCache = dict[tuple[str, str, int], list[Hit]]
_SHARED_CACHES: dict[frozenset[str], HitCache] = {}


def _hit_cache(specs: Sequence[PatternSpec], disabled: frozenset[str]) -> HitCache:
    """Hits depend only on the active rules, not on the dictionary or ignored findings: checkers
    of the built-in packs share one cache per set of disabled rules, so rebuilding a checker
    after the clerk ignores a finding does not recheck every paragraph from scratch."""
    if specs is builtin_packs()[1]:
        return _SHARED_CACHES.setdefault(disabled, {})
    return {}


def clear_shared_caches() -> None:
    """Forget every remembered paragraph (for timing a cold check)."""
    _SHARED_CACHES.clear()


def _finding(hit: Hit, text: str, node_id: str, field: str, paragraph: int, *,
             on_marker: bool = False) -> Finding:
    spec = hit.spec
    return Finding(
        rule=spec.rule.id, category=spec.rule.category, severity=hit.severity or spec.severity,
        message=hit.message, node_id=node_id, field=field, paragraph=paragraph, start=hit.start,
        end=hit.end, text=text, suggestions=hit.suggestions,
        on_marker=on_marker, safe=spec.safe and bool(hit.suggestions), grouped=hit.grouped)


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < max(end, start + 1) for s, e in spans)


def _first_per_place(hits: list[Hit]) -> list[Hit]:
    """One hit per span: the first rule in pack order wins when two flag the same text."""
    seen: set[tuple[int, int]] = set()
    kept = []
    for hit in hits:
        if (hit.start, hit.end) not in seen:
            seen.add((hit.start, hit.end))
            kept.append(hit)
    return kept


def _grouped(hits: list[Hit], text: str) -> list[Hit]:
    """A rule's many hits in one paragraph as one hit whose fix applies them all."""
    grouping = [h.spec.rule for h in hits if h.spec.rule.group_min]
    if len(grouping) < 2:
        return hits
    many = {info for info, count in Counter(grouping).items() if count >= info.group_min}
    if not many:
        return hits
    kept = [h for h in hits if h.spec.rule not in many]
    for info in many:
        members = sorted((h for h in hits if h.spec.rule == info), key=lambda h: (h.start, h.end))
        start, end = members[0].start, max(h.end for h in members)
        fixed, limit = text[start:end], end
        for hit in reversed(members):
            if hit.suggestions and hit.end <= limit:
                fixed = fixed[:hit.start - start] + hit.suggestions[0] + fixed[hit.end - start:]
                limit = hit.start
        message = fill(info.group_message, count=len(members))
        kept.append(Hit(start, end, message, (fixed,), members[0].spec, members[0].severity, len(members)))
    return sorted(kept, key=lambda h: h.start)


def _merge(local: list[Finding], wide: list[Finding]) -> list[Finding]:
    """Report-wide findings replace local ones at the same place (they say more)."""
    places = {f.place for f in wide}
    return [f for f in local if f.place not in places] + wide


def _order(finding: Finding) -> tuple:
    return ("title", "standard", "result").index(finding.field), finding.paragraph, finding.start


# --- applying fixes ----------------------------------------------------------------------

def apply_suggestion(text: str, finding: Finding, suggestion: str) -> str:
    """The text with the finding's span replaced by the suggestion (marker findings: unchanged)."""
    if finding.on_marker:
        return text
    return text[:finding.start] + suggestion + text[finding.end:]


def apply_to_paragraphs(paragraphs: Sequence[Paragraph], finding: Finding,
                        suggestion: str) -> list[Paragraph]:
    """A result with one suggestion applied (a marker fix rewrites the literal marker)."""
    result = list(paragraphs)
    para = result[finding.paragraph]
    if finding.on_marker:
        from sqeditor.model.numbering import list_numbers, prefix_for
        number = list_numbers(p.level for p in result)[finding.paragraph]
        literal = "" if suggestion == prefix_for(para.level, number) else suggestion
        result[finding.paragraph] = replace(para, literal=literal)
    else:
        result[finding.paragraph] = replace(para, text=apply_suggestion(para.text, finding, suggestion))
    return result


def apply_to_node(node: Node, finding: Finding, suggestion: str) -> tuple[str, object]:
    """The node field to set and its new value: ('title', str) or ('result', [Paragraph])."""
    if finding.field == "result":
        return "result", apply_to_paragraphs(node.result, finding, suggestion)
    return "title", apply_suggestion(node.title, finding, suggestion)

