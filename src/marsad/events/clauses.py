"""The little Arabic syntax the coder needs, over normalised text: which preposition governs a
phrase, which words separate two phrases, where a clause ends."""
from __future__ import annotations

import re
from functools import lru_cache

from marsad.document import ActorMention
from marsad.text.clitics import in_word_list
from marsad.text.normalise import normalise_word
from marsad.text.phrases import PROCLITICS

# prepositions that mark a target or a circumstance (as separate words)
PREPOSITIONS = frozenset(normalise_word(w) for w in (
    "على", "ضد", "مع", "إلى", "من", "عن", "في", "بين", "لدى", "نحو", "تجاه", "بحق", "إزاء", "قرب", "داخل",
    "بالقرب", "عند", "حول", "لصالح", "ل", "ب"))  # ل and ب alone: لـ with its tatweel removed
# prepositions written as a proclitic on the word they govern
_CLITIC_PREPOSITIONS = {"ب": "ب", "ل": "ل", "ك": "ك", "وب": "ب", "ول": "ل", "فب": "ب", "فل": "ل"}
# words after which what follows is reported speech or a new clause
COMPLEMENTISERS = frozenset(normalise_word(w) for w in ("أن", "إن", "بأن", "لأن", "انه", "إنه", "أنه", "بأنه",
                                                           "إنها", "أنها", "بأنها", "إنهم", "أنهم"))
_SPACE_OR_QUOTE = ' \t"«('  # what may stand between a preposition and its phrase: لـ"سكاي نيوز"


def _word_start(text: str, end: int, floor: int = 0) -> int:
    """Where the word ending at `end` begins (scanning back over letters only)."""
    start = end
    while start > floor and text[start - 1].isalpha():
        start -= 1
    return start


def clitic_prefix(text: str, start: int) -> str:
    """The proclitics written on the word that starts at or just before `start`."""
    prefix = text[_word_start(text, start):start]
    return prefix if prefix in PROCLITICS else ""


def word_before(text: str, start: int, floor: int = 0) -> str:
    """The word before `start` (skipping the clitics on the word at `start`), if any."""
    end = start - len(clitic_prefix(text, start))
    while end > floor and text[end - 1] in _SPACE_OR_QUOTE:
        end -= 1
    return text[_word_start(text, end, floor):end]


def named_rather_than_title(text: str, actor: ActorMention, actors: list[ActorMention]) -> ActorMention:
    """وزير الإعلام في جنوب السودان مايكل مكوي، الجناح العسكري لحزب العمال: a bare title names
    the person or body the next few words name."""
    if actor.entity is not None:
        return actor
    for a in actors:
        if a.nstart >= actor.nend and a.entity is not None and a.entity.kind in ("PER", "ORG") \
                and len(text[actor.nend:a.nstart].split()) <= 4:
            return a
    return actor


def governing_preposition(text: str, start: int, floor: int = 0) -> str | None:
    """The preposition that governs the phrase at `start`: a clitic (لموسكو) or a word (على إسرائيل)."""
    prefix = clitic_prefix(text, start)
    if prefix in _CLITIC_PREPOSITIONS:
        return _CLITIC_PREPOSITIONS[prefix]
    word = word_before(text, start, floor)
    if not in_word_list(word, PREPOSITIONS):
        return None
    return word if word in PREPOSITIONS else word[1:]


def only_conjunction_between(text: str, left_end: int, right_start: int) -> bool:
    """Are two phrases coordinated: nothing between them but و (or a comma and و), or و with a
    descriptive noun of the second (حزب الله والمتمردين الحوثيين)?"""
    between = text[left_end:right_start].replace(",", " ").split()
    return between == ["و"] or (len(between) == 1 and between[0][:3] == "وال" and len(between[0]) > 4)


# Quotations in normalised text (curly quotes are " there). An empty pair ("") is matched first
# so that it cannot pair with its neighbours; group 1 or 2 is the quoted text.
QUOTATION = re.compile(r'""|"([^"\n]{1,3000})"|«([^«»\n]{1,3000})»')


@lru_cache(maxsize=8)
def quotation_spans(text: str) -> list[tuple[int, int]]:
    """Normalised spans of the quotations in the text, marks included."""
    return [m.span() for m in QUOTATION.finditer(text) if m.group(1) is not None or m.group(2) is not None]
