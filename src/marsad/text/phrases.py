"""Find lexicon phrases in normalised text, fast, allowing the clitics Arabic attaches to words.

A `PhraseMatcher` is compiled once from (form, payload) pairs into an Aho-Corasick automaton.
A hit counts when it stands on word boundaries, except that the first word may carry
proclitics (وبموسكو، لموسكو) and a form with the article may appear as لل (للأسد = ل + الأسد).
"""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
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
        # what the automaton looks for → (the phrase, its length in the text, written after لل)
        self._searched: dict[str, tuple[str, int, bool]] = {}
        for key in self._payloads:
            self._searched[key] = (key, len(key), False)
            if key.startswith("ال") and len(key) > 3 and key[1:] not in self._payloads:
                self._searched[key[1:]] = (key, len(key) - 1, True)  # للأسد: ل + لأسد
        self._automaton = _automaton((text, ((0, *found),)) for text, found in self._searched.items())

    def __len__(self) -> int:
        return len(self._payloads)

    def find_all(self, text: str) -> list[PhraseHit[T]]:
        """Every hit on valid boundaries, overlapping ones included, in text order."""
        return find_all_of((self,), text)[0]

    def find(self, text: str) -> list[PhraseHit[T]]:
        """The longest hits, leftmost first, never overlapping."""
        return longest(self.find_all(text))

    def _hit(self, text: str, end: int, key: str, size: int, after_lam: bool) -> PhraseHit[T] | None:
        """The hit of `key` ending at `end`, if the word it starts in begins with proclitics
        this matcher allows (most hits start a word, and need no look before them)."""
        start = end - size
        prefix = _prefix(text, start, self._proclitics) if start and text[start - 1].isalnum() else ""
        if prefix is None or (after_lam and prefix not in _LAM_PREFIXES) or not (prefix or self._bare):
            return None
        return PhraseHit(start, end, prefix, key, self._payloads[key])


def find_all_of(matchers: tuple[PhraseMatcher, ...], text: str) -> list[list[PhraseHit]]:
    """`find_all` of each matcher, reading the text once for all of them: each pass over an
    Arabic text costs as much as the hits it finds."""
    hits: list[list[PhraseHit]] = [[] for _ in matchers]
    automaton = matchers[0]._automaton if len(matchers) == 1 else _joined(matchers)
    size_of_text = len(text)
    if not len(automaton):
        return hits
    for last, found in automaton.iter(text):
        if last + 1 < size_of_text and text[last + 1].isalnum():
            continue  # inside a longer word
        for n, key, size, after_lam in found:
            hit = matchers[n]._hit(text, last + 1, key, size, after_lam)
            if hit is not None:
                hits[n].append(hit)
    for found in hits:
        found.sort(key=_in_text_order)
    return hits


@lru_cache(maxsize=4)
def _joined(matchers: tuple[PhraseMatcher, ...]) -> ahocorasick.Automaton:
    """One automaton for the phrases of all the matchers, each found phrase naming its matcher
    (a matcher's own automaton names itself as matcher 0)."""
    searched: dict[str, list[tuple[int, str, int, bool]]] = {}
    for n, matcher in enumerate(matchers):
        for text, found in matcher._searched.items():
            searched.setdefault(text, []).append((n, *found))
    return _automaton((text, tuple(found)) for text, found in searched.items())


def _automaton(words: Iterable[tuple[str, object]]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for word, value in words:
        automaton.add_word(word, value)
    if len(automaton):
        automaton.make_automaton()
    return automaton


def _in_text_order(hit: PhraseHit) -> tuple[int, int]:
    return hit.start, -hit.end


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
