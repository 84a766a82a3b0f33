"""What the lexicon files hold, as objects: named entries (countries, places, people,
organisations, outlets) and agents (role nouns such as الجيش or وزير الخارجية)."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Office:
    """An office a person held: which, for whom, and in which years (end None: still holds it)."""

    office: str
    country: str | None
    sector: str | None
    start: int | None
    end: int | None

    def held_in(self, year: int) -> bool:
        return (self.start is None or self.start <= year) and (self.end is None or year <= self.end)


@dataclass(frozen=True, slots=True)
class Place:
    type: str
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None


@dataclass(frozen=True, slots=True)
class Entry:
    """A named person, organisation or place that a lexicon lists."""

    key: str  # unique across lexicons, e.g. "country:RUS", "person:Vladimir Putin"
    kind: str  # PER, ORG, LOC or MISC
    name: str
    name_ar: str
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    wikidata: str | None = None
    place: Place | None = None
    offices: tuple[Office, ...] = ()
    source: str = ""  # file:line it was read from, for review

    def office_in(self, year: int | None, office: str | None = None) -> Office | None:
        """The office held in `year` (of the kind asked for), if any."""
        for held in self.offices:
            if (office is None or held.office == office) and (year is None or held.held_in(year)):
                return held
        return None


@dataclass(frozen=True, slots=True)
class Form:
    """One Arabic form of an entry, and what kind of mention it makes."""

    entry: Entry
    role: str  # name | short | abbrev | nisba | people | capital
    ambiguous: bool = False  # also a common word or another name: needs support in the text


@dataclass(frozen=True, slots=True)
class Agent:
    """A role noun that names a generic actor once a country is attached to it."""

    role: str  # English label: "army", "foreign minister"
    kind: str  # PER or ORG
    sector: str | None
    office: str | None = None  # for one-holder roles: the people.tsv office ("head_of_state")
    forms: tuple[str, ...] = field(default=())
