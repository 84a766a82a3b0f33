"""The Document: it owns the text, and every stage adds spans (offsets into that text) to it.

Offsets are kept twice where a stage needs both: `start`/`end` index the original text as read
(what users and the JSON record see), `nstart`/`nend` index the normalised text the matchers
work on. `Document.span` turns the second into the first.
"""
from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from marsad.text.normalise import NormalisedText, normalise


@dataclass(slots=True)
class Sentence:
    index: int
    start: int
    end: int
    nstart: int
    nend: int


@dataclass(slots=True)
class Token:
    start: int
    end: int
    nstart: int
    nend: int
    norm: str  # the normalised form of the word
    sentence: int


@dataclass(slots=True)
class TimeExpression:
    """A time expression and, when the publication date allows, its calendar value."""

    text: str
    start: int
    end: int
    value: str | None  # YYYY, YYYY-MM or YYYY-MM-DD
    precision: str | None  # year, month or day
    sentence: int
    nstart: int = 0
    nend: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "value": self.value,
                "precision": self.precision, "sentence": self.sentence}


@dataclass(slots=True)
class Mention:
    """One place in the text where an entity is named or referred to."""

    text: str
    start: int
    end: int
    sentence: int
    nstart: int
    nend: int
    how: str  # name, short, abbrev, nisba, capital, title, coreference

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "sentence": self.sentence, "how": self.how}


@dataclass(slots=True)
class Entity:
    """A person, organisation, place or other named thing, with all its mentions."""

    id: str
    kind: str  # PER, ORG, LOC, MISC
    name: str | None  # canonical English name
    name_ar: str
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    wikidata: str | None = None
    confidence: float = 1.0
    key: str | None = None  # the lexicon entry it resolved to, if any
    office: str | None = None  # for office holders: the office held at the article's date
    aliases: list[str] = field(default_factory=list)
    place: dict[str, Any] | None = None  # lat, lon, geonameid, type for places
    mentions: list[Mention] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        record = {"id": self.id, "name": self.name, "name_ar": self.name_ar, "kind": self.kind,
                  "country": self.country, "sector": self.sector, "code": self.code, "wikidata": self.wikidata,
                  "office": self.office, "aliases": self.aliases, "confidence": self.confidence}
        if self.place:
            record.update(self.place)
        record["mentions"] = [m.to_dict() for m in self.mentions]
        return record


@dataclass(slots=True)
class ActorMention:
    """A stretch of text that can be an event's actor or target: a named entity, a title, or a
    generic actor (الجيش الإسرائيلي، قوات الأمن المصرية، المتظاهرون)."""

    nstart: int
    nend: int
    name: str | None
    country: str | None
    sector: str | None
    entity: Entity | None = None
    adjective: bool = False  # a nisba (الإسرائيلية): an actor only beside a noun it qualifies

    @property
    def code(self) -> str | None:
        if self.entity is not None and self.entity.code and self.entity.kind != "LOC":
            return self.entity.code
        return ((self.country or "") + (self.sector or "")) or None


def actor_record(doc: "Document", actor: ActorMention | None) -> dict[str, Any] | None:
    """An actor as the SPEC record gives it: who, and the text that says so."""
    if actor is None:
        return None
    start, end = doc.span(actor.nstart, actor.nend)
    return {"entity": actor.entity.id if actor.entity is not None and actor.entity.kind != "LOC" else None,
            "name": actor.name, "country": actor.country, "sector": actor.sector, "code": actor.code,
            "text": doc.text[start:end], "start": start, "end": end}


@dataclass(slots=True)
class Event:
    """Who did what to whom: a coded event and the evidence for each part of it."""

    cameo: str
    type: str
    mode: str | None
    goldstein: float | None
    quad: int | None
    actor: ActorMention | None
    target: ActorMention | None
    trigger: tuple[int, int]  # normalised span
    sentence: int
    date: str | None = None
    date_precision: str | None = None
    location: dict[str, Any] | None = None
    fatalities: int | None = None
    injured: int | None = None
    negated: bool = False
    modality: str = "asserted"
    confidence: float = 0.5
    id: str = ""

    def record(self, doc: "Document") -> dict[str, Any]:
        start, end = doc.span(*self.trigger)
        return {"id": self.id, "type": self.type, "mode": self.mode, "cameo": self.cameo,
                "goldstein": self.goldstein, "quad": self.quad,
                "actor": actor_record(doc, self.actor), "target": actor_record(doc, self.target),
                "trigger": {"text": doc.text[start:end], "start": start, "end": end},
                "date": self.date, "date_precision": self.date_precision, "location": self.location,
                "fatalities": self.fatalities, "injured": self.injured, "negated": self.negated,
                "modality": self.modality, "sentence": self.sentence, "confidence": self.confidence}


