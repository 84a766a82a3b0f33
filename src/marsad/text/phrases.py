"""Find lexicon phrases in normalised text, fast, allowing the clitics Arabic attaches to words.

A `PhraseMatcher` is compiled once from (form, payload) pairs into an Aho-Corasick automaton.
A hit counts when it stands on word boundaries, except that the first word may carry
proclitics (وبموسكو، لموسكو) and a form with the article may appear as لل (للأسد = ل + الأسد).
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Generic, NamedTuple, TypeVar

import ahocorasick

from marsad.text.clitics import CONJUNCTIONS, PREPOSITIONS
from marsad.text.normalise import normalise_word

T = TypeVar("T")

PROCLITICS = frozenset(c + p for c in CONJUNCTIONS for p in PREPOSITIONS)
# after ل the article's alef is dropped: للأسد. These are the prefixes that end in that ل.
_LAM_PREFIXES = frozenset(p for p in PROCLITICS if p.endswith("ل"))
# verbs also take the future particle: سيزور، وستواصل
VERB_PROCLITICS = PROCLITICS | {c + "س" for c in CONJUNCTIONS}


def phrase_key(form: str) -> str:
    """What a form is matched as: normalised, with single spaces between its words."""
    return " ".join(normalise_word(form).split())


class PhraseHit(NamedTuple, Generic[T]):
    """A phrase found at normalised [start, end); `prefix` is the proclitics before it. (A
    named tuple: an article has dozens, and a frozen dataclass takes five times as long to make.)"""

    start: int
    end: int
    prefix: str
    form: str
    payloads: tuple[T, ...]


class PhraseMatcher(Generic[T]):
    """Longest-match lookup of many phrases in one pass over the text."""

    def __init__(self, entries: Iterable[tuple[str, T]], proclitics: frozenset[str] = PROCLITICS) -> None:
        self._proclitics = proclitics
        self._bare = "" in proclitics  # a phrase may stand with no proclitic at all
        payloads: dict[str, list[T]] = {}
        for form, payload in entries:
            key = phrase_key(form)
            if len(key) >= 2:
                payloads.setdefault(key, []).append(payload)
        self._payloads = {k: tuple(v) for k, v in payloads.items()}
        self._automaton = ahocorasick.Automaton()
        for key in self._payloads:
            self._automaton.add_word(key, (key, len(key), False))
            if key.startswith("ال") and len(key) > 3 and key[1:] not in self._payloads:
                self._automaton.add_word(key[1:], (key, len(key) - 1, True))  # للأسد: ل + لأسد
        if self._payloads:
            self._automaton.make_automaton()

    def __len__(self) -> int:
        return len(self._payloads)

    def find_all(self, text: str) -> list[PhraseHit[T]]:
        """Every hit on valid boundaries, overlapping ones included, in text order."""
        if not self._payloads:
            return []
        hits, size_of_text = [], len(text)
        for last, (key, size, after_lam) in self._automaton.iter(text):
            end = last + 1
            if end < size_of_text and text[end].isalnum():
                continue  # inside a longer word
            start = end - size
            # most hits start a word, and need no look for proclitics before them
            prefix = _prefix(text, start, self._proclitics) if start and text[start - 1].isalnum() else ""
            if prefix is None or (after_lam and prefix not in _LAM_PREFIXES) or not (prefix or self._bare):
                continue
            hits.append(PhraseHit(start, end, prefix, key, self._payloads[key]))
        hits.sort(key=lambda h: (h.start, -h.end))
        return hits

    def find(self, text: str) -> list[PhraseHit[T]]:
        """The longest hits, leftmost first, never overlapping."""
        return longest(self.find_all(text))


def longest(hits: list[PhraseHit[T]]) -> list[PhraseHit[T]]:
    """Of `find_all`'s hits, the longest ones, leftmost first, never overlapping."""
    chosen: list[PhraseHit[T]] = []
    taken = bytearray(max((h.end for h in hits), default=0) + 1)
    for hit in sorted(hits, key=lambda h: (h.start - h.end, h.start)):
        if not any(taken[hit.start:hit.end]):
            chosen.append(hit)
            taken[hit.start:hit.end] = b"\x01" * (hit.end - hit.start)
    return sorted(chosen, key=lambda h: h.start)


def _prefix(text: str, start: int, proclitics: frozenset[str]) -> str | None:
    """The proclitics between the start of the word and `start`, or None if that is no proclitic."""
    word_start = start
    while word_start > 0 and text[word_start - 1].isalnum() and start - word_start < 3:
        word_start -= 1
    if word_start > 0 and text[word_start - 1].isalnum():
        return None
    prefix = text[word_start:start]
    return prefix if prefix in proclitics else None
