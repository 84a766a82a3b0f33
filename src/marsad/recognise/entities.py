"""Named entities: lexicon names, nisba adjectives, titles with names (known or not), and the
short forms and roles that refer back to them within the article.

Recognition runs two matchers over the normalised text (names and agents, see
`lexicons.gazetteer`), keeps the longest non-overlapping hits, then decides each hit in the
light of the others: an ambiguous short form (الأسد: Assad or "the lion") counts once the
article names the person in full or puts a title before it; a title followed by a name makes a
person even when no lexicon lists the name; a title without a name refers to the person who
held that office at the article's date, if the article names that person.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass

from marsad.document import ActorMention, Document, Entity, Mention
from marsad.lexicons.entries import Agent, Entry, Form
from marsad.lexicons.gazetteer import Gazetteer, gazetteer
from marsad.recognise.lexicon_hits import lexicon_hits
from marsad.resolve.names import PersonName, institution_names, read_person_name
from marsad.text.phrases import PhraseHit

_GROUP_ROLES = frozenset({"party", "group", "organisation", "movement", "militia"})
_GROUP_SECTORS = frozenset({"PTY", "REB", "OPP", "INS", "UAF"})
# how a form's role ranks when one written form has several readings (عمان: Oman or Amman)
_ROLE_RANK = {"name": 0, "capital": 1, "short": 2, "abbrev": 3, "people": 4, "nisba": 5}
_KIND_RANK = {"LOC": 0, "ORG": 1, "PER": 2, "MISC": 3}


@dataclass
class _Hit:
    start: int
    end: int
    form: Form | None = None
    agent: Agent | None = None
    nisba: Form | None = None  # the nisba reading of a form chosen as something else (السوداني)


def find_entities(doc: Document) -> None:
    """Pipeline stage: fill `doc.entities`."""
    gaz = gazetteer(doc.lexicons)
    year = doc.published.year if doc.published else None
    named, agents = lexicon_hits(doc, "lex"), lexicon_hits(doc, "agent")
    hits = _select(named, agents, year)
    found = _Entities(doc)
    deferred = []
    for i, hit in enumerate(hits):
        if hit.form is None or _describes_previous(hits, i, doc.norm.text):
            continue
        if hit.form.ambiguous:
            deferred.append(i)
        else:
            found.add_entry(hit.form.entry, hit, hit.form.role)
            _add_nested_places(found, hit, named, year)
    for i in deferred:
        hit = hits[i]
        if found.has(hit.form.entry.key):
            found.add_entry(hit.form.entry, hit, hit.form.role, confidence=0.8)
        elif hit.nisba is not None and hit.nisba is not hit.form:
            # a title then السوداني is "Sudanese" unless the article names al-Sudani in full
            hit.form = hit.nisba
            found.add_entry(hit.form.entry, hit, "nisba", confidence=0.8)
        elif _follows_title(hits, i, doc.norm.text):
            found.add_entry(hit.form.entry, hit, hit.form.role, confidence=0.8)
    for i, hit in enumerate(hits):
        if hit.agent is not None:
            _resolve_title(doc, gaz, hits, i, found)
    doc.entities = found.ordered()
    doc.actors = found.actors()
    doc.place_mentions = sorted(((m, e) for e in doc.entities if e.kind == "LOC" for m in e.mentions
                                 if m.how not in ("nisba", "people")), key=lambda p: p[0].nstart)


def _select(named: list[PhraseHit[Form]], agents: list[PhraseHit[Agent]], year: int | None) -> list[_Hit]:
    """Longest hits first, never overlapping; on equal length a name beats an agent."""
    candidates = [(h.start, h.end, 0, h) for h in named] + [(h.start, h.end, 1, h) for h in agents]
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken: list[_Hit] = []
    occupied = bytearray(max((c[1] for c in candidates), default=0))
    for start, end, is_agent, hit in candidates:
        if any(occupied[start:end]):
            continue
        occupied[start:end] = b"\x01" * (end - start)
        if is_agent:
            taken.append(_Hit(start, end, agent=hit.payloads[0]))
        else:
            taken.append(_Hit(start, end, form=_best_form(hit.payloads, year),
                              nisba=next((f for f in hit.payloads if f.role == "nisba"), None)))
    return sorted(taken, key=lambda h: h.start)


def _best_form(forms: tuple[Form, ...], year: int | None) -> Form:
    """The likeliest reading of a written form: a person in office at the article's date
    (خادم الحرمين الشريفين in 2015 is King Salman), an unambiguous reading, a full name."""
    def rank(f: Form) -> tuple:
        office = f.entry.office_in(year) if f.entry.offices and year is not None else None
        out_of_office = bool(f.entry.offices) and year is not None and office is None
        newest = -(office.start or 0) if office else 0  # in a year of handover, the successor
        return (out_of_office, f.ambiguous, _ROLE_RANK.get(f.role, 9), _KIND_RANK.get(f.entry.kind, 9), newest)
    return min(forms, key=rank)


def _describes_previous(hits: list[_Hit], i: int, text: str) -> bool:
    """A nisba right after a named organisation or person tells its country and names no
    place of its own: حزب الله اللبناني، حركة حماس الفلسطينية."""
    hit = hits[i]
    if hit.form is None or hit.form.role != "nisba" or i == 0:
        return False
    before = hits[i - 1]
    return before.form is not None and before.form.entry.kind in ("ORG", "PER") and _adjacent(text, before, hit)


# Places whose names contain the name of another place, which they also mention:
# ميناء طرطوس (Tartus), ريف إدلب (Idlib), قاعدة إنجرليك الجوية.
_NESTING_PLACES = frozenset({"base", "facility", "area", "district", "border", "landmark"})
_NESTED_PLACES = frozenset({"city", "country", "governorate", "region"})


def _add_nested_places(found: "_Entities", hit: _Hit, named: list[PhraseHit[Form]], year: int | None) -> None:
    place = hit.form.entry.place
    if place is None or place.type not in _NESTING_PLACES:
        return
    first = bisect.bisect_left([h.start for h in named], hit.start)
    for inner in named[first:]:
        if inner.start >= hit.end:
            break
        if inner.end <= hit.end and (inner.start, inner.end) != (hit.start, hit.end):
            form = _best_form(inner.payloads, year)
            if form.entry.place and form.entry.place.type in _NESTED_PLACES and not form.ambiguous:
                found.add_entry(form.entry, _Hit(inner.start, inner.end), "nested")


def _adjacent(text: str, left: _Hit, right: _Hit) -> bool:
    """Nothing but white space between two hits."""
    return left.end <= right.start and not text[left.end:right.start].strip()


def _follows_title(hits: list[_Hit], i: int, text: str) -> bool:
    """Is hit i a name right after a person's title (الرئيس الأسد، الرئيس السوري الأسد)?"""
    right, j = hits[i], i - 1
    if j >= 0 and hits[j].form is not None and hits[j].form.role == "nisba" and _adjacent(text, hits[j], right):
        right, j = hits[j], j - 1
    return j >= 0 and hits[j].agent is not None and hits[j].agent.kind == "PER" and _adjacent(text, hits[j], right)


