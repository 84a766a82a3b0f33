"""Turn a Document into the plain record of SPEC §1 (and JSON / JSON Lines text)."""
from __future__ import annotations

import json
from typing import Any

from marsad.document import Document


def document_record(doc: Document) -> dict[str, Any]:
    source = doc.source.to_dict()
    source["url"] = source["url"] or doc.url
    return {
        "doc_id": doc.doc_id,
        "language": "ar",
        "published": doc.published.isoformat() if doc.published else None,
        "title": doc.title,
        "source": source,
        "text": doc.text,
        "sentences": [{"index": s.index, "start": s.start, "end": s.end} for s in doc.sentences],
        "entities": [e.to_dict() for e in doc.entities],
        "times": [t.to_dict() for t in doc.times],
        "events": [e.record(doc) for e in doc.events],
        "quotes": [q.record(doc) for q in doc.quotes],
        "warnings": list(doc.warnings),
    }


def to_json(records: list[dict[str, Any]], jsonl: bool) -> str:
    """One pretty JSON value (an object, or a list for several documents), or one line each."""
    if jsonl:
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    value = records[0] if len(records) == 1 else records
    return json.dumps(value, ensure_ascii=False, indent=1) + "\n"
