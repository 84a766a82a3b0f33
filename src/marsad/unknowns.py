"""The names marsad found that no lexicon lists, most frequent first: what to add to a lexicon.

An entity is unknown when its `key` is None (a person read after a title, وزير الزراعة التونسي
سعد الصديق) or starts with "model:" (a name the NER model found, `marsad.recognise.unlisted`).
Unknown entities are grouped across documents by their Arabic name (normalised), and
`lexicon_tsv` writes them as a user lexicon file (`marsad.lexicons.user`) that `--lexicon` reads
back: fix the English names, countries and sectors, then pass the file to `marsad extract`.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from marsad.document import Document, Entity, Mention
from marsad.lexicons import LEXICON_DIR, read_table
from marsad.lexicons.user import TABLES
from marsad.text.phrases import phrase_key

_CODE = re.compile(r"[A-Z]{3}")  # a CAMEO sector code
EXAMPLE_CHARS = 120  # an example sentence is trimmed to about this many characters around the name

# kind → (user table, its columns as `lexicon_tsv` writes them)
LEXICON_COLUMNS = {
    "PER": ("people", ("name", "forms_ar", "short_ar", "country", "sector", "office", "start", "end", "wikidata")),
    "ORG": ("organisations", ("name", "forms_ar", "abbrev_ar", "country", "sector", "code", "wikidata")),
    "LOC": ("places", ("name", "forms_ar", "type", "country", "lat", "lon", "geonameid", "wikidata")),
}


@dataclass
class UnknownName:
    """A name no lexicon lists, over all the documents it appears in."""

    name_ar: str  # as the text writes it most often
    kind: str  # PER, ORG or LOC (the most frequent, should documents disagree)
    mentions: int
    documents: int
    name: str | None  # the suggested English name (a transliteration)
    country: str | None
    sector: str | None
    example: str  # the sentence of the first mention, trimmed around it
    doc_id: str | None  # the document the example comes from
    key: str = field(default="", repr=False)  # the normalised name it is grouped by


def is_unknown(entity: Entity) -> bool:
    """Did no lexicon resolve this entity (a name read after a title, or found by the model)?"""
    return entity.key is None or entity.key.startswith("model:")


class _Tally:
    def __init__(self, key: str) -> None:
        self.key = key
        self.forms: Counter[str] = Counter()
        self.kinds: Counter[str] = Counter()
        self.names: Counter[str] = Counter()
        self.countries: Counter[str] = Counter()
        self.sectors: Counter[str] = Counter()
        self.mentions = 0
        self.documents = 0
        self.example = ""
        self.doc_id: str | None = None

    def add(self, doc: Document, entity: Entity) -> None:
        if not self.example and entity.mentions:
            self.example, self.doc_id = example_sentence(doc, entity.mentions[0]), doc.doc_id
        self.mentions += len(entity.mentions)
        self.forms.update(" ".join(m.text.split()) for m in entity.mentions)
        self.kinds[entity.kind] += 1
        for counter, value in ((self.names, entity.name), (self.countries, entity.country),
                               (self.sectors, entity.sector)):
            if value:
                counter[value] += 1

    def result(self) -> UnknownName:
        def most(counter: Counter[str]) -> str | None:
            return counter.most_common(1)[0][0] if counter else None
        return UnknownName(most(self.forms) or self.key, most(self.kinds) or "PER", self.mentions, self.documents,
                           most(self.names), most(self.countries), most(self.sectors), self.example, self.doc_id,
                           self.key)


def unknown_names(documents: Iterable[Document], top: int | None = 30,
                  kinds: Iterable[str] | None = None) -> list[UnknownName]:
    """The `top` most frequent unknown names of the documents (all of them when `top` is None),
    by mentions, then documents; only those of `kinds` (PER, ORG, LOC) if given. Documents are
    read one at a time and not kept."""
    wanted = None if kinds is None else frozenset(kinds)
    tallies: dict[str, _Tally] = {}
    for doc in documents:
        seen: set[str] = set()
        for entity in doc.entities:
            if not is_unknown(entity) or (wanted is not None and entity.kind not in wanted):
                continue
            key = phrase_key(entity.name_ar)  # the normalised name, single-spaced
            tally = tallies.get(key)
            if tally is None:
                tally = tallies[key] = _Tally(key)
            tally.add(doc, entity)
            if key not in seen:
                seen.add(key)
                tally.documents += 1
    ranked = sorted(tallies.values(), key=lambda t: (-t.mentions, -t.documents, t.key))
    return [t.result() for t in (ranked if top is None else ranked[:max(top, 0)])]


def example_sentence(doc: Document, mention: Mention, width: int = EXAMPLE_CHARS) -> str:
    """The sentence a mention stands in, on one line, cut to about `width` characters around it."""
    if 0 <= mention.sentence < len(doc.sentences):
        sentence = doc.sentences[mention.sentence]
        start, end = sentence.start, sentence.end
    else:
        start, end = mention.start, mention.end
    start, end = min(start, mention.start), max(end, mention.end)
    if end - start <= width:
        return " ".join(doc.text[start:end].split())
    text = doc.text
    middle = (mention.start + mention.end) // 2
    left = min(mention.start, max(start, min(middle - width // 2, end - width)))
    right = max(mention.end, min(end, left + width))
    # cut at word boundaries, never inside the mention, and say where it was cut
    if left > start and not text[left - 1].isspace():
        space = text.find(" ", left, mention.start)
        left = space + 1 if space != -1 else left
    if right < end and not text[right].isspace():
        space = text.rfind(" ", mention.end, right)
        right = space if space != -1 else right
    text = ("… " if left > start else "") + text[left:right].strip() + (" …" if right < end else "")
    return " ".join(text.split())


def lexicon_tsv(names: Iterable[UnknownName]) -> str:
    """A user lexicon file for the names, one block per kind (people, organisations, places), each
    with its `# marsad: TABLE` line and header; a comment line above each row tells how often the
    name was seen and where. Save it, correct it, and pass it with `--lexicon`."""
    blocks = []
    by_kind: dict[str, list[UnknownName]] = {}
    for name in names:
        if name.kind in LEXICON_COLUMNS:
            by_kind.setdefault(name.kind, []).append(name)
    for kind, (table, columns) in LEXICON_COLUMNS.items():
        if kind not in by_kind:
            continue
        packaged, used = _packaged(table, "name"), set()
        lines = [f"# marsad: {table}", "\t".join(columns)]
        for unknown in by_kind[kind]:
            english = _cell(unknown.name) or _cell(unknown.name_ar)
            note = f"# {unknown.mentions} mention(s) in {unknown.documents} document(s)"
            if unknown.doc_id:
                note += f", e.g. {_cell(unknown.doc_id)}"
            lines.append(f"{note}: {_cell(unknown.example)}")
            if english in packaged:
                lines.append(f"# {english!r} names an entry of {TABLES[table].file}: this row would replace it; rename it")
            elif english in used:
                lines.append(f"# {english!r} is also the name of a row above: the two would be one entry; rename one")
            used.add(english)
            # only values a user lexicon accepts (`marsad.lexicons.user`): a wrong one would stop the file loading
            country = unknown.country if unknown.country in _packaged("countries", "iso3") else ""
            sector = unknown.sector if _CODE.fullmatch(unknown.sector or "") else ""
            row = {"name": english, "forms_ar": _cell(unknown.name_ar).replace("|", " "), "country": country,
                   "sector": sector}
            lines.append("\t".join(row.get(c, "") for c in columns))
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)


def _cell(value: str | None) -> str:
    return " ".join((value or "").split())


@cache
def _packaged(table: str, column: str) -> frozenset[str]:
    """The values of a column of a packaged table (its keys: names, country codes)."""
    spec = TABLES[table]
    return frozenset(filter(None, (row.get(column) for row in read_table(LEXICON_DIR / spec.file, spec.required))))


def format_table(names: list[UnknownName], title: str | None = None):
    """A rich Table of the names, for the terminal: the example sentence takes the room left."""
    from rich import box
    from rich.table import Table

    table = Table(title=title, box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("#", justify="right", style="dim")
    table.add_column("name", style="bold", overflow="fold")
    table.add_column("kind")
    table.add_column("mentions", justify="right")
    table.add_column("docs", justify="right")
    table.add_column("English", overflow="fold", max_width=24)
    table.add_column("code", overflow="fold")  # country and sector, as actor codes write them
    table.add_column("example", overflow="fold", ratio=1)
    for n, name in enumerate(names, 1):
        code = " ".join(filter(None, (name.country, name.sector))) or "-"
        table.add_row(str(n), name.name_ar, name.kind, str(name.mentions), str(name.documents), name.name or "-",
                      code, name.example)
    return table
