"""Code events: for each trigger, find who did it (the subject, or the genitive or nisba of a
verbal noun) and to whom (the phrase its preposition marks, or the direct object), expand
coordinated actors into one event each, and read the circumstances from the sentence.

Arabic news puts the verb first (وأدانت موسكو الغارات), or the subject first (روسيا دعمت),
or uses a verbal noun (الغارة الإسرائيلية على القنصلية الإيرانية، زيارة الأسد لموسكو); the
coder tries them in that order and keeps the first reading that gives an actor.
"""
from __future__ import annotations

import bisect
import re

from marsad.document import ActorMention, Document, Event, Sentence
from marsad.events import attributes
from marsad.events.clauses import (COMPLEMENTISERS, governing_preposition, named_rather_than_title,
                                   only_conjunction_between, quotation_spans, word_before)
from marsad.events.lexicon import Trigger
from marsad.recognise.lexicon_hits import lexicon_hits
from marsad.text.clitics import in_word_list
from marsad.text.normalise import normalise_word
from marsad.text.phrases import PhraseHit, longest

_WINDOW = 500  # characters either side of a trigger within which its clause lies
_SUBJECT_REACH = 60  # characters after a verb within which its subject stands
_CLOSE_WORDS = 3  # an everyday noun this close to an actor is that actor's: ورد الجيش الإسرائيلي بعدة ضربات
_VICTIM_WORDS = 5  # words between a toll and the victims it counts: مقتل 2927 على الأقل من تنظيم داعش
_TARGET_REACH = 90  # characters after the trigger (or its actor) within which its target stands
_GENITIVE_WORDS = 1  # words between a verbal noun and its genitive or nisba (الغارات الجوية الإسرائيلية)
_NO_TARGET_NEEDED = frozenset({"PROTEST", "MOBILIZE"})
# approving a deal, denying a report: the object is a thing, not an actor, but a named actor's
# verb still codes an event (with no target)
_THING_OBJECT = frozenset({"AGREE", "REJECT"})
_PLACE_PREPOSITIONS = frozenset(normalise_word(w) for w in ("في", "داخل", "على"))
_OBJECT_NOUNS = frozenset(normalise_word(w) for w in (
    "مواقع", "موقع", "مقار", "مقر", "معاقل", "معقل", "أهداف", "مراكز", "تجمعات", "عناصر", "مقاتلي", "قواعد",
    "مخازن", "منازل", "مسلحي", "متشددي", "قادة", "قيادات", "أرتال", "رتل", "آليات", "دوريات"))
_RELATIVES = frozenset(normalise_word(w) for w in ("الذي", "التي", "اللذين", "اللتين", "الذين", "والتي", "والذي"))
_CLAIMS = frozenset(normalise_word(w) for w in ("زعم", "زعمت", "تبنى", "تبنت", "ادعى", "ادعت"))
_ANNOUNCED = frozenset(normalise_word(w) for w in ("أعلن", "أعلنت"))  # الهجوم الذي أعلن X مسؤوليته عنه
_WORD_RE = re.compile(r"[^\W\d_]+")
_ATTRIBUTED = frozenset(normalise_word(w) for w in ("نسب", "نسبت", "ينسب", "تنسب", "نفذه", "نفذها", "نفذته"))
_RESUMPTIVE = frozenset(normalise_word(w) for w in ("إنه", "أنه", "بأنه", "إنها", "أنها", "بأنها", "إنهم", "أنهم"))


