"""Clitic analysis of Arabic words: which proclitics and pronoun suffixes a written word may carry.

Arabic writes conjunctions (و ف), prepositions (ب ل ك), the future particle (س), the article
(ال, and لل for ل + ال) and object/possessive pronouns (ـه ـها ـهم …) as part of the word, so
وبموسكو is و + ب + موسكو and وسيطرتها is و + سيطرة + ها. A lexicon lookup must try the stems.
Words are expected in normalised form (see `normalise`): أ→ا, ة→ه, ى→ي.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

CONJUNCTIONS = ("", "و", "ف")
PREPOSITIONS = ("", "ب", "ل", "ك")
_PARTICLES = PREPOSITIONS + ("س",)
# Pronoun suffixes, longest first so that ـهما is tried before ـها and ـه.
_SUFFIXES = ("هما", "كما", "هم", "هن", "ها", "كم", "كن", "نا", "ني", "ه", "ك", "ي")
_MIN_STEM = 2


@dataclass(frozen=True, slots=True)
class Analysis:
    """One way to read a written word: proclitics + stem + suffix."""

    prefix: str
    stem: str
    suffix: str
    definite: bool  # the stem carried the article ال (or the لل contraction)

    @property
    def lemma_forms(self) -> tuple[str, ...]:
        """The stem as a lexicon would list it: bare, and with the article when it had one."""
        return ("ال" + self.stem, self.stem) if self.definite else (self.stem,)


def _strip_article(prefix: str, rest: str) -> list[tuple[str, str, bool]]:
    out = [(prefix, rest, False)]
    if prefix.endswith("ل") and rest.startswith("ل") and len(rest) - 1 >= _MIN_STEM:
        out.append((prefix + "ل", rest[1:], True))  # لل = ل + ال with the alef dropped
    if rest.startswith("ال") and len(rest) - 2 >= _MIN_STEM:
        out.append((prefix + "ال", rest[2:], True))
    return out


def _proclitic_splits(word: str) -> list[tuple[str, str, bool]]:
    splits = []
    for conj in CONJUNCTIONS:
        if not word.startswith(conj):
            continue
        for particle in _PARTICLES:
            prefix = conj + particle
            if not word.startswith(prefix) or len(word) - len(prefix) < _MIN_STEM:
                continue
            rest = word[len(prefix):]
            if particle == "س" and rest[0] not in "يتنا":
                continue  # the future particle only precedes an imperfect verb
            splits.extend(_strip_article(prefix, rest) if particle != "س" else [(prefix, rest, False)])
    return splits


def _suffix_splits(stem: str, definite: bool) -> list[tuple[str, str]]:
    out = [(stem, "")]
    if definite:
        return out  # a definite noun takes no possessive pronoun
    for suffix in _SUFFIXES:
        base = stem[: -len(suffix)]
        if stem.endswith(suffix) and len(base) >= _MIN_STEM:
            out.append((base, suffix))
            if base.endswith("ت"):
                out.append((base[:-1] + "ه", suffix))  # سيطرتها → سيطرة (teh marbuta, normalised ه)
    return out


def in_word_list(word: str, words: frozenset[str] | set[str]) -> bool:
    """Is the word, or the word after a leading conjunction و/ف (ولم، فإن), one of `words`?"""
    return word in words or (word[:1] in "وف" and word[1:] in words)


@lru_cache(maxsize=200_000)
def analyse(word: str) -> tuple[Analysis, ...]:
    """Every reading of `word`, the word as written first, then by increasing clitic length."""
    seen: set[tuple[str, str, str]] = set()
    readings = []
    for prefix, rest, definite in _proclitic_splits(word):
        for stem, suffix in _suffix_splits(rest, definite):
            key = (prefix, stem, suffix)
            if key not in seen:
                seen.add(key)
                readings.append(Analysis(prefix, stem, suffix, definite))
    readings.sort(key=lambda a: len(a.prefix) + len(a.suffix))
    return tuple(readings)


@lru_cache(maxsize=200_000)
def lookup_forms(word: str) -> tuple[str, ...]:
    """The distinct forms under which a lexicon might list `word`, most literal first."""
    forms: dict[str, None] = {}
    for reading in analyse(word):
        for form in reading.lemma_forms:
            forms.setdefault(form)
    return tuple(forms)
