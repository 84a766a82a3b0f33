"""Normalise Arabic text for matching while keeping a map back to the original offsets.

Every change is either a one-for-one letter substitution or a deletion, so the normalised
string never grows: a normalised index maps back to an original one by counting the deletions
before it. Matchers work on `NormalisedText.text`; everything they report is turned back into
original offsets with `NormalisedText.original_span`, so that `text[start:end]` is the evidence.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property

import regex

# Deleted: Arabic diacritics (harakat, shadda, sukun, dagger alef, Quranic marks), tatweel,
# zero-width and bidi control marks, soft hyphen, BOM.
_DELETED = regex.compile(
    "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640"
    "\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)

# The deleted characters that belong to the letter before them: vowel marks and tatweel.
_MARK = regex.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640]")

_SUBSTITUTED = {
    # alef and hamza seats: matching should not depend on how carefully a writer spelled hamza
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",
    # alef maqsura / yeh and teh marbuta / heh are written interchangeably in news
    "ى": "ي", "ة": "ه",
    # Persian and Urdu letter forms that Arabic typists use by accident
    "ک": "ك", "ی": "ي", "ە": "ه",
    # Arabic punctuation to its Latin counterpart, so one pattern serves both
    "،": ",", "٫": ".", "٬": ",",
    # typographic quotes and dashes
    "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"',
    "‘": "'", "’": "'", "‚": "'", "‛": "'",
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u3000": " ",
}
# Arabic-Indic and Persian (Extended Arabic-Indic) digits to ASCII digits.
_SUBSTITUTED.update({chr(0x0660 + d): str(d) for d in range(10)})
_SUBSTITUTED.update({chr(0x06F0 + d): str(d) for d in range(10)})
# Latin letters fold to lower case (ASCII only, so lengths never change).
_SUBSTITUTED.update({chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)})

# str.replace per pair beats str.translate with a dict table by ~7x on Arabic text, since
# translate looks every character up in the dict while replace scans in C. A word is quicker
# still to look up letter by letter. (No substitute is itself substituted, so order is free.)
_PAIRS = tuple(_SUBSTITUTED.items())
_SHORT = 40


def _substitute(text: str) -> str:
    if len(text) <= _SHORT:
        for old in _SUBSTITUTED.keys() & set(text):
            text = text.replace(old, _SUBSTITUTED[old])
        return text
    for old, new in _PAIRS:
        if old in text:
            text = text.replace(old, new)
    return text


@dataclass(frozen=True)
class NormalisedText:
    """The normalised form of an original text, and the way back to it."""

    original: str
    text: str
    # normalised position at which each deleted original character would have stood
    _deleted_at: list[int] = field(repr=False)

    def original_index(self, i: int) -> int:
        """Original offset of normalised offset `i` (a start offset, or `len(text)`)."""
        if not self._deleted_at:
            return i
        return i + bisect.bisect_right(self._deleted_at, i)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the normalised span [start, end)."""
        if not self._deleted_at:
            return start, end
        if end <= start:
            o = self.original_index(start)
            return o, o
        # end is exclusive: map the last character and step past it, then take in the vowel
        # marks written on that letter (not the bidi or zero-width marks that may follow).
        stop = self.original_index(end - 1) + 1
        while stop < len(self.original) and _MARK.match(self.original[stop]):
            stop += 1
        return self.original_index(start), stop

    def normalised_index(self, i: int) -> int:
        """Normalised offset of original offset `i` (deleted characters map to the next kept one)."""
        return i - bisect.bisect_left(self._original_deleted, i)

    @cached_property
    def _original_deleted(self) -> list[int]:
        return [q + k for k, q in enumerate(self._deleted_at)]


def normalise(text: str) -> NormalisedText:
    """Normalise `text` for matching; see the module docstring for what changes."""
    deleted_at = [m.start() - k for k, m in enumerate(_DELETED.finditer(text))]
    stripped = _DELETED.sub("", text) if deleted_at else text
    return NormalisedText(text, _substitute(stripped), deleted_at)


def normalise_word(word: str) -> str:
    """Normalise a short string (a lexicon entry, a query) without keeping offsets."""
    return _substitute(_DELETED.sub("", word))