def find_events(doc: Document) -> None:
    """Pipeline stage: fill `doc.events`."""
    text = doc.norm.text
    # a trigger inside an actor's name is no trigger (وزارة is not و + زاره "visited him"), and
    # an actor word inside a trigger is no actor (طيار in طائرات بدون طيار)
    found = longest(lexicon_hits(doc, "trigger"))
    inside_actor = _covered(len(text), [(a.nstart, a.nend) for a in doc.actors])
    hits = [h for h in found if _trigger(h).code.type is not None and not _within(inside_actor, h.start, h.end)]
    casualties = [h for h in found if _trigger(h).casualty]
    inside_trigger = _covered(len(text), [(h.start, h.end) for h in hits])
    actors = [a for a in provenance_free(doc) if not _within(inside_trigger, a.nstart, a.nend)]
    quoted = _covered(len(text), quotation_spans(text))
    starts = [a.nstart for a in actors]
    hit_starts = [h.start for h in hits]
    events: list[Event] = []
    carriers: set[tuple[int, int | None]] = set()  # (sentence, quad) of the verbs seen so far
    for hit in hits:
        trigger = _trigger(hit)
        sentence = doc.sentences[doc.sentence_of(hit.start)]
        if trigger.pos != "noun":
            carriers.add((sentence.index, trigger.code.quad))
        if quoted[hit.start]:
            continue  # words inside a quotation are speech, coded with the quotation
        # the actors of the clause around the trigger: the sentence, or a window of it, since an
        # unpunctuated text can make one "sentence" of a whole article
        window = Sentence(sentence.index, sentence.start, sentence.end, max(sentence.nstart, hit.start - _WINDOW),
                          min(sentence.nend, hit.end + _WINDOW))
        in_sentence = actors[bisect.bisect_left(starts, window.nstart):bisect.bisect_left(starts, window.nend)]
        # an everyday noun (الحرب، هجمات) takes the sentence's subject only when a verb of the same
        # kind carries it: وتشن الجماعات … هجمات
        carried = (sentence.index, trigger.code.quad) in carriers
        nearby = hits[bisect.bisect_left(hit_starts, window.nstart):bisect.bisect_left(hit_starts, window.nend)]
        neighbours = [(h.start, h.end, _trigger(h).code.type or "") for h in nearby if h is not hit]
        events.extend(_code(doc, hit, trigger, window, in_sentence, carried, casualties, neighbours))
    doc.events = _one_per_happening(events)
    for n, event in enumerate(doc.events, 1):
        event.id = f"evt-{n}"


def provenance_free(doc: Document) -> list[ActorMention]:
    """The actors, less the wire agency of a dateline ("صنعاء - أ ف ب: شنت …"): it reports, it does not act."""
    spans = [(doc.norm.normalised_index(e["start"]), doc.norm.normalised_index(e["end"])) for e in doc.source.evidence]
    return [a for a in doc.actors if not any(s <= a.nstart < e for s, e in spans)]


def _covered(length: int, spans: list[tuple[int, int]]) -> list[int]:
    """For each position, the end of the longest span over it that started at or before it (0: none)."""
    cover = [0] * (length + 1)
    for start, end in spans:
        for i in range(start, end):
            if cover[i] < end:
                cover[i] = end
    return cover


def _within(cover: list[int], start: int, end: int) -> bool:
    return cover[start] >= end


def _trigger(hit: PhraseHit[Trigger]) -> Trigger:
    return hit.payloads[0]


def _code(doc: Document, hit: PhraseHit[Trigger], trigger: Trigger, sentence: Sentence,
          in_sentence: list[ActorMention], carried: bool, casualties: list[PhraseHit],
          neighbours: list[tuple[int, int, str]]) -> list[Event]:
    text, limit = doc.norm.text, sentence.nend
    actor = _actor(doc, hit, trigger, in_sentence, carried)
    between = _between_pair(text, hit, trigger, in_sentence, limit, sentence) if actor is None else None
    if between:  # الحرب بين إسرائيل وحماس
        actor, target = between
        return [_event(doc, hit, trigger, sentence, actor, target, neighbours)]
    if actor is None:
        return []
    actors = _coordinated(text, actor, in_sentence)
    after_actor = max(actors[-1].nend, hit.end) if actor.nstart >= hit.end else hit.end
    target = _target(doc, trigger, in_sentence, after_actor, after_actor + _TARGET_REACH, sentence)
    targets = _coordinated(text, target, in_sentence) if target else []
    if target is not None and _governed(text, target, sentence.nstart) == "بين":
        targets = targets[:1]  # mediation between two parties is one happening
    if not targets and len(actors) >= 2 and trigger.code.type == "CONSULT":
        actors, targets = actors[:1], actors[1:2]  # أجرى بوتين والأسد محادثة هاتفية
    if not targets and trigger.code.quad == 4:
        targets = _victims(text, hit, sentence, in_sentence, casualties) or _place_as_target(doc, hit, sentence, actors)
    if not targets:
        named_verb = trigger.pos == "verb" and actor.entity is not None and trigger.code.type in _THING_OBJECT
        if not named_verb and (trigger.code.type not in _NO_TARGET_NEEDED or trigger.ambiguous):
            return []
        targets = [None]
    return [_event(doc, hit, trigger, sentence, a, t, neighbours) for a in actors for t in targets
            if not _same(a, t) and not _untitled_host(trigger, a, t)]


