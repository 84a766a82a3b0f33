"""Run the pipeline over many inputs: what the CLI, the store and the scale-out share."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path

from marsad.document import Document
from marsad.pipeline import as_date, extract
from marsad.read.inputs import MAX_BYTES, Article, InputProblem, read_inputs


def extract_article(article: Article, published: dt.date | None = None,
                    lexicons: tuple[Path, ...] = (), model: bool = True) -> Document:
    """Extract one article read from a file; its own date wins over `published`. `lexicons`:
    user lexicon files, as `pipeline.load_lexicons` returns them; `model`: run the NER model."""
    warnings = list(article.warnings)
    date = published
    if article.published:
        try:
            date = as_date(article.published)
        except ValueError:
            warnings.append(f"unreadable date {article.published!r} ignored")
    doc = extract(article.text, date, article.doc_id, url=article.url, title=article.title,
                  publisher=article.publisher, lexicons=lexicons, model=model)
    doc.warnings[:0] = warnings
    return doc


def extract_inputs(paths: Iterable[str], published: dt.date | None = None, max_bytes: int = MAX_BYTES,
                   lexicons: tuple[Path, ...] = (), model: bool = True) -> Iterator[tuple[Article, Document] | InputProblem]:
    """(article, document) for every readable article under `paths`, and a problem for the rest."""
    for item in read_inputs(paths, max_bytes):
        if isinstance(item, InputProblem):
            yield item
        else:
            yield item, extract_article(item, published, lexicons, model)