def _resolve_title(doc: Document, gaz: Gazetteer, hits: list[_Hit], i: int, found: "_Entities") -> None:
    """A role noun, with the country a nisba or a country name gives it, and what follows."""
    text = doc.norm.text
    agent, start, end = hits[i].agent, hits[i].start, hits[i].end
    country, nxt = None, i + 1
    if nxt < len(hits) and _names_a_country(hits[nxt]) and _adjacent(text, hits[i], hits[nxt]):
        country, end, nxt = hits[nxt].form.entry.country, hits[nxt].end, nxt + 1
    if agent.kind == "ORG" and country is None:
        country = _genitive_country(text, hits, i)
    if agent.kind == "ORG":
        if not (found.add_institution(agent, country, start, end) if country
                else found.refer_to_institution(agent, start, end)):
            found.generic.append(ActorMention(start, end, None, country, agent.sector))
        return
    if nxt < len(hits) and hits[nxt].form and hits[nxt].form.entry.kind == "PER" and not text[end:hits[nxt].start].strip():
        # a title before a name the lexicon knows: the name made the entity; the whole phrase
        # (نظيره السوري بشار الأسد) is one actor
        person = found.by_key.get(hits[nxt].form.entry.key)
        if person is not None:
            found.generic.append(ActorMention(start, hits[nxt].end, person.name, person.country, person.sector, person))
        return
    limit = hits[nxt].start if nxt < len(hits) else len(text)
    name = read_person_name(doc, end, limit)
    if name is not None:
        found.add_person(name, country, agent)
        return
    office = agent.office or (found.last_office(start) if agent.role == "counterpart" else None)
    if office and country and doc.published:
        holders = [e for e in gaz.holders(office, country, doc.published.year) if found.has(e.key)]
        if len(holders) == 1:
            found.add_entry(holders[0], _Hit(start, end), "title")
            return
    found.generic.append(ActorMention(start, end, None, country, agent.sector))


