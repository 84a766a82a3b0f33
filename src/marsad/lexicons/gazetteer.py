"""Compile the lexicon files into the two matchers the entity recogniser runs over a text:
one for named entries (countries, nisba adjectives, capitals, places, people, organisations,
outlets) and one for agents (role nouns). Built once per process and set of user lexicons
(`lexicons.user`), on first use.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from marsad.lexicons import Row, read_words
from marsad.lexicons.entries import Agent, Entry, Form, Office, Place
from marsad.lexicons.user import later_wins, table_layers
from marsad.text.normalise import normalise_word
from marsad.text.phrases import PhraseMatcher

# Sound inflections of a nisba adjective (masc. sing. روسي): fem. sing., duals, plurals.
_NISBA_ENDINGS = ("", "ه", "ان", "ين", "ون", "تان", "تين", "ات")


@dataclass(frozen=True)
class Gazetteer:
    names: PhraseMatcher[Form]
    agents: PhraseMatcher[Agent]
    office_holders: dict[tuple[str, str | None], list[Entry]]

    def holders(self, office: str, country: str | None, year: int | None) -> list[Entry]:
        """People who held `office` for `country` in `year`."""
        if year is None:
            return []
        return [e for e in self.office_holders.get((office, country), [])
                if any(o.office == office and o.country == country and o.held_in(year) for o in e.offices)]


def nisba_forms(base: str) -> list[str]:
    """All forms of a nisba adjective, with and without the article: روسي → الروسية، روسيين …"""
    stem = normalise_word(base)
    forms = [stem + ending for ending in _NISBA_ENDINGS]
    return forms + ["ال" + f for f in forms]


def _int(row: Row, column: str) -> int | None:
    value = row.number(column, int)
    return int(value) if value is not None else None


def _country_forms(rows: list[Row]) -> Iterator[tuple[str, Form]]:
    for row in rows:
        iso = row.get("iso3")
        if not iso or len(iso) != 3:
            raise row.error("iso3", "must be a three-letter code")
        names = row.alternatives("forms_ar")
        country = Entry(f"country:{iso}", "LOC", row.get("name") or iso, names[0] if names else "", iso,
                        None, iso, row.get("wikidata"), Place("country"), source=f"{row.path}:{row.line}")
        for form in names:
            yield form, Form(country, "name")
        for base in row.alternatives("nisba_ar"):
            for form in nisba_forms(base):
                yield form, Form(country, "nisba")
        for form in row.alternatives("people_ar"):
            yield form, Form(country, "people")
            yield "ال" + form, Form(country, "people")
        capital_names = row.alternatives("capital_ar")
        if row.get("capital") and capital_names:
            place = Place("city", row.number("capital_lat"), row.number("capital_lon"), _int(row, "capital_geonameid"))
            capital = Entry(f"place:{row.get('capital')}", "LOC", row.get("capital") or "", capital_names[0], iso,
                            None, iso, None, place, source=f"{row.path}:{row.line}")
            for form in capital_names:
                yield form, Form(capital, "capital")


def _place_forms(rows: list[Row]) -> Iterator[tuple[str, Form]]:
    for row in rows:
        names = row.alternatives("forms_ar")
        place = Place(row.get("type") or "place", row.number("lat"), row.number("lon"), _int(row, "geonameid"))
        entry = Entry(f"place:{row.get('name')}", "LOC", row.get("name") or "", names[0] if names else "",
                      row.get("country"), None, row.get("country"), row.get("wikidata"), place,
                      source=f"{row.path}:{row.line}")
        for form in names:
            yield form, Form(entry, "name")


def _people_forms(rows: list[Row]) -> Iterator[tuple[str, Form]]:
    by_name: dict[str, list[Row]] = {}
    for row in rows:
        by_name.setdefault(row.get("name") or "", []).append(row)
    for name, group in by_name.items():
        offices = tuple(Office(r.get("office") or "other", r.get("country"), r.get("sector"),
                               _int(r, "start"), _int(r, "end")) for r in group)
        latest = max(group, key=lambda r: _int(r, "start") or 0)
        names = [f for r in group for f in r.alternatives("forms_ar")]
        entry = Entry(f"person:{name}", "PER", name, names[0] if names else "", latest.get("country"),
                      latest.get("sector"), None, next((r.get("wikidata") for r in group if r.get("wikidata")), None),
                      offices=offices, source=f"{group[0].path}:{group[0].line}")
        for form in dict.fromkeys(names):
            yield form, Form(entry, "name")
        for form in dict.fromkeys(f for r in group for f in r.alternatives("short_ar")):
            # a short form with the article (الأسد، الصدر) is usually a common word as well
            yield form, Form(entry, "short", ambiguous=normalise_word(form).startswith("ال"))


def _organisation_forms(rows: list[Row], default_sector: str | None = None,
                        abbrev_column: str = "abbrev_ar") -> Iterator[tuple[str, Form]]:
    for row in rows:
        names = row.alternatives("forms_ar")
        sector = row.get("sector") or default_sector
        country = row.get("country")
        code = row.get("code") or ((country or "") + (sector or "") or None)
        entry = Entry(f"org:{row.get('name')}", "ORG", row.get("name") or "", names[0] if names else "",
                      country, sector, code, row.get("wikidata"), source=f"{row.path}:{row.line}")
        for form in names:
            yield form, Form(entry, "name")
        for form in row.alternatives(abbrev_column):
            yield form, Form(entry, "abbrev", ambiguous=abbrev_column == "ambiguous_ar")


def _agents(rows: list[Row]) -> Iterator[tuple[str, Agent]]:
    for row in rows:
        forms = tuple(row.alternatives("forms_ar"))
        agent = Agent(row.get("role") or "", row.get("kind") or "ORG", row.get("sector"), row.get("person"), forms)
        for form in forms:
            yield form, agent


_NAMED_TABLES = ("countries", "places", "people", "organisations", "outlets")


def _named_forms(countries: list[Row], places: list[Row], people: list[Row], organisations: list[Row],
                 outlets: list[Row]) -> Iterable[tuple[str, Form]]:
    yield from _country_forms(countries)
    yield from _place_forms(places)
    yield from _people_forms(people)
    yield from _organisation_forms(organisations)
    yield from _organisation_forms(outlets, "MED", "ambiguous_ar")


@cache
def _common_words() -> frozenset[str]:
    """Forms that are also everyday words (القاعدة "the base", صالح "valid"): such a form names
    an entry only where the article also names it in full, or puts a title before it."""
    return frozenset(normalise_word(w) for w in read_words("common_words.txt"))


def _mark_common(form: str, meaning: Form) -> Form:
    if not meaning.ambiguous and normalise_word(form) in _common_words():
        return Form(meaning.entry, meaning.role, ambiguous=True)
    return meaning


def gazetteer(files: tuple[Path, ...] = ()) -> Gazetteer:
    """The compiled lexicons: the packaged ones, extended by the user lexicon `files` (absolute
    paths, see `lexicons.user`). Built once per set of files."""
    return _compile(files)  # one cache entry for gazetteer() and gazetteer(()) alike


@lru_cache(maxsize=4)
def _compile(files: tuple[Path, ...]) -> Gazetteer:
    layers = zip(*(table_layers(table, files) for table in _NAMED_TABLES))
    named = later_wins([list(_named_forms(*tables)) for tables in layers])
    forms = [(form, _mark_common(form, meaning)) for form, meaning in named]
    entries = {form.entry.key: form.entry for _, form in forms}
    holders: dict[tuple[str, str | None], list[Entry]] = {}
    for entry in entries.values():
        for office in {(o.office, o.country) for o in entry.offices}:
            holders.setdefault(office, []).append(entry)
    agents = later_wins([list(_agents(rows)) for rows in table_layers("agents", files)])
    return Gazetteer(PhraseMatcher(forms), PhraseMatcher(agents), holders)