@dataclass(slots=True)
class Quote:
    """A quotation (direct, between quotation marks, or indirect: قال إن …) and its speaker."""

    text: str
    start: int
    end: int
    kind: str  # direct or indirect
    speaker: ActorMention | None
    verb: str | None
    sentence: int

    def record(self, doc: "Document") -> dict[str, Any]:
        return {"speaker": actor_record(doc, self.speaker), "text": self.text, "start": self.start,
                "end": self.end, "kind": self.kind, "verb": self.verb, "sentence": self.sentence}


@dataclass(slots=True)
class Source:
    """Where the article came from: the original outlet, a translator, a wire agency."""

    outlet: str | None = None
    outlet_ar: str | None = None
    translator: str | None = None
    translator_ar: str | None = None
    agency: str | None = None
    agency_ar: str | None = None
    url: str | None = None
    evidence: list[dict[str, Any]] = field(default_factory=list)  # the lines it was read from

    def to_dict(self) -> dict[str, Any]:
        return {"outlet": self.outlet, "outlet_ar": self.outlet_ar, "translator": self.translator,
                "translator_ar": self.translator_ar, "agency": self.agency, "agency_ar": self.agency_ar,
                "url": self.url, "evidence": self.evidence}


@dataclass
class Document:
    """One article: its text, what is known about it, and what the stages found in it."""

    text: str
    doc_id: str | None = None
    published: dt.date | None = None
    url: str | None = None
    title: str | None = None
    publisher: str | None = None  # the site the article was collected from, when the input says
    lexicons: tuple[Path, ...] = field(default=(), repr=False)  # user lexicon files the stages match with
    norm: NormalisedText = field(init=False, repr=False)
    sentences: list[Sentence] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    source: Source = field(default_factory=Source)
    entities: list[Entity] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)  # for the event coder; not serialised
    place_mentions: list[tuple[Mention, Entity]] = field(default_factory=list)  # likewise
    # every hit of the names, agents and triggers matchers, by kind ("lex", "agent", "trigger"):
    # found once for all the stages that use them (`recognise.lexicon_hits`); not serialised
    lexicon_hits: dict[str, list[Any]] = field(default_factory=dict, repr=False)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    _sentence_starts: list[int] = field(default_factory=list, repr=False)
    _place_starts: list[int] = field(default_factory=list, repr=False)
    _time_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self.norm = normalise(self.text)

    @cached_property
    def tokens(self) -> list[Token]:
        """Words, numbers and punctuation marks, sentence by sentence; made on first use, since
        stages that match on the normalised text directly never need them."""
        from marsad.text.segment import tokenise

        return tokenise(self)

    def span(self, nstart: int, nend: int) -> tuple[int, int]:
        """Original offsets of the normalised span [nstart, nend)."""
        return self.norm.original_span(nstart, nend)

    def sentence_of(self, nstart: int) -> int:
        """Index of the sentence holding normalised offset `nstart` (the nearest one before it)."""
        if len(self._sentence_starts) != len(self.sentences):
            self._sentence_starts = [s.nstart for s in self.sentences]
        return max(bisect.bisect_right(self._sentence_starts, nstart) - 1, 0)

    def places_in(self, nstart: int, nend: int) -> list[tuple[Mention, Entity]]:
        """The place mentions that start in the normalised span [nstart, nend)."""
        if len(self._place_starts) != len(self.place_mentions):
            self._place_starts = [m.nstart for m, _ in self.place_mentions]
        starts = self._place_starts
        return self.place_mentions[bisect.bisect_left(starts, nstart):bisect.bisect_left(starts, nend)]

    def times_in(self, nstart: int, nend: int) -> list[TimeExpression]:
        """The time expressions that start in the normalised span [nstart, nend)."""
        if len(self._time_starts) != len(self.times):
            self._time_starts = [t.nstart for t in self.times]
        starts = self._time_starts
        return self.times[bisect.bisect_left(starts, nstart):bisect.bisect_left(starts, nend)]

    def to_dict(self) -> dict[str, Any]:
        """The SPEC §1 document record."""
        from marsad.serialise import document_record

        return document_record(self)