def _untitled_host(trigger: Trigger, actor: ActorMention, target: ActorMention | None) -> bool:
    """كان في استقباله وزير الدفاع ورئيس الأركان: meeting an unnamed official of one's own
    country is the guest list of a ceremony, not an event."""
    return (trigger.code.type == "CONSULT" and target is not None and target.entity is None
            and target.country in (actor.country, None))


def _victims(text: str, hit: PhraseHit, sentence: Sentence, actors: list[ActorMention],
             casualties: list[PhraseHit]) -> list[ActorMention]:
    """هجوم … أدى إلى مقتل جنديين تركيين، مقتل 173 مدنيا جراء الغارات: who died is whom the
    attack was against (the nearest toll in the sentence, before or after the attack word)."""
    near = [c for c in casualties if sentence.nstart <= c.start < sentence.nend and c.start != hit.start]
    if not near:
        return []
    casualty = min(near, key=lambda c: abs(c.start - hit.start))
    victims = [a for a in actors if a.nstart >= casualty.end and len(text[casualty.end:a.nstart].split()) <= _VICTIM_WORDS]
    return victims[:1]


def _territory(doc: Document, hit: PhraseHit, sentence: Sentence, actors: list[ActorMention]) -> list[ActorMention]:
    """ضربات داخل الأراضي السورية: a nisba on the land where force was used names its country."""
    text = doc.norm.text
    for a in doc.actors:
        if a.adjective and hit.end <= a.nstart < sentence.nend and a.country not in {b.country for b in actors} \
                and _governed(text, a, sentence.nstart) in _PLACE_PREPOSITIONS:
            return [a]
    return []


def _between_pair(text: str, hit: PhraseHit, trigger: Trigger, actors: list[ActorMention], limit: int,
                  sentence: Sentence) -> tuple[ActorMention, ActorMention] | None:
    """For a two-sided happening (war, talks), "بين X و Y" names both sides."""
    if "بين" not in trigger.target_preps:
        return None
    for a in actors:
        if hit.end <= a.nstart < limit and _governed(text, a, sentence.nstart) == "بين" \
                and len(text[hit.end:a.nstart].split()) <= 2:
            group = _coordinated(text, a, actors)
            return (group[0], group[1]) if len(group) >= 2 else None
    return None


def _place_as_target(doc: Document, hit: PhraseHit, sentence: Sentence,
                     actors: list[ActorMention]) -> list[ActorMention]:
    """Force used in a place the text names is force against that place's country."""
    place = attributes.event_place(doc, hit.start, sentence, [(a.nstart, a.nend) for a in actors])
    if place is None or place["country"] is None:
        return _territory(doc, hit, sentence, actors)
    country = next((e for e in doc.entities if e.key == f"country:{place['country']}"), None)
    name = country.name if country else None
    nstart, nend = doc.norm.normalised_index(place["start"]), doc.norm.normalised_index(place["end"])
    return [ActorMention(nstart, nend, name, place["country"], None, country)]


def _governed(text: str, actor: ActorMention, floor: int) -> str | None:
    """The preposition before a phrase; for a nisba, the one before the noun it qualifies
    (على القنصلية الإيرانية); for the second of "في سوريا والعراق", the first's."""
    start = actor.nstart
    if actor.adjective:
        start = text.rfind(" ", floor, actor.nstart - 1) + 1
    prep = governing_preposition(text, start, floor)
    if prep is None and text[start - 1:start] == "و":
        end = start - 1  # the one-word conjunct before "و": في سوريا والعراق
        while end > floor and text[end - 1] == " ":
            end -= 1
        begin = end
        while begin > floor and text[begin - 1] not in " ,":
            begin -= 1
        if begin < end:
            return governing_preposition(text, begin, floor)
    return prep