def _outermost(actors: list[ActorMention]) -> list[ActorMention]:
    """Drop each actor that lies inside a longer one (longest first, as they are kept)."""
    inside: set[tuple[int, int]] = set()
    reach = -1  # the furthest end of the spans that start before this one, or with it and end later
    for span in sorted({(a.nstart, a.nend) for a in actors}, key=lambda s: (s[0], -s[1])):
        if reach >= span[1]:
            inside.add(span)
        reach = max(reach, span[1])
    return [a for a in sorted(actors, key=lambda a: a.nstart - a.nend) if (a.nstart, a.nend) not in inside]


def _names_a_country(hit: _Hit) -> bool:
    """الروسي، روسيا، الروس، موسكو (مندوب جوبا): words that give a title its country."""
    if hit.form is None:
        return False
    return hit.form.role == "capital" or (hit.form.role in ("nisba", "name", "people")
                                          and hit.form.entry.key.startswith("country:"))


def _genitive_country(text: str, hits: list[_Hit], i: int) -> str | None:
    """قوات الأسد، قوات الرئيس بشار الأسد: a body's genitive (a person or a place, after a title
    perhaps) gives its country."""
    j, left = i + 1, hits[i]
    if j < len(hits) and hits[j].agent is not None and hits[j].agent.kind == "PER" and _adjacent(text, left, hits[j]):
        left, j = hits[j], j + 1
    if j < len(hits) and hits[j].form and hits[j].form.entry.kind in ("PER", "LOC") and _adjacent(text, left, hits[j]):
        return hits[j].form.entry.country
    return None


