"""An event's circumstances, read from its sentence: death and injury tolls, negation,
modality, date and place."""
from __future__ import annotations

from functools import cache

import regex

from marsad.document import Document, Entity, Mention, Sentence, TimeExpression
from marsad.events.clauses import COMPLEMENTISERS, governing_preposition, word_before
from marsad.lexicons.numbers import number_words
from marsad.text.clitics import in_word_list
from marsad.text.normalise import normalise_word

_NEGATIONS = frozenset(normalise_word(w) for w in ("لم", "لن", "لا", "ما", "ليس", "عدم", "دون", "بدون"))
# (not إن: normalised, it is also أن, the complementiser of reported speech)
_HYPOTHETICAL = frozenset(normalise_word(w) for w in ("إذا", "لو", "ربما", "يمكن", "حال"))
_FUTURE = frozenset(normalise_word(w) for w in ("سوف", "لن", "سيتم"))
_PLACE_PREPOSITIONS = frozenset(normalise_word(w) for w in ("في", "قرب", "بالقرب", "داخل", "عند", "ب"))
_DIRECTIONS = frozenset(normalise_word(w) for w in ("شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي",
                                                    "ريف", "مدينة", "محافظة", "بلدة", "قرية", "منطقة"))


# the nouns and verbs that count the dead and the injured: before the number, and after it
_KILLED = (("مقتل", "قتل", "استشهاد", "مصرع", "وفاه", "سقوط", "وقوع"), ("قتيلا", "قتلي", "شهيدا", "شهداء", "قتيل"))
_INJURED = (("اصابه", "جرح", "اصيب", "اصابت"), ("جريحا", "جرحي", "مصابا", "مصابين", "جريح"))


@cache
def _toll_pattern(words: tuple[tuple[str, ...], tuple[str, ...]]) -> regex.Pattern:
    before, after = ("|".join(group) for group in words)
    numbers = "|".join(sorted(map(regex.escape, number_words()), key=len, reverse=True))
    count = rf"(?:(?:اكثر من|ما لا يقل عن|نحو|حوالي|قرابه|زهاء|ما يزيد عن|ما يزيد علي)\s+)?(?P<n>\d+|{numbers})"
    return regex.compile(rf"(?:(?:{before})\s+{count}(?!\p{{L}})|{count}\s+(?:{after})(?!\p{{L}}))")


def _count(words: tuple[tuple[str, ...], tuple[str, ...]], text: str) -> int | None:
    # the pattern tries every number word at every position: a sentence without one of the
    # counting words is passed over first
    if not any(w in text for group in words for w in group):
        return None
    for m in _toll_pattern(words).finditer(text):
        n = m.group("n")
        value = int(n) if n.isdigit() else number_words().get(n)
        if value:
            return value
    return None


def tolls(doc: Document, sentence: Sentence) -> tuple[int | None, int | None]:
    """(dead, injured) that the sentence counts, lower bounds for "at least" and "more than"."""
    text = doc.norm.text[sentence.nstart:sentence.nend]
    return _count(_KILLED, text), _count(_INJURED, text)


def negated(doc: Document, trigger_start: int, sentence: Sentence) -> bool:
    """لم، لن، لا، عدم … right before the trigger (ولم تنتقد)."""
    word = word_before(doc.norm.text, trigger_start, sentence.nstart)
    return in_word_list(word, _NEGATIONS)


def modality(doc: Document, trigger_start: int, sentence: Sentence, prefix: str = "") -> str:
    """future (سوف، لن، سـ on the verb: سيشن غارات), hypothetical (إذا، لو), reported (in the
    complement of a speech verb: قال إن …), else asserted."""
    text = doc.norm.text
    before = text[sentence.nstart:trigger_start].split()
    word = word_before(text, trigger_start, sentence.nstart)
    word = word[1:] if word[:1] in "وف" and len(word) > 3 else word
    if word in _FUTURE or prefix.endswith("س") or _is_future_verb(word):
        return "future"
    if any(w in _HYPOTHETICAL for w in before[-6:]):
        return "hypothetical"
    if any(w in COMPLEMENTISERS for w in before):
        return "reported"
    return "asserted"