def _actor(doc: Document, hit: PhraseHit, trigger: Trigger, actors: list[ActorMention],
           carried: bool) -> ActorMention | None:
    text = doc.norm.text
    floor = doc.sentences[doc.sentence_of(hit.start)].nstart
    if trigger.casualty:
        return None  # مقتل X: X is who died; the attack word before codes the event
    after = [a for a in actors if a.nstart >= hit.end]
    # the nearest actor before the trigger that can be its subject (found from the trigger back)
    before = next((a for a in reversed(actors) if a.nend <= hit.start and not a.adjective
                   and _governed(text, a, floor) is None and not _complement_between(text, a.nend, hit.start)), None)
    claimant = _claimed_by(text, hit, actors, floor)
    if claimant is not None:
        return claimant
    if trigger.pos == "noun":
        claimant = _claimant(text, hit, after)
        if claimant is not None:
            return claimant
        if after and len(text[hit.end:after[0].nstart].split()) <= _GENITIVE_WORDS \
                and _governed(text, after[0], floor) is None:
            return after[0]  # الغارة الإسرائيلية، زيارة الأسد، الغارات الجوية الإسرائيلية
    if trigger.code.type == "PROTEST" and trigger.pos != "verb":
        return None  # protesters are named beside the protest, not elsewhere in the sentence
    if trigger.pos != "noun":
        if before and text[before.nend:hit.start].split() in ([], ["قد"], ["لقد"], ["قد", "ان"]):
            return before  # subject first: روسيا دعمت، بوتين استضاف، الصفدي قد زار
        first = after[0] if after else None
        if first and first.nstart - hit.end <= _SUBJECT_REACH \
                and (not first.adjective or len(text[hit.end:first.nstart].split()) <= 1) \
                and _governed(text, first, floor) is None and not _is_object(text, first) \
                and not _complement_between(text, hit.end, first.nstart):
            return first  # verb first: وأدانت موسكو، شنت طائرات أمريكية
    if trigger.ambiguous and trigger.pos == "noun" and not carried and not (
            before and len(text[before.nend:hit.start].split()) <= _CLOSE_WORDS):
        return None
    return before


def _after_target_prep(text: str, actor: ActorMention, trigger: Trigger) -> bool:
    return any(w in trigger.target_preps for w in text[max(0, actor.nstart - 40):actor.nstart].split()[-4:])


def _is_object(text: str, actor: ActorMention) -> bool:
    """مواقع حزب العمال، معاقل داعش: a phrase after "positions of" is what was hit."""
    return word_before(text, actor.nstart) in _OBJECT_NOUNS


def _claimed_by(text: str, hit: PhraseHit, actors: list[ActorMention], floor: int) -> ActorMention | None:
    """تبنى حزب العمال أمس هجوما، وتبنت الحركة قتل الشرطيين: who claims an attack did it."""
    start = max(floor, hit.start - 80)
    claims = [m for m in _WORD_RE.finditer(text, start, hit.start) if in_word_list(m.group(), _CLAIMS)]
    if not claims:
        return None
    between = [a for a in actors if claims[-1].end() <= a.nstart and a.nend <= hit.start and not a.adjective]
    return between[0] if between else None


def _claimant(text: str, hit: PhraseHit, after: list[ActorMention]) -> ActorMention | None:
    """الهجوم الذي تبنى تنظيم داعش مسؤوليته عنه: who claimed the attack carried it out."""
    words = text[hit.end:hit.end + 40].split()
    if len(words) >= 2 and words[0] in _RELATIVES and words[1] in (_CLAIMS | _ANNOUNCED | _ATTRIBUTED) and after \
            and len(text[hit.end:after[0].nstart].replace("«", " ").split()) <= 4:
        return after[0]
    return None


def _complement_between(text: str, start: int, end: int) -> bool:
    """Is there a أن/إن between? One with a pronoun (إنه، أنها) refers back to the subject, so
    the subject still acts in what follows: قال أردوغان إنه وجه دعوة."""
    return any(w in COMPLEMENTISERS and w not in _RESUMPTIVE for w in text[start:end].split())


def _target(doc: Document, trigger: Trigger, actors: list[ActorMention], start: int, limit: int,
            sentence: Sentence) -> ActorMention | None:
    text = doc.norm.text
    limit = min(limit, sentence.nend)
    for a in actors:
        if a.nstart < start:
            continue
        if a.nstart >= limit:
            break
        if a.entity is None and a.sector and not text[start:a.nstart].strip(" ,"):
            start = a.nend  # a title in apposition to the actor (… ولي العهد نائب رئيس مجلس الوزراء)
            limit = max(limit, a.nend + _TARGET_REACH)
            continue
        prep = _governed(text, a, sentence.nstart)
        if (trigger.target_preps and prep in trigger.target_preps) or _is_object(text, a) \
                or (prep == "ل" and _after_target_prep(text, a, trigger)):
            # على إسرائيل؛ قصف مواقع حزب العمال؛ غارات على القواعد الخلفية لحزب العمال؛ ضد متشددي تنظيم داعش
            return named_rather_than_title(text, a, actors)
        if not trigger.target_preps and prep is None:
            return a  # the direct object, or the nisba of it: أدانت موسكو الغارات الإسرائيلية
    return None


