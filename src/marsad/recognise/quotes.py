"""Quotations and who said them.

Direct quotations stand between “ ”, « » or " " (mixed forms too: normalisation makes every
curly quote "). The speaker is the subject of the reporting verb before the quotation (قال،
أكد، أضاف، وصف … بأنه), or the one a "عن X قوله" names; a quotation with no speaker of its own
in its sentence ("وأضاف: …") carries the last speaker forward. Indirect speech is a reporting
verb with a subject and إن/أن: "قال بوتين إن …".
"""
from __future__ import annotations

import bisect
import re
from functools import cache, lru_cache

from marsad.document import ActorMention, Document, Quote, Sentence
from marsad.events.clauses import QUOTATION, governing_preposition, named_rather_than_title, quotation_spans
from marsad.events.coder import provenance_free
from marsad.lexicons import read_table
from marsad.text.phrases import PhraseMatcher

_CARRIED = re.compile(r"(?:عنه|عنها|عنهم)\s+(?:قوله|قولها|قولهم)|(?:^|\s)(?:و|ف)?(?:اضاف|اضافت|تابع|تابعت|استطرد|واضاف)\s*[:,]")
_CLAUSE_END = re.compile(r",\s*(?:و)?(?:مشيرا|مشيره|مضيفا|مضيفه|موضحا|موضحه|مؤكدا|مؤكده|لافتا|لافته|حيث|الا ان|لكن)")
_COMPLEMENT = re.compile(r"(?:^|\s)(?:ب?[اإ]ن|ب?[اأ]ن)(?:ه|ها|هم|هما)?\s")
_REACH = 400  # characters before a quotation within which its speaker is named
_SAYING = re.compile(r"(?:^|\s)(?:قوله|قولها|قولهم|قولهما|بقوله|بقولها)\s*[:,]?\s*$")


@cache
def _reporting_verbs() -> PhraseMatcher[str]:
    """The reporting verbs; a hit's payload is the form as listed (the `verb` of a quote)."""
    return PhraseMatcher((r.get("form") or "", r.get("form") or "") for r in read_table("reporting_verbs.tsv", ("form",)))


