"""Names the lexicons do not list: a person's name read after a title, transliterated into the
spelling English-language news uses; and the English names of state institutions
("وزارة الخارجية الروسية" → Russian Foreign Ministry)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from marsad.document import Document
from marsad.lexicons import LEXICON_DIR, read_table, read_words
from marsad.text.clitics import in_word_list
from marsad.text.normalise import normalise_word

_WORD = re.compile(r"[^\W\d_]+")
_TANWEEN = re.compile("[\u064b-\u064d]")
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
def name_parts() -> dict[str, str]:
    """The names and name particles of name_parts.tsv (محمد، عبد، أبو، بوتين), normalised, with
    their English spelling."""
    if not (LEXICON_DIR / "name_parts.tsv").exists():
        return {}
    return {normalise_word(r.get("arabic") or ""): r.get("english") or "" for r in read_table("name_parts.tsv")}


@cache
def _not_names() -> frozenset[str]:
    return frozenset(_stop_form(w) for w in read_words("not_names.txt"))


def _stop_form(word: str) -> str:
    """The normalised word, but with a final ى kept: على (on) must not stop the name علي (Ali)."""
    norm = normalise_word(word)
    return norm[:-1] + "ى" if word.endswith("ى") else norm


def ends_name(written: str) -> bool:
    """Does this word, as written in the original text, end a name? Words of not_names.txt do,
    and so does nunation: names take none (معزولاً، احتفاءً، وزيرًا are adjectives and nouns)."""
    return bool(_TANWEEN.search(written)) or in_word_list(_stop_form(written), _not_names())


def read_person_name(doc: Document, start: int, limit: int) -> PersonName | None:
    """Two to five words from normalised offset `start` (before `limit`) that read as a
    person's name, if any. Words must follow each other with single spaces: punctuation ends a name."""
    text = doc.norm.text
    words: list[re.Match[str]] = []
    pos = start + 1 if text[start:start + 1] == " " else start
    while len(words) < _MAX_WORDS:
        m = _WORD.match(text, pos)
        if m is None or m.end() > limit:
            break
        start_o, end_o = doc.span(m.start(), m.end())
        written = doc.text[start_o:end_o]
        if ends_name(written):
            break
        words.append(m)
        if text[m.end():m.end() + 1] != " ":
            break
        pos = m.end() + 1
    while words and words[-1].group() in _CONTINUES:
        words.pop()
    if len(words) < 2 or words[0].group()[0] == "و" or not any(_is_name_part(w.group()) for w in words):
        return None
    arabic = text[words[0].start():words[-1].end()]
    return PersonName(arabic, transliterate(arabic), words[0].start())


def _is_name_part(word: str) -> bool:
    """A given or family name that name_parts.tsv lists (not a particle such as بن or آل)."""
    parts = name_parts()
    return word not in _CONTINUES and (word in parts or (word.startswith("ال") and word[2:] in parts))


def transliterate(name: str) -> str:
    """English spelling of an Arabic name: known parts from name_parts.tsv (two-word parts such
    as عبد الله first), the rest letter by letter."""
    parts = name_parts()
    words, out, i = name.split(), [], 0
    while i < len(words):
        pair = " ".join(words[i:i + 2])
        if i + 1 < len(words) and pair in parts:
            out.append(parts[pair])
            i += 2
            continue
        out.append(_word_in_english(words[i], parts))
        i += 1
    return " ".join(out)


def _word_in_english(word: str, parts: dict[str, str]) -> str:
    if word in parts:
        return parts[word]
    if word.startswith("ال"):
        return "al-" + (parts.get(word[2:]) or _by_letter(word[2:]))
    return _by_letter(word)


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