def _coordinated(text: str, first: ActorMention, actors: list[ActorMention]) -> list[ActorMention]:
    """The phrase and those joined to it by و, before and after (حزب الله اللبناني والمتمردين الحوثيين)."""
    group, last = [first], first
    for a in reversed([a for a in actors if a.nend <= first.nstart and not a.adjective]):
        if not only_conjunction_between(text, a.nend, group[0].nstart):
            break
        group.insert(0, a)
    for a in actors:
        if a.nstart < last.nend:
            continue
        if a.adjective and _same_country(a, last):
            last = a  # the nisba of the phrase itself: حزب الله اللبناني
            continue
        if not only_conjunction_between(text, last.nend, a.nstart):
            break
        group.append(a)
        last = a
    return group[:4]


def _same_country(a: ActorMention, b: ActorMention) -> bool:
    return a.country is not None and a.country == b.country


def _same(a: ActorMention, b: ActorMention | None) -> bool:
    if b is None:
        return False
    if a.entity is not None and a.entity is b.entity:
        return True
    return (a.name, a.country, a.sector) == (b.name, b.country, b.sector) and a.name is None


def _event(doc: Document, hit: PhraseHit, trigger: Trigger, sentence: Sentence,
           actor: ActorMention, target: ActorMention | None, neighbours: list[tuple[int, int, str]]) -> Event:
    code = trigger.code
    dead, injured = attributes.tolls(doc, sentence) if code.quad == 4 else (None, None)
    date, precision = attributes.event_date(doc, (hit.start, hit.end, code.type or ""), sentence, neighbours)
    # a target read off a place (ضربات في مدينة حلب) leaves that place free to be the location
    taken = [(a.nstart, a.nend) for a in (actor, target) if a is not None and not _is_place(doc, a)]
    place = attributes.event_place(doc, hit.start, sentence, taken)
    if place is None and code.type == "CONSULT" and target is not None and _is_capital(doc, target):
        place = attributes.place_of(doc, target.nstart)  # زيارة الأسد لموسكو: the visit was in Moscow
    if place and place["country"]:  # المعارضة in a sentence set in Syria is the Syrian opposition
        actor, target = (_in_country(a, place["country"]) for a in (actor, target))
    confidence = 0.8 if target is not None else 0.6
    return Event(code.cameo, code.type or "", code.mode, code.goldstein, code.quad, actor, target,
                 (hit.start, hit.end), sentence.index, date, precision, place, dead, injured,
                 attributes.negated(doc, hit.start, sentence),
                 attributes.modality(doc, hit.start, sentence, hit.prefix),
                 confidence if not trigger.ambiguous else confidence - 0.2)


def _is_capital(doc: Document, actor: ActorMention) -> bool:
    return any(m.how == "capital" for m, _ in doc.places_in(actor.nstart, actor.nstart + 1))


def _is_place(doc: Document, actor: ActorMention) -> bool:
    return any((e.place or {}).get("place_type") != "country" for _, e in doc.places_in(actor.nstart, actor.nstart + 1))


def _in_country(actor: ActorMention | None, country: str) -> ActorMention | None:
    if actor is None or actor.country is not None or actor.entity is not None:
        return actor
    return ActorMention(actor.nstart, actor.nend, actor.name, country, actor.sector, None, actor.adjective)


def _key(actor: ActorMention | None) -> tuple:
    if actor is None:
        return (None,)
    if actor.entity is not None:
        return (id(actor.entity),)
    return (actor.name, actor.country, actor.sector)


def _one_per_happening(events: list[Event]) -> list[Event]:
    """One event per sentence, type and pair of actors (either way round for meetings); an event
    with no target gives way to one of the same type and actor that has one."""
    kept: dict[tuple, Event] = {}
    for event in events:
        pair = (_key(event.actor), _key(event.target))
        if event.type == "CONSULT":
            pair = tuple(sorted(pair, key=repr))
        key = (event.sentence, event.type, pair)
        if key not in kept:
            kept[key] = event
    targeted = {(e.sentence, e.type, _key(e.actor)) for e in kept.values() if e.target is not None}
    return [e for e in kept.values() if e.target is not None or (e.sentence, e.type, _key(e.actor)) not in targeted]
