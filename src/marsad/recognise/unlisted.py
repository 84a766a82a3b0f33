"""Names no lexicon lists: people, organisations and places the NER model finds (`marsad.ner`).

Runs after the lexicon-based recogniser and only adds: a name the model finds where the
lexicons found nothing becomes an entity (confidence 0.6, `how` "model" on its mentions), every
other occurrence of the same name in the article joins it, and people and organisations can
act in events. A person's country and sector come from the title or body named just before
the name (المتحدث باسم الجيش السوداني العقيد X → SDN, MIL), an organisation's from a nisba
just after it (حزب الأمة السوداني → SDN).
"""
from __future__ import annotations

import bisect

from marsad.document import ActorMention, Document, Entity, Mention
from marsad.lexicons.numbers import number_words
from marsad.ner.features import marks_from_hits
from marsad.ner.tagger import tagger
from marsad.recognise.lexicon_hits import lexicon_hits
from marsad.resolve.names import ends_name, name_parts, transliterate
from marsad.text.segment import Word, sentence_words

_KINDS = {"PERS": "PER", "ORG": "ORG", "LOC": "LOC"}  # MISC is too mixed a bag to report


def find_unlisted_names(doc: Document) -> None:
    """Pipeline stage: add the entities the model finds and no lexicon matched."""
    sentences = [words for words in sentence_words(doc) if words]
    if not sentences:
        return
    hits = {kind: lexicon_hits(doc, kind) for kind in ("lex", "agent")}
    marks = marks_from_hits([[start for start, _, _ in words] for words in sentences], hits)
    plain = [[w for _, _, w in words] for words in sentences]
    names = tagger().find_names(plain, True, marks)
    taken = _union([(m.nstart, m.nend) for e in doc.entities for m in e.mentions] +
                   [(a.nstart, a.nend) for a in doc.actors] + [(t.nstart, t.nend) for t in doc.times])
    written = set().union(*plain)
    # people read after a title (no lexicon has them either) gather their later mentions too
    found = {doc.norm.text[e.mentions[0].nstart:e.mentions[0].nend]: e for e in doc.entities
             if e.key is None and e.kind == "PER"}
    known = {id(e) for e in found.values()}
    lone: list[tuple[int, int]] = []  # single words the model took for people, and no more
    for words, spans in zip(sentences, names):
        for first, last, label in spans:
            kind = _KINDS.get(label)
            if kind is None:
                continue
            nstart = _strip_clitics(words[first], written)
            if _overlaps(taken, nstart, words[first][1]):
                continue  # most names the model finds, the lexicons found first
            last = _name_end(doc, words, first, last)
            if last == first or _overlaps(taken, nstart, words[last - 1][1]):
                continue
            if _plausible(doc, kind, words[first:last], nstart, words[first - 1][2] if first else ""):
                _add(doc, found, kind, nstart, words[last - 1][1])
            elif kind == "PER" and last == first + 1:
                lone.append((nstart, words[first][1]))
    _join_other_mentions(doc, found, taken)
    _join_family_names(doc, found, lone, known)
    _add_to_document(doc, [e for e in found.values() if id(e) not in known])


# Words that join the parts of a name: the word after one is part of the name whatever it is
# (آل الشيخ), and a name never ends on one (سعود بن). (Not أبي: آبي is Abe.)
_JOINING = frozenset({"بن", "بنت", "ابن", "ابنه", "ابو", "ال", "عبد", "ولد", "ذو"})


def _name_end(doc: Document, words: list[Word], first: int, last: int) -> int:
    """The name stops at a word that never belongs to one (في، قالت، رضي …) or at punctuation,
    and never on a word that joins two parts of a name."""
    for i in range(first, last):
        nstart, nend, word = words[i]
        start, end = doc.span(nstart, nend)
        joined = i > first and words[i - 1][2] in _JOINING
        if not word.isalpha() or (ends_name(doc.text[start:end]) and not joined):
            last = i
            break
    while last > first and words[last - 1][2] in _JOINING:
        last -= 1
    return last


def _plausible(doc: Document, kind: str, words: list[Word], nstart: int, before: str) -> bool:
    """The model finds names by their context too, and then takes ordinary words for names
    (ستبقيان موحدتين، المدينة، أكراد): some word of a name must look like a name on its own; the
    name (its clitics left out) must be no name part alone (محمد، عبد العزيز); a single word must
    have no article, follow no number (3 آلاف ريال: a currency) and, for a person, follow a
    title."""
    if not any(tagger().looks_like_a_name(w) for _, _, w in words):
        return False
    name = doc.norm.text[nstart:words[-1][1]]  # without the first word's clitics
    if name in name_parts():
        return False  # a given name alone, of one word or two (عبد العزيز)
    if len(words) > 1:
        return True
    # للمعهد: ل + المعهد, the article's alef dropped
    if len(name) < 3 or name.startswith("ال") or words[0][2].startswith("لل"):
        return False
    if before[:1].isdigit() or before in number_words():
        return False
    return kind != "PER" or _title_before(doc, nstart) is not None


def _strip_clitics(first: Word, written: set[str]) -> int:
    """Where a name starts inside its first word: after و ف ب ك when the article follows them
    (والأهلي), after لل (للأهلي, the alef of ال dropped), and after any proclitic when the
    article writes the bare word elsewhere (وبركات … بركات)."""
    nstart, _, word = first
    for clitic in ("وال", "فال", "بال", "كال"):
        if word.startswith(clitic) and len(word) > len(clitic) + 1:
            return nstart + len(clitic) - 2
    if word.startswith("لل") and len(word) > 4:
        return nstart + 2
    for size in (2, 1):
        if len(word) > size + 2 and all(c in "وفبلك" for c in word[:size]) and word[size:] in written:
            return nstart + size
    return nstart


