"""The pipeline: the ordered stages that read a Document and add to it.

read → normalise (in `Document`) → segment → recognise → resolve → serialise. Each stage is a
function `stage(doc) -> None` that adds to the document and never removes what an earlier one
found, so any stage's output can be checked against the text it came from.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from marsad.document import Document
from marsad.events.coder import find_events
from marsad.events.lexicon import triggers
from marsad.lexicons.gazetteer import gazetteer
from marsad.lexicons.user import user_files
from marsad.recognise.entities import find_entities
from marsad.recognise.quotes import find_quotes
from marsad.recognise.source import find_source
from marsad.recognise.times import find_times
from marsad.recognise.unlisted import find_unlisted_names
from marsad.text.segment import segment

Stage = Callable[[Document], None]
_ARABIC_LETTERS = re.compile(r"[\u0621-\u064a\u0671-\u06d3]+")
_LETTERS = re.compile(r"[^\W\d_]+")


def check_language(doc: Document) -> None:
    """Warn (not fail) when a text has hardly any Arabic: marsad will find little in it."""
    head = doc.text[:600]  # the head of a text is enough to tell its script
    letters = sum(map(len, _LETTERS.findall(head)))
    arabic = sum(map(len, _ARABIC_LETTERS.findall(head)))
    if arabic == 0:
        doc.warnings.append("no Arabic text: marsad reads Arabic news, so it will find little here")
    elif arabic < 0.3 * letters:
        doc.warnings.append(f"mostly non-Arabic text ({100 * arabic // letters}% Arabic letters)")


STAGES: list[Stage] = [check_language, segment, find_times, find_source, find_entities, find_unlisted_names,
                       find_events, find_quotes]


def as_date(value: str | dt.date | None) -> dt.date | None:
    """A publication date from a date, a datetime or an ISO string ("2015-07-21 02:54:31" too)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise ValueError(f"not a date (expected YYYY-MM-DD): {text!r}") from None


def load_lexicons(paths: Iterable[str | os.PathLike[str]]) -> tuple[Path, ...]:
    """Read and compile user lexicon files now, so that a bad one fails (LexiconError naming file,
    line and field) before any article is read; the files, as `extract(lexicons=…)` takes them."""
    files = user_files(paths)
    gazetteer(files)
    triggers(files)
    return files


def extract(text: str, published: str | dt.date | None = None, doc_id: str | None = None, *,
            url: str | None = None, title: str | None = None, publisher: str | None = None,
            lexicons: Iterable[str | os.PathLike[str]] = (), model: bool = True) -> Document:
    """Read one article and return the Document with everything marsad found in it. `lexicons`:
    user lexicon files (TSV, see `marsad.lexicons.user`) that extend the packaged ones, later ones
    winning; each set of files is read once per process. `model=False` leaves out the NER model
    (names no lexicon lists), which costs more than the rest of the pipeline together."""
    doc = Document(text, doc_id=doc_id, published=as_date(published), url=url, title=title,
                   publisher=publisher, lexicons=user_files(lexicons))
    for stage in STAGES:
        if model or stage is not find_unlisted_names:
            stage(doc)
    return doc