def _is_future_verb(word: str) -> bool:
    """سيشن، ستواصل، سنرد: the future particle on an imperfect verb."""
    return len(word) > 2 and word[0] == "س" and word[1] in "يتن"


def event_date(doc: Document, trigger: tuple[int, int, str], sentence: Sentence,
               triggers: list[tuple[int, int, str]]) -> tuple[str | None, str | None]:
    """The time expression of the sentence that belongs to this trigger: the nearest one that no
    other trigger stands nearer to, or failing that one nearer to a trigger of the same type (the
    same happening: "الحرب … التي تدور رحاها … منذ تشرين الأول 2023"); else the last time of the
    sentence before when it tells of the same people ("وأكد فيدان الأربعاء … لكن فيدان كرر");
    else the publication date."""
    times = [t for t in doc.times_in(sentence.nstart, sentence.nend) if t.value]
    if times:
        def distance(t: TimeExpression, span: tuple[int, int, str]) -> int:
            return max(span[0] - t.nend, t.nstart - span[1], 0)

        def nearest_trigger(t: TimeExpression) -> tuple[int, int, str]:
            return min([trigger, *triggers], key=lambda span: distance(t, span))
        own = [t for t in times if nearest_trigger(t) is trigger]
        same = [t for t in times if nearest_trigger(t)[2] == trigger[2]]
        chosen = min(own or same or times, key=lambda t: distance(t, trigger))
        return chosen.value, chosen.precision
    previous = _previous_time(doc, sentence, trigger[0])
    if previous is not None:
        return previous.value, previous.precision
    if doc.published:
        return doc.published.isoformat(), "day"
    return None, None


def _previous_time(doc: Document, sentence: Sentence, before: int) -> TimeExpression | None:
    """The last time of the sentence before, if someone named in this sentence (before the
    trigger) is named there too."""
    if sentence.index == 0:
        return None
    previous = doc.sentences[sentence.index - 1]
    here = {id(a.entity) for a in doc.actors if a.entity is not None and sentence.nstart <= a.nstart < before}
    if not any(id(a.entity) in here for a in doc.actors if previous.nstart <= a.nstart < previous.nend):
        return None
    times = [t for t in doc.times_in(previous.nstart, previous.nend) if t.value]
    return times[-1] if times else None


def event_place(doc: Document, trigger_start: int, sentence: Sentence,
                taken: list[tuple[int, int]]) -> dict | None:
    """The place the sentence puts the event in: a place after في، قرب، شمال … (the nearest after
    the trigger first), not one that is the actor or the target."""
    text = doc.norm.text
    candidates = []
    for mention, entity in doc.places_in(sentence.nstart, sentence.nend):
        if any(s <= mention.nstart < e for s, e in taken):
            continue
        prep = governing_preposition(text, mention.nstart, sentence.nstart)
        word = word_before(text, mention.nstart, sentence.nstart)
        if prep in _PLACE_PREPOSITIONS or word in _DIRECTIONS or mention.how == "nested":
            candidates.append((mention.nstart < trigger_start, abs(mention.nstart - trigger_start), mention, entity))
    if not candidates:
        return None
    _, _, mention, entity = min(candidates, key=lambda c: (c[0], c[1]))
    return _place_record(mention, entity)


def place_of(doc: Document, nstart: int) -> dict | None:
    """The place record of the place mention at `nstart`, if there is one."""
    return next((_place_record(m, e) for m, e in doc.places_in(nstart, nstart + 1)), None)


def _place_record(mention: Mention, entity: Entity) -> dict:
    place = entity.place or {}
    return {"name": entity.name, "name_ar": entity.name_ar, "country": entity.country,
            "lat": place.get("lat"), "lon": place.get("lon"), "geonameid": place.get("geonameid"),
            "precision": place.get("place_type"), "text": mention.text, "start": mention.start, "end": mention.end}