def _union(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans merged where they overlap, in order: what the earlier stages have claimed."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _overlaps(taken: list[tuple[int, int]], nstart: int, nend: int) -> bool:
    """Does [nstart, nend) overlap a span of `taken` (merged, in order)?"""
    i = bisect.bisect_left(taken, (nend, nend)) - 1
    return i >= 0 and taken[i][1] > nstart


def _add(doc: Document, found: dict[str, Entity], kind: str, nstart: int, nend: int) -> None:
    arabic = doc.norm.text[nstart:nend]
    entity = found.get(arabic)
    if entity is None:
        start, end = doc.span(nstart, nend)
        entity = found[arabic] = Entity("", kind, transliterate(arabic), doc.text[start:end], confidence=0.6,
                                        key=f"model:{kind}:{arabic}")
        entity.country, entity.sector = _context(doc, kind, nstart, nend)
        entity.code = (entity.country or "") + (entity.sector or "") or None
    entity.mentions.append(_mention(doc, nstart, nend))


def _mention(doc: Document, nstart: int, nend: int) -> Mention:
    start, end = doc.span(nstart, nend)
    return Mention(doc.text[start:end], start, end, doc.sentence_of(nstart), nstart, nend, "model")


def _context(doc: Document, kind: str, nstart: int, nend: int) -> tuple[str | None, str | None]:
    """Country and sector from the title before a person or the nisba after an organisation."""
    if kind == "PER":
        title = _title_before(doc, nstart)
        if title is not None:
            return title.country, title.sector
    if kind == "ORG":
        after = [a for a in doc.actors if a.adjective and 0 <= a.nstart - nend <= 1]
        if after:
            return after[0].country, None
    return None, None


def _title_before(doc: Document, nstart: int) -> ActorMention | None:
    """The title or body named just before a person's name, at most two words between (a rank,
    a first name the model left out: المتحدث باسم الجيش السوداني العقيد الصوارمي خالد سعد)."""
    i = bisect.bisect_right([a.nend for a in doc.actors], nstart)
    for actor in reversed(doc.actors[max(i - 3, 0):i]):
        between = doc.norm.text[actor.nend:nstart].split()
        if actor.nend <= nstart and not actor.adjective and len(between) <= 2 and all(w.isalpha() for w in between):
            return actor if actor.entity is None or actor.entity.kind != "LOC" else None
    return None


def _join_family_names(doc: Document, found: dict[str, Entity], lone: list[tuple[int, int]],
                       known: set[int]) -> None:
    """A single word the model took for a person (or found as a name of any kind), and the last
    word of a person the article names in full, is that person (ألكسيس تسيبراس … وقال تسيبراس;
    ويندي شيرمان … أجلت شيرمان): unless two people found share it, or the word is part of
    another name found there (سعد of سعد الصديق)."""
    claimed = _union([(m.nstart, m.nend) for e in found.values() for m in e.mentions])
    holders: dict[str, list[Entity]] = {}
    for arabic, entity in found.items():
        words = arabic.split()
        if entity.kind == "PER" and len(words) > 1:
            holders.setdefault(words[-1], []).append(entity)
    for nstart, nend in lone:
        people = holders.get(doc.norm.text[nstart:nend], [])
        if len(people) == 1 and not _overlaps(claimed, nstart, nend):
            people[0].mentions.append(_mention(doc, nstart, nend))
    for arabic in [a for a, e in found.items() if " " not in a and id(e) not in known]:
        people = holders.get(arabic, [])
        if len(people) == 1:
            people[0].mentions.extend(found.pop(arabic).mentions)
    for person in (p for people in holders.values() for p in people):
        person.mentions.sort(key=lambda m: m.nstart)


def _join_other_mentions(doc: Document, found: dict[str, Entity], taken: list[tuple[int, int]]) -> None:
    """Every other place the article writes a found name (the model may have missed some), but
    not inside a longer name found (شيرمان inside ويندي شيرمان): longer names go first."""
    text = doc.norm.text
    claimed = [(m.nstart, m.nend) for e in found.values() for m in e.mentions]
    for arabic in sorted(found, key=len, reverse=True):
        entity, other = found[arabic], _union(taken + claimed)
        seen = {m.nstart for m in entity.mentions}
        start = text.find(arabic)
        while start != -1:
            end = start + len(arabic)
            bounded = (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum())
            if bounded and start not in seen and not _overlaps(other, start, end):
                entity.mentions.append(_mention(doc, start, end))
                claimed.append((start, end))
            start = text.find(arabic, end)
        entity.mentions.sort(key=lambda m: m.nstart)


def _add_to_document(doc: Document, entities: list[Entity]) -> None:
    """The new entities, and every mention this stage made (of new entities or of people read
    after a title) as an actor or a place."""
    doc.entities = sorted(doc.entities + entities, key=lambda e: min(m.start for m in e.mentions))
    for n, entity in enumerate(doc.entities, 1):
        entity.id = f"ent-{n}"
    new = {id(e) for e in entities}
    added = [(m, e) for e in doc.entities if e.key is None or id(e) in new for m in e.mentions if m.how == "model"]
    actors = [ActorMention(m.nstart, m.nend, e.name, e.country, e.sector, e) for m, e in added if e.kind != "LOC"]
    doc.actors = sorted(doc.actors + actors, key=lambda a: a.nstart)
    places = [(m, e) for m, e in added if e.kind == "LOC"]
    doc.place_mentions = sorted(doc.place_mentions + places, key=lambda p: p[0].nstart)
