"""Names the lexicons do not list: a person's name read after a title, transliterated into the
spelling English-language news uses; and the English names of state institutions
("وزارة الخارجية الروسية" → Russian Foreign Ministry)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from marsad.lexicons import LEXICON_DIR, read_table
from marsad.text.normalise import normalise_word

_WORD = re.compile(r"[^\W\d_]+")
_MAX_WORDS = 5
# name parts that never end a name: "محمد بن", "آل", "أبو", "عبد"
_CONTINUES = frozenset(normalise_word(w) for w in ("بن", "بنت", "ابن", "أبو", "أبي", "أم", "آل", "عبد"))
_LETTERS = {
    "ا": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r",
    "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "", "غ": "gh", "ف": "f",
    "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "و": "w", "ي": "y", "ء": "", "ئ": "",
    "ؤ": "",
}


@dataclass(frozen=True, slots=True)
class PersonName:
    arabic: str  # as in the normalised text
    english: str
    start: int  # normalised offset


@cache
def _name_parts() -> dict[str, str]:
    if not (LEXICON_DIR / "name_parts.tsv").exists():
        return {}
    return {normalise_word(r.get("arabic") or ""): r.get("english") or "" for r in read_table("name_parts.tsv")}


@cache
def _not_names() -> frozenset[str]:
    path = LEXICON_DIR / "not_names.txt"
    if not path.exists():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(normalise_word(w.strip()) for w in lines if w.strip() and not w.startswith("#"))


def _ends_name(word: str) -> bool:
    stop = _not_names()
    return word in stop or (word[0] in "وف" and word[1:] in stop)


def read_person_name(text: str, start: int, limit: int) -> PersonName | None:
    """Two to five words from `start` (before `limit`) that read as a person's name, if any.
    Words must follow each other with single spaces: punctuation ends a name."""
    words: list[re.Match[str]] = []
    pos = start + 1 if text[start:start + 1] == " " else start
    while len(words) < _MAX_WORDS:
        m = _WORD.match(text, pos)
        if m is None or m.end() > limit or _ends_name(m.group()):
            break
        words.append(m)
        if text[m.end():m.end() + 1] != " ":
            break
        pos = m.end() + 1
    while words and words[-1].group() in _CONTINUES:
        words.pop()
    if len(words) < 2 or words[0].group()[0] == "و":
        return None
    arabic = text[words[0].start():words[-1].end()]
    return PersonName(arabic, transliterate(arabic), words[0].start())


def transliterate(name: str) -> str:
    """English spelling of an Arabic name: known parts from name_parts.tsv, the rest by letter."""
    parts = _name_parts()
    out = []
    for word in name.split():
        if word in parts:
            out.append(parts[word])
        elif word.startswith("ال") and word[2:] in parts:
            out.append("al-" + parts[word[2:]])
        elif word.startswith("ال"):
            out.append("al-" + _by_letter(word[2:]))
        else:
            out.append(_by_letter(word))
    return " ".join(out)


def _by_letter(word: str) -> str:
    latin = "".join(_LETTERS.get(ch, ch) for ch in word)
    return latin[:1].upper() + latin[1:]


@cache
def _institution_templates() -> dict[str, list[str]]:
    return {r.get("role") or "": r.alternatives("names") for r in read_table("institutions.tsv", ("role", "names"))}


@cache
def _country_names() -> dict[str, tuple[str, str]]:
    return {r.get("iso3") or "": (r.get("name") or "", r.get("demonym") or r.get("name") or "")
            for r in read_table("countries.tsv", ("iso3", "name"))}


def institution_names(role: str, country: str) -> list[str]:
    """English names of a country's institution ("foreign ministry", RUS → Russian Foreign
    Ministry, Ministry of Foreign Affairs of Russia); empty for roles that are no institution."""
    templates = _institution_templates().get(role)
    if not templates or country not in _country_names():
        return []
    name, demonym = _country_names()[country]
    return [t.format(country=name, demonym=demonym) for t in templates]
