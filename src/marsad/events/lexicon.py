"""The event lexicons: CAMEO codes with their PLOVER type, mode, Goldstein value and quad class
(`cameo_codes.tsv`), and the Arabic triggers that express them (`triggers.tsv`)."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from marsad.lexicons import Row, read_table
from marsad.lexicons.user import later_wins, table_layers
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


def triggers(files: tuple[Path, ...] = ()) -> PhraseMatcher[Trigger]:
    """The triggers of triggers.tsv and of the user lexicon `files` (absolute paths, see
    `lexicons.user`), compiled once per set of files."""
    return _compile(files)  # one cache entry for triggers() and triggers(()) alike


@lru_cache(maxsize=4)
def _compile(files: tuple[Path, ...]) -> PhraseMatcher[Trigger]:
    return PhraseMatcher(later_wins([list(_triggers(rows)) for rows in table_layers("triggers", files)]),
                         VERB_PROCLITICS)


def _triggers(rows: list[Row]) -> Iterator[tuple[str, Trigger]]:
    codes = event_codes()
    for row in rows:
        cameo = row.get("cameo") or ""
        if cameo not in codes:
            raise row.error("cameo", f"{cameo!r} is not a CAMEO code of cameo_codes.tsv")
        trigger = Trigger(codes[cameo], row.get("pos") or "verb",
                          tuple(normalise_word(p) for p in row.alternatives("target")),
                          "ambiguous" in (row.get("note") or ""),
                          any(w in (row.get("note") or "") for w in ("casualty", "outcome")))
        for form in row.alternatives("forms_ar"):
            yield form, trigger