class _Entities:
    """The entities of one document, keyed so that every mention of one entity lands together."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.by_key: dict[str, Entity] = {}
        self.generic: list[ActorMention] = []
        self.year = doc.published.year if doc.published else None

    def has(self, key: str) -> bool:
        return key in self.by_key

    def _mention(self, nstart: int, nend: int, how: str) -> Mention:
        start, end = self.doc.span(nstart, nend)
        return Mention(self.doc.text[start:end], start, end, self.doc.sentence_of(nstart), nstart, nend, how)

    def _get(self, key: str, make) -> Entity:
        if key not in self.by_key:
            self.by_key[key] = make()
        return self.by_key[key]

    def add_entry(self, entry: Entry, hit: _Hit, how: str, confidence: float = 1.0) -> None:
        entity = self._get(entry.key, lambda: _entity_of(entry, self.year))
        entity.confidence = max(entity.confidence if entity.mentions else 0.0, confidence)
        entity.mentions.append(self._mention(hit.start, hit.end, how))

    def add_institution(self, agent: Agent, country: str, nstart: int, nend: int) -> bool:
        names = institution_names(agent.role, country)
        if not names:
            return False  # a generic group (troops, protesters), not a named body
        key = f"institution:{agent.role}:{country}"
        entity = self._get(key, lambda: Entity(
            "", "ORG", names[0], self.doc.norm.text[nstart:nend], country, agent.sector,
            country + (agent.sector or ""), confidence=0.9, key=key, aliases=names[1:]))
        entity.mentions.append(self._mention(nstart, nend, "name"))
        return True

    def add_person(self, name: PersonName, country: str | None, agent: Agent) -> None:
        entity = self._get(f"person?:{name.arabic}", lambda: Entity(
            "", "PER", name.english, name.arabic, country, agent.sector,
            (country or "") + (agent.sector or "") or None, confidence=0.6, office=agent.office))
        entity.mentions.append(self._mention(name.start, name.start + len(name.arabic), "name"))

    def refer_to_institution(self, agent: Agent, nstart: int, nend: int) -> bool:
        """A bare الوزارة or الحكومة: the last such body the article named; a bare الحزب or
        التنظيم: the last party or armed group."""
        role = agent.role
        if role in _GROUP_ROLES:
            return self._refer_to_group(agent, nstart, nend)
        for entity in reversed(list(self.by_key.values())):
            key = entity.key or ""
            if key.startswith("institution:") and entity.mentions[0].nstart < nstart \
                    and (role in key or (role == "ministry" and "ministry" in key)):
                entity.mentions.append(self._mention(nstart, nend, "coreference"))
                return True
        return False

    def _refer_to_group(self, agent: Agent, nstart: int, nend: int) -> bool:
        groups = [(m.nstart, e) for e in self.by_key.values() if e.kind == "ORG" and e.sector in _GROUP_SECTORS
                  and not (e.key or "").startswith("institution:") for m in e.mentions if m.nstart < nstart]
        if not groups:
            return False
        max(groups, key=lambda g: g[0])[1].mentions.append(self._mention(nstart, nend, "coreference"))
        return True

    def last_office(self, before: int) -> str | None:
        """The office of the last office holder named before `before` (for نظيره، counterpart)."""
        people = [(m.nstart, e.office) for e in self.by_key.values() if e.kind == "PER" and e.office
                  for m in e.mentions if m.nstart < before]
        return max(people)[1] if people else None

    def actors(self) -> list[ActorMention]:
        """Every stretch that can be an actor: mentions of people, organisations and countries
        (a country acts through its government), and the generic actors titles made."""
        actors = list(self.generic)
        for entity in self.by_key.values():
            is_country = entity.place is not None and entity.place.get("place_type") == "country"
            for m in entity.mentions:
                if m.how == "nested" or (entity.kind == "LOC" and not is_country and m.how != "capital"):
                    continue  # a place acts only as its country's capital: موسكو أدانت
                adjective = m.how == "nisba"
                sector = None if adjective else "GOV" if is_country or m.how == "capital" else entity.sector
                actors.append(ActorMention(m.nstart, m.nend, entity.name, entity.country, sector, entity, adjective))
        # a nisba inside a title or an institution's name (وزارة الخارجية الروسية) is part of it
        actors = sorted(_outermost(actors), key=lambda a: a.nstart)
        # a generic word before an organisation's name is that organisation (متشددي تنظيم داعش)
        text = self.doc.norm.text
        return [a for k, a in enumerate(actors) if not (
            a.entity is None and k + 1 < len(actors) and actors[k + 1].entity is not None
            and actors[k + 1].entity.kind == "ORG" and text[a.nend:actors[k + 1].nstart].strip() in ("", "ل"))]

    def ordered(self) -> list[Entity]:
        entities = sorted(self.by_key.values(), key=lambda e: e.mentions[0].start)
        for n, entity in enumerate(entities, 1):
            entity.id = f"ent-{n}"
            entity.mentions.sort(key=lambda m: m.start)
        return entities


def _entity_of(entry: Entry, year: int | None) -> Entity:
    office = entry.office_in(year) if entry.offices and year else None
    country = office.country if office and office.country else entry.country
    sector = office.sector if office and office.sector else entry.sector
    place = None
    if entry.place:
        place = {"lat": entry.place.lat, "lon": entry.place.lon, "geonameid": entry.place.geonameid,
                 "place_type": entry.place.type}
    code = entry.code or ((country or "") + (sector or "") or None)
    return Entity("", entry.kind, entry.name, entry.name_ar, country, sector, code, entry.wikidata,
                  key=entry.key, office=office.office if office else None, place=place)
