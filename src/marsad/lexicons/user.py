"""User lexicons: TSV files in the format of a packaged table that add to it or override it.

A user file has the header line of one packaged table (all its columns or a part of them,
the required ones included); a comment line `# marsad: people` before the header names the
table where the header alone leaves it open. A file may hold several tables, each a block that
opens with its `# marsad: TABLE` line and its header (as `marsad unknowns --tsv` writes them).
The packaged tables come first, then the user files in the order given (and their blocks in
file order), and a later one wins:

- an entry whose key a later file gives again is replaced whole: `iso3` for countries, `name`
  for places, people (all the rows, i.e. offices, of that name), organisations and outlets;
- agents and triggers have no key, since one role or CAMEO code has many rows: each of their
  forms is its own entry;
- a form a later file gives loses every meaning earlier ones give it (one matcher holds the
  named tables, one the agents, one the triggers).
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import TypeVar

from marsad.lexicons import LEXICON_DIR, LexiconError, Row, read_table, table_rows
from marsad.text.phrases import phrase_key

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Table:
    file: str  # the packaged file, in LEXICON_DIR
    required: tuple[str, ...]  # columns a header must have
    key: str | None  # the column that identifies an entry; None: each form is an entry


TABLES = {
    "countries": Table("countries.tsv", ("iso3", "name", "forms_ar"), "iso3"),
    "places": Table("places.tsv", ("name", "forms_ar"), "name"),
    "people": Table("people.tsv", ("name", "forms_ar"), "name"),
    "organisations": Table("organisations.tsv", ("name", "forms_ar"), "name"),
    "outlets": Table("outlets.tsv", ("name", "forms_ar"), "name"),
    "agents": Table("agents.tsv", ("forms_ar", "role"), None),
    "triggers": Table("triggers.tsv", ("forms_ar", "cameo"), None),
}
_TABLE_LINE = re.compile(r"#\s*marsad\s*:\s*(\S+)")
_CODE = re.compile(r"[A-Z]{3}")  # an ISO 3166 alpha-3 country code, a CAMEO sector code
_RANGES = {"lat": 90, "capital_lat": 90, "lon": 180, "capital_lon": 180}
_INTEGERS = ("start", "end", "geonameid", "capital_geonameid")
_CHOICES = {("agents", "kind"): ("PER", "ORG"), ("outlets", "kind"): ("agency", "outlet"),
            ("triggers", "pos"): ("verb", "noun", "phrase")}


@dataclass(frozen=True, slots=True)
class _UserFile:
    table: str
    rows: list[Row]


def user_files(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> tuple[Path, ...]:
    """The files as absolute paths, in order: what the compiled lexicons are cached by."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]  # one file, not a string of one-letter names
    return tuple(Path(p).expanduser().resolve() for p in paths)


@lru_cache(maxsize=4)
def _read_user_files(files: tuple[Path, ...]) -> tuple[_UserFile, ...]:
    """Each file's table and rows, checked; a problem raises LexiconError naming file, line, field."""
    read = [block for path in files for block in _read(path)]
    countries = frozenset(r.get("iso3") for r in _packaged("countries")) | {
        r.get("iso3") for f in read if f.table == "countries" for r in f.rows}
    for user_file in read:
        for row in user_file.rows:
            _check(user_file.table, row, countries)
    return tuple(read)


def table_layers(table: str, files: tuple[Path, ...]) -> list[list[Row]]:
    """The rows of `table` in layers, the packaged file's first, then one for each user file (empty for
    a file of another table, so that layers of different tables line up). A row whose key a later
    layer gives again is left out: the later entry replaces it."""
    layers = [_packaged(table)] + [f.rows if f.table == table else [] for f in _read_user_files(files)]
    key = TABLES[table].key
    if key is None or not files:
        return layers
    later: set[str | None] = set()
    for i in reversed(range(len(layers))):
        keys = {row.get(key) for row in layers[i]}
        layers[i] = [row for row in layers[i] if row.get(key) not in later]
        later |= keys
    return layers


def later_wins(layers: list[list[tuple[str, T]]]) -> list[tuple[str, T]]:
    """The (form, meaning) pairs of all layers, except those whose form a later layer gives too."""
    if len(layers) == 1:
        return layers[0]  # the packaged lexicons alone: nothing overrides them
    claimed: set[str] = set()
    kept: list[list[tuple[str, T]]] = []
    for pairs in reversed(layers):
        kept.append([pair for pair in pairs if phrase_key(pair[0]) not in claimed])
        claimed.update(phrase_key(form) for form, _ in pairs)
    return [pair for pairs in reversed(kept) for pair in pairs]


def _packaged(table: str) -> list[Row]:
    spec = TABLES[table]
    return read_table(LEXICON_DIR / spec.file, spec.required)


