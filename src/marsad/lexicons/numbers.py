"""Number words (numbers.tsv) as marsad matches them: normalised, with their values."""
from __future__ import annotations

from functools import cache

from marsad.lexicons import read_table
from marsad.text.normalise import normalise_word


@cache
def number_words() -> dict[str, int | None]:
    """Each normalised number word and its value (None for a word that counts no set number: آلاف)."""
    return {normalise_word(r.get("form") or ""): r.number("value", int) for r in read_table("numbers.tsv", ("form",))}
