"""Read articles from files, folders, archives and standard input.

Every input yields either `Article`s or one `InputProblem` that names the file and the reason,
so that one bad file never stops a batch: the caller reports the problem and goes on.
"""
from __future__ import annotations

import io
import json
import sys
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marsad.read.decode import DecodeError, decode_bytes

MAX_BYTES = 20_000_000  # one article is a few KB; anything this large is not an article
TEXT_SUFFIXES = {".txt", ".text"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
HTML_SUFFIXES = {".html", ".htm"}
ARCHIVE_SUFFIXES = {".zip"}
READABLE = TEXT_SUFFIXES | JSON_SUFFIXES | HTML_SUFFIXES | ARCHIVE_SUFFIXES
_TEXT_KEYS = ("text", "content", "body")
_DATE_KEYS = ("published", "date", "date_published", "date_extracted")


@dataclass
class Article:
    """One article as read, before marsad looks at it."""

    doc_id: str
    text: str
    origin: str  # where it came from, for messages: "file.jsonl:12"
    published: str | None = None
    url: str | None = None
    publisher: str | None = None
    title: str | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class InputProblem:
    """An input that could not be read; `origin` names it, `reason` says why in a few words."""

    origin: str
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


Item = Article | InputProblem


def read_inputs(paths: Iterable[str], max_bytes: int = MAX_BYTES) -> Iterator[Item]:
    """Articles (and problems) from each path in turn; "-" is standard input."""
    for path in paths:
        if path == "-":
            yield from _read_blob(sys.stdin.buffer.read(max_bytes + 1), "<stdin>", "stdin", ".txt", max_bytes)
            continue
        p = Path(path)
        if p.is_dir():
            yield from _read_folder(p, max_bytes)
        elif not p.exists():
            yield InputProblem(path, "no such file or folder")
        else:
            yield from _read_file(p, max_bytes)


def _read_folder(folder: Path, max_bytes: int) -> Iterator[Item]:
    files = sorted(f for f in folder.rglob("*") if f.is_file() and f.suffix.lower() in READABLE)
    if not files:
        yield InputProblem(str(folder), "folder holds no .txt, .json, .jsonl, .html or .zip files")
    for f in files:
        yield from _read_file(f, max_bytes)


def _read_file(path: Path, max_bytes: int) -> Iterator[Item]:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield InputProblem(str(path), f"too large ({size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB)")
            return
        data = path.read_bytes()
    except OSError as err:
        yield InputProblem(str(path), f"cannot be read ({err.strerror or err})")
        return
    suffix = path.suffix.lower()
    if suffix in ARCHIVE_SUFFIXES:
        yield from _read_zip(data, str(path), path.stem, max_bytes)
    else:
        yield from _read_blob(data, str(path), path.stem, suffix, max_bytes)


def _read_zip(data: bytes, origin: str, stem: str, max_bytes: int) -> Iterator[Item]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [m for m in archive.infolist() if not m.is_dir()]
    except (zipfile.BadZipFile, OSError) as err:
        yield InputProblem(origin, f"not a readable zip archive ({err})")
        return
    members = [m for m in members if Path(m.filename).suffix.lower() in READABLE - ARCHIVE_SUFFIXES]
    if not members:
        yield InputProblem(origin, "zip archive holds no .txt, .json, .jsonl or .html files")
    for member in members:
        name = f"{origin}!{member.filename}"
        # an archive member has a limit of its own, larger: SaudiNewsNet packs a day in one file
        if member.file_size > 10 * max_bytes:
            yield InputProblem(name, f"too large ({member.file_size / 1e6:.1f} MB)")
            continue
        try:
            blob = archive.read(member)
        except (zipfile.BadZipFile, OSError, RuntimeError) as err:
            yield InputProblem(name, f"cannot be extracted ({err})")
            continue
        member_stem = Path(member.filename).stem
        suffix = Path(member.filename).suffix.lower()
        yield from _read_blob(blob, name, member_stem or stem, suffix, 10 * max_bytes)


def _read_blob(data: bytes, origin: str, stem: str, suffix: str, max_bytes: int) -> Iterator[Item]:
    if len(data) > max_bytes:
        yield InputProblem(origin, f"too large (more than {max_bytes / 1e6:.0f} MB)")
        return
    try:
        text = decode_bytes(data)
    except DecodeError as err:
        yield InputProblem(origin, str(err))
        return
    if suffix in JSON_SUFFIXES:
        yield from _read_records(text, origin, stem, jsonl=suffix != ".json")
    elif suffix in HTML_SUFFIXES:
        yield from _read_html(text, origin, stem)
    else:
        yield from _article(stem, text, origin)


def _article(doc_id: str, text: str, origin: str, **meta: Any) -> Iterator[Item]:
    if not text.strip():
        yield InputProblem(origin, "empty: no text to read")
        return
    yield Article(doc_id=doc_id, text=text, origin=origin, **meta)


def _read_records(text: str, origin: str, stem: str, jsonl: bool) -> Iterator[Item]:
    """Records of a JSON file (an object or a list of them) or a JSON Lines file."""
    stripped = text.lstrip()
    if not stripped:
        yield InputProblem(origin, "empty: no records")
        return
    if not jsonl or stripped[0] == "[":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as err:
            yield InputProblem(origin, f"not valid JSON (line {err.lineno}, column {err.colno}: {err.msg})")
            return
        records = data if isinstance(data, list) else [data]
        for i, record in enumerate(records):
            yield from _record(record, f"{origin}[{i}]", f"{stem}-{i}")
        return
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield InputProblem(f"{origin}:{lineno}", f"not valid JSON ({err.msg})")
            continue
        yield from _record(record, f"{origin}:{lineno}", f"{stem}-{lineno}")


def _record(record: Any, origin: str, default_id: str) -> Iterator[Item]:
    if not isinstance(record, dict):
        yield InputProblem(origin, f"a record must be a JSON object, not {type(record).__name__}")
        return
    text = next((record[k] for k in _TEXT_KEYS if isinstance(record.get(k), str)), None)
    if text is None:
        yield InputProblem(origin, 'record has no "text" or "content" string')
        return
    published = next((str(record[k]) for k in _DATE_KEYS if record.get(k)), None)
    doc_id = record.get("id", record.get("doc_id"))
    yield from _article(
        str(doc_id) if doc_id not in (None, "") else default_id, text, origin, published=published,
        url=_str_or_none(record.get("url")), publisher=_str_or_none(record.get("source")),
        title=_str_or_none(record.get("title")),
    )


def _str_or_none(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


def _read_html(html: str, origin: str, stem: str) -> Iterator[Item]:
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    result = trafilatura.bare_extraction(html, with_metadata=True, favor_recall=True)
    if result is None:
        yield InputProblem(origin, "no article text found in the HTML page")
        return
    fields = result if isinstance(result, dict) else result.as_dict()
    yield from _article(stem, fields.get("text") or "", origin, published=fields.get("date"),
                        url=fields.get("url"), title=fields.get("title"),
                        publisher=fields.get("sitename"))
