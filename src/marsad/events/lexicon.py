"""The event lexicons: CAMEO codes with their PLOVER type, mode, Goldstein value and quad class
(`cameo_codes.tsv`), and the Arabic triggers that express them (`triggers.tsv`)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from marsad.lexicons import read_table
from marsad.text.normalise import normalise_word
from marsad.text.phrases import VERB_PROCLITICS, PhraseMatcher

PLOVER_TYPES = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                          "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"})


@dataclass(frozen=True, slots=True)
class EventCode:
    cameo: str
    name: str
    type: str | None  # None for CAMEO 01 (statements), which are not events
    mode: str | None
    goldstein: float | None
    quad: int | None


@dataclass(frozen=True, slots=True)
class Trigger:
    """A word or phrase that expresses an event, and how its target is introduced."""

    code: EventCode
    pos: str  # verb, noun or phrase
    target_preps: tuple[str, ...]  # normalised prepositions; empty: the direct object
    ambiguous: bool  # also an everyday word: needs an actor and a target beside it
    casualty: bool  # a toll (مقتل X، أسفر عن مقتل): X is the victim, not the actor


@cache
def event_codes() -> dict[str, EventCode]:
    codes = {}
    for row in read_table("cameo_codes.tsv", ("cameo", "type", "goldstein", "quad")):
        kind = row.get("type")
        if kind is not None and kind not in PLOVER_TYPES:
            raise row.error("type", f"{kind!r} is not a PLOVER event type")
        quad = row.number("quad", int)
        codes[row.get("cameo") or ""] = EventCode(row.get("cameo") or "", row.get("name") or "", kind,
                                                  row.get("mode"), row.number("goldstein"),
                                                  int(quad) if quad is not None else None)
    return codes


@cache
def triggers() -> PhraseMatcher[Trigger]:
    codes = event_codes()
    entries = []
    for row in read_table("triggers.tsv", ("forms_ar", "cameo")):
        cameo = row.get("cameo") or ""
        if cameo not in codes:
            raise row.error("cameo", f"{cameo!r} is not in cameo_codes.tsv")
        trigger = Trigger(codes[cameo], row.get("pos") or "verb",
                          tuple(normalise_word(p) for p in row.alternatives("target")),
                          "ambiguous" in (row.get("note") or ""),
                          any(w in (row.get("note") or "") for w in ("casualty", "outcome")))
        entries.extend((form, trigger) for form in row.alternatives("forms_ar"))
    return PhraseMatcher(entries, VERB_PROCLITICS)
