"""marsad's lexicons: hand-written TSV files in this folder, read once and checked as they load.

Every file has a header line, one entry a line, tab-separated fields, `|` between alternatives
in a field, and `#` comment lines. Errors name the file, the line and the field.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

LEXICON_DIR = Path(__file__).parent


def read_words(name: str) -> list[str]:
    """The words of a one-word-a-line list (common_words.txt …), comments and blanks left out;
    an empty list when the file is absent."""
    path = LEXICON_DIR / name
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [w.strip() for w in lines if w.strip() and not w.startswith("#")]


class LexiconError(ValueError):
    """A lexicon file is malformed; the message names file, line and field."""


@dataclass(frozen=True, slots=True)
class Row:
    """One entry of a lexicon file, with where it came from (for error messages)."""

    path: str
    line: int
    fields: dict[str, str]

    def get(self, column: str) -> str | None:
        """The field's value, or None when it is empty."""
        value = self.fields.get(column, "").strip()
        return value or None

    def alternatives(self, column: str) -> list[str]:
        """The `|`-separated alternatives of a field (an empty list when it is empty)."""
        return [v.strip() for v in self.fields.get(column, "").split("|") if v.strip()]

    def number(self, column: str, kind: type = float) -> float | int | None:
        value = self.get(column)
        if value is None:
            return None
        try:
            return kind(value)
        except ValueError:
            raise self.error(column, f"{value!r} is not a number") from None

    def error(self, column: str, reason: str) -> LexiconError:
        return LexiconError(f"{self.path}:{self.line}: field {column!r}: {reason}")


def read_table(path: Path | str, required: tuple[str, ...] = ()) -> list[Row]:
    """The rows of a lexicon file; a line with the wrong number of fields is an error."""
    path = Path(path)
    # a bare name is the packaged file, even where the current folder has a file of that name
    if not path.is_absolute() and (LEXICON_DIR / path).exists():
        path = LEXICON_DIR / path
    with open(path, encoding="utf-8-sig") as f:  # a spreadsheet may save a byte-order mark
        return table_rows(str(path), enumerate(f, 1), required)


def table_rows(path: str, lines: Iterable[tuple[int, str]], required: tuple[str, ...] = ()) -> list[Row]:
    """The rows of a table given as (line number, line) pairs: its header, then its entries."""
    rows: list[Row] = []
    header: list[str] | None = None
    for lineno, line in lines:
        line = line.rstrip("\r\n")
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = [c.strip() for c in cells]
            missing = [c for c in required if c not in header]
            if missing:
                raise LexiconError(f"{path}:{lineno}: header lacks the column(s) {', '.join(missing)}")
            continue
        if len(cells) > len(header):
            raise LexiconError(f"{path}:{lineno}: {len(cells)} fields, the header has {len(header)}: "
                               f"field {len(header) + 1} ({cells[len(header)]!r}) has no column")
        cells += [""] * (len(header) - len(cells))  # trailing empty fields may be left off
        rows.append(Row(path, lineno, dict(zip(header, cells))))
    return rows