Lines = list[tuple[int, str]]  # (line number, line) of a file or of a block of it


def _read(path: Path) -> list[_UserFile]:
    """The tables of a user file: one, or one for each of its blocks."""
    try:
        lines = _numbered_lines(path)
    except OSError as err:
        raise LexiconError(f"{path}: cannot be read ({err.strerror or err})") from None
    except UnicodeDecodeError:
        raise LexiconError(f"{path}: not UTF-8 text") from None
    tables = [(_table_of(path, block), block) for block in _blocks(lines)]
    return [_UserFile(table, table_rows(str(path), block, TABLES[table].required)) for table, block in tables]


def _numbered_lines(path: Path) -> Lines:
    with open(path, encoding="utf-8-sig") as f:
        return list(enumerate(f, 1))


def _blocks(lines: Lines) -> list[Lines]:
    """The file's tables: a `# marsad: TABLE` line after a header starts another."""
    blocks: list[Lines] = [[]]
    header_seen = False
    for lineno, line in lines:
        if header_seen and _TABLE_LINE.match(line):
            blocks.append([])
            header_seen = False
        blocks[-1].append((lineno, line))
        header_seen = header_seen or (bool(line.strip()) and not line.startswith("#"))
    return blocks


def _header(path: Path, lines: Lines) -> tuple[str | None, list[str], int]:
    """The table a `# marsad: TABLE` line names (None if none does), the header's columns, its line."""
    named = None
    for lineno, line in lines:
        if line.startswith("#"):
            match = _TABLE_LINE.match(line)
            named = named or (match.group(1) if match else None)
        elif line.strip():
            return named, [c.strip() for c in line.rstrip("\r\n").split("\t")], lineno
    where = f"{path}:{lines[0][0]}" if lines else str(path)
    raise LexiconError(f"{where}: no header line (it must be that of a packaged table, e.g. people.tsv)")


@cache
def _columns(table: str) -> frozenset[str]:
    path = LEXICON_DIR / TABLES[table].file
    return frozenset(_header(path, _numbered_lines(path))[1])


def _table_of(path: Path, lines: Lines) -> str:
    """The packaged table a block of a user file extends: the one it names, else the one its
    header fits."""
    named, header, lineno = _header(path, lines)
    if named is not None and named not in TABLES:
        raise LexiconError(f"{path}: '# marsad: {named}' names no table; the tables are {', '.join(TABLES)}")
    having = [named] if named else [t for t, spec in TABLES.items() if set(spec.required) <= set(header)]
    fits = [t for t in having if set(header) <= _columns(t)]
    if len(fits) == 1:
        return fits[0]
    if len(fits) > 1:
        raise LexiconError(f"{path}:{lineno}: the header fits the tables {', '.join(fits)}: "
                           f"name one in a comment line before it, e.g. '# marsad: {fits[0]}'")
    unknown = [c for c in header if not any(c in _columns(t) for t in having)]
    if having and unknown:
        raise LexiconError(f"{path}:{lineno}: field {unknown[0]!r}: not a column of "
                           f"{' or '.join(TABLES[t].file for t in having)}")
    raise LexiconError(f"{path}:{lineno}: the header fits none of the tables {', '.join(TABLES)}: "
                       "copy the header line of the packaged file you extend")


def _check(table: str, row: Row, countries: frozenset[str | None]) -> None:
    """Refuse a value marsad would misread: better an error than an entry that never matches."""
    key = TABLES[table].key
    if key and not row.get(key):
        raise row.error(key, "empty: every entry needs one")
    if not row.alternatives("forms_ar"):
        raise row.error("forms_ar", "empty: give at least one Arabic form")
    if table == "countries" and not _CODE.fullmatch(row.get("iso3") or ""):
        raise row.error("iso3", f"{row.get('iso3')!r} is not a three-capital-letter code (ISO 3166 alpha-3)")
    if row.get("country") and row.get("country") not in countries:
        raise row.error("country", f"{row.get('country')!r} is no country code of countries.tsv or your lexicons")
    if row.get("sector") and not _CODE.fullmatch(row.get("sector") or ""):
        raise row.error("sector", f"{row.get('sector')!r} is not a CAMEO sector code (GOV, MIL, REB …)")
    _check_values(table, row)


def _check_values(table: str, row: Row) -> None:
    for column, limit in _RANGES.items():
        value = row.number(column)
        if value is not None and not -limit <= value <= limit:
            raise row.error(column, f"{value} is outside ±{limit}")
    for column in _INTEGERS:
        row.number(column, int)
    for (in_table, column), choices in _CHOICES.items():
        if in_table == table and row.get(column) and row.get(column) not in choices:
            raise row.error(column, f"{row.get(column)!r} is not one of {', '.join(choices)}")