def _verbs_in(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Reporting verbs between two offsets, found once per text."""
    hits = _verb_hits(text)
    return [h for h in hits[bisect.bisect_left(hits, (start,)):] if h[1] <= end]


@lru_cache(maxsize=4)
def _verb_hits(text: str) -> list[tuple[int, int, str]]:
    return [(h.start, h.end, h.payloads[0]) for h in _reporting_verbs().find(text)
            if h.prefix in ("", "و", "ف")]


def find_quotes(doc: Document) -> None:
    """Pipeline stage: fill `doc.quotes`."""
    text = doc.norm.text
    last_speaker: ActorMention | None = None
    quotes: list[Quote] = []
    candidates = provenance_free(doc)
    starts = [a.nstart for a in candidates]
    names = _name_ends(doc)
    for m in QUOTATION.finditer(text):
        if m.group(1) is None and m.group(2) is None:
            continue
        qstart, qend = m.span(1) if m.group(1) is not None else m.span(2)
        content = text[qstart:qend].strip()
        if not content or _is_a_name(names, qstart, qend):
            continue
        sentence = doc.sentences[doc.sentence_of(qstart)]
        speaker, verb = _speaker(doc, candidates, starts, sentence, m.start())
        if speaker is None:
            speaker = last_speaker or _last_person(doc, m.start())
        last_speaker = speaker or last_speaker
        quotes.append(_quote(doc, qstart, qend, "direct", speaker, verb, sentence))
    quotes.extend(_indirect(doc))
    doc.quotes = sorted(quotes, key=lambda q: q.start)


def _name_ends(doc: Document) -> dict[int, int]:
    """Where each named stretch (an actor, an entity's mention) that starts at a position ends."""
    ends: dict[int, int] = {}
    for start, end in [(a.nstart, a.nend) for a in doc.actors] + \
            [(m.nstart, m.nend) for e in doc.entities for m in e.mentions]:
        ends[start] = max(ends.get(start, 0), end)
    return ends


def _is_a_name(names: dict[int, int], start: int, end: int) -> bool:
    """«داعش»، "سكاي نيوز عربية": a name in quotation marks is no quotation."""
    return any(names.get(s, 0) >= end - 1 for s in range(start - 1, start + 2))


def _speaker(doc: Document, candidates: list[ActorMention], starts: list[int], sentence: Sentence,
             quote_start: int) -> tuple[ActorMention | None, str | None]:
    text = doc.norm.text
    # the speaker stands in the quotation's sentence, within reach of it (an unpunctuated text
    # can make one "sentence" of a whole article)
    floor = max(sentence.nstart, quote_start - _REACH)
    sentence = Sentence(sentence.index, sentence.start, sentence.end, floor, sentence.nend)
    head = text[floor:quote_start]
    quoted = [(s, e) for s, e in quotation_spans(text) if e > floor and s < quote_start]
    window = candidates[bisect.bisect_left(starts, floor):bisect.bisect_left(starts, quote_start)]
    actors = [a for a in window if a.nend <= quote_start and not a.adjective
              and not any(s <= a.nstart < e for s, e in quoted)]
    if _SAYING.search(head):  # نقلت الوكالة عن الرئيس الروسي قوله: "…"
        named = [a for a in actors if governing_preposition(text, a.nstart, sentence.nstart) == "عن"]
        if named:
            return named[-1], "قال"
    if _CARRIED.search(head):
        return None, None  # ونقل عنه قوله، وأضاف: the speaker carries over
    verb = _last_reporting_verb(text, sentence.nstart, quote_start)
    free = [a for a in actors if governing_preposition(text, a.nstart, sentence.nstart) is None]
    if verb is not None:
        vstart, vend, form = verb
        clause_end = _complement_after(text, vend, quote_start)
        after = [a for a in free if vend <= a.nstart < clause_end]
        before = [a for a in free if a.nend <= vstart]
        if after:
            return named_rather_than_title(text, after[0], actors), form  # قال بوتين: "…"
        if before:
            return named_rather_than_title(text, before[-1], actors), form  # الأسد قال …
        return None, form  # وأضاف: "…" — the speaker carries over
    return (named_rather_than_title(text, free[0], actors), None) if free else (None, None)


def _last_person(doc: Document, before: int) -> ActorMention | None:
    """The last person named before a quotation that no sentence gives a speaker."""
    people = [a for a in doc.actors if a.nend <= before and a.entity is not None and a.entity.kind == "PER"]
    return people[-1] if people else None


def _complement_after(text: str, start: int, end: int) -> int:
    """Where the complement of a speech verb begins (its subject stands before): قال X إن …"""
    m = _COMPLEMENT.search(text, start, end)
    return m.start() if m else end


def _last_reporting_verb(text: str, start: int, end: int) -> tuple[int, int, str] | None:
    verbs = _verbs_in(text, start, end)
    return verbs[-1] if verbs else None


def _quote(doc: Document, nstart: int, nend: int, kind: str, speaker: ActorMention | None, verb: str | None,
           sentence: Sentence) -> Quote:
    start, end = doc.span(nstart, nend)
    while start < end and doc.text[start].isspace():
        start += 1
    while end > start and doc.text[end - 1].isspace():
        end -= 1
    return Quote(doc.text[start:end], start, end, kind, speaker, verb, sentence.index)


def _indirect(doc: Document) -> list[Quote]:
    """قال بوتين إن الاجتماع كان فرصة …: the clause after إن/أن, up to the end of the sentence."""
    text = doc.norm.text
    quotes = []
    for sentence in doc.sentences:
        verb = _first_reporting_verb(text, sentence)
        if verb is None:
            continue
        vstart, vend, form = verb
        m = _COMPLEMENT.search(text, vend, sentence.nend)
        if m is None or m.start() - vend > 80 or any(s <= m.start() < e for s, e in quotation_spans(text)):
            continue
        actors = [a for a in doc.actors if vend <= a.nstart < m.start() and not a.adjective
                  and governing_preposition(text, a.nstart, sentence.nstart) is None]
        if not actors:
            continue
        actors[0] = named_rather_than_title(text, actors[0], doc.actors)
        end = sentence.nend - (1 if text[sentence.nend - 1] in ".!?؟" else 0)
        cut = _CLAUSE_END.search(text, m.end(), end)
        end = cut.start() if cut else end
        if end - m.end() > 10:
            quotes.append(_quote(doc, m.end(), end, "indirect", actors[0], form, sentence))
    return quotes


def _first_reporting_verb(text: str, sentence: Sentence) -> tuple[int, int, str] | None:
    verbs = _verbs_in(text, sentence.nstart, sentence.nend)
    return verbs[0] if verbs else None
