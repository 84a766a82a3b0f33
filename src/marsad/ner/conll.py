"""CoNLL files (one `token TAG` line a word, a blank line after each sentence) and tagging texts.

What `marsad ner` and `marsad.ner.train` share:

- `conll_sentences` is the one reader of CoNLL lines: the first column is the word, the last (if
  any) its tag; blank lines end sentences; a `-DOCSTART-` line, or a `# doc_id = …` comment as
  `tag_texts` writes it, starts a new document. `read_conll` is its (words, tags) view of a file.
- `tag_conll` labels the words of such lines and gives back one line per input line, so its
  output can be scored against the file's own tag column.
- `tag_text` labels the tokens of an article as marsad tokenises it; `format_sentences` writes
  them as CoNLL.
"""
from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import TypeVar

from marsad.document import Document
from marsad.ner.tagger import tagger
from marsad.read.decode import DecodeError, decode_bytes
from marsad.text.segment import segment

T = TypeVar("T")

DOCSTART = "-DOCSTART-"
DOC_ID_COMMENT = "# doc_id = "
# CoNLL files without document breaks: runs of this many sentences stand in for articles. On the
# dev split 40 scored best (F1 .723 at 20, .730 at 30 and 50, .736 at 40, .725 at 80).
DOCUMENT_SENTENCES = 40
# AQMAR writes PER and MIS0-3 where ANERcorp writes PERS and MISC.
_TYPE_NAMES = {"PER": "PERS", "MIS0": "MISC", "MIS1": "MISC", "MIS2": "MISC", "MIS3": "MISC", "MIS": "MISC"}


class ConllError(ValueError):
    """A CoNLL file cannot be read; the message names the file and says why in a few words."""


@dataclass(slots=True)
class ConllSentence:
    """A sentence of a CoNLL file: its words, their tags ("O" where a line has no tag column),
    the index of its first line, and the document (counted by breaks) it stands in."""

    words: list[str]
    tags: list[str]
    line: int
    document: int


def is_document_break(line: str) -> bool:
    """A `-DOCSTART-` line (CoNLL-2003) or a `# doc_id = …` comment (what `marsad ner --doc-ids` writes)."""
    return line.startswith(DOC_ID_COMMENT) or line.split(maxsplit=1)[:1] == [DOCSTART]


def conll_sentences(lines: Iterable[str]) -> Iterator[ConllSentence]:
    """The sentences of CoNLL lines (with or without their line ends)."""
    sentence: ConllSentence | None = None
    document = 0
    for index, line in enumerate(lines):
        cells = line.split()
        if not cells or is_document_break(line):
            if sentence is not None:
                yield sentence
                sentence = None
            if cells:
                document += 1
            continue
        if sentence is None:
            sentence = ConllSentence([], [], index, document)
        sentence.words.append(cells[0])
        sentence.tags.append(_tag(cells[-1]) if len(cells) > 1 else "O")
    if sentence is not None:
        yield sentence


def read_conll(path: Path | str) -> Iterator[tuple[list[str], list[str]]]:
    """(words, tags) of each sentence of a `token TAG` file."""
    with open(path, encoding="utf-8") as f:
        for sentence in conll_sentences(f):
            yield sentence.words, sentence.tags


def _tag(tag: str) -> str:
    if tag == "O" or "-" not in tag:
        return "O"
    prefix, kind = tag.split("-", 1)
    return f"{prefix}-{_TYPE_NAMES.get(kind, kind)}"


def as_documents(sentences: Sequence[T]) -> list[Sequence[T]]:
    """CoNLL files keep no article boundaries; runs of consecutive sentences stand in for the
    articles the document-level features need."""
    return [sentences[i:i + DOCUMENT_SENTENCES] for i in range(0, len(sentences), DOCUMENT_SENTENCES)]


def conll_documents(sentences: Sequence[ConllSentence]) -> list[Sequence[ConllSentence]]:
    """The documents the file's breaks mark, each cut into runs of `DOCUMENT_SENTENCES` as in training."""
    return [run for _, group in groupby(sentences, key=lambda s: s.document) for run in as_documents(list(group))]


def read_conll_lines(path: Path | str) -> list[str]:
    """The lines of a CoNLL file ("-": standard input), without their line ends; a missing,
    binary or non-UTF-8 file raises ConllError."""
    if str(path) == "-":
        data, path = sys.stdin.buffer.read(), "<stdin>"
    else:
        try:
            data = Path(path).read_bytes()
        except FileNotFoundError:
            raise ConllError(f"{path}: no such file") from None
        except IsADirectoryError:
            raise ConllError(f"{path}: is a folder, not a CoNLL file") from None
        except OSError as err:
            raise ConllError(f"{path}: cannot be read ({err.strerror or err})") from None
    try:
        text = decode_bytes(data)
    except DecodeError as err:
        raise ConllError(f"{path}: {err}") from None
    # split on line feeds only: str.splitlines would also split on \x0b, \x1c, \u2028 … and so
    # misalign the output with what other tools read as lines
    lines = [line.removesuffix("\r") for line in text.split("\n")]
    if lines and lines[-1] == "":
        lines.pop()  # the line end after the last line
    if not any(line.strip() and not is_document_break(line) for line in lines):
        raise ConllError(f"{path}: empty: no token lines")
    return lines


def tag_conll(lines: Sequence[str]) -> list[str]:
    """One output line per input line: `word<TAB>TAG` for a word line (its first column), an
    empty line for a blank one, `-DOCSTART-<TAB>O` for a -DOCSTART- line, and a `# doc_id`
    comment as it is. Sentences are tagged by document, as the model was trained."""
    out = [_break_line(line) for line in lines]  # word lines are filled in below
    sentences = list(conll_sentences(lines))
    for document in conll_documents(sentences):
        labels = tagger().tag_document([s.words for s in document])
        for sentence, tags in zip(document, labels):
            for k, (word, tag) in enumerate(zip(sentence.words, tags)):
                out[sentence.line + k] = f"{word}\t{tag}"
    return out


def tag_conll_file(path: Path | str) -> list[str]:
    """`tag_conll` of a file's lines; ConllError if it cannot be read."""
    return tag_conll(read_conll_lines(path))


def _break_line(line: str) -> str:
    if not line.strip():
        return ""
    return line if line.startswith(DOC_ID_COMMENT) else f"{DOCSTART}\tO"


def tag_text(text: str) -> list[list[tuple[str, str]]]:
    """The (token, tag) pairs of each sentence of an article, tokens as marsad reads them
    (sentences and tokens of `marsad.text.segment`) and written as in `text`; tagged as the
    pipeline tags them (`marsad.recognise.unlisted`)."""
    doc = Document(text)
    segment(doc)
    sentences = [list(tokens) for _, tokens in groupby(doc.tokens, key=lambda t: t.sentence)]
    labels = tagger().tag_document([[t.norm for t in tokens] for tokens in sentences], normalised=True)
    return [[(_written(doc.text[t.start:t.end]), tag) for t, tag in zip(tokens, tags)]
            for tokens, tags in zip(sentences, labels)]


def _written(token: str) -> str:
    """A token as written, never empty and without white space, so that it stays one column."""
    return "".join(token.split()) or "_"


def format_sentences(sentences: Iterable[Sequence[tuple[str, str]]], doc_id: str | None = None) -> str:
    """CoNLL text: `token<TAB>TAG` lines, a blank line after each sentence; with `doc_id`, a
    `# doc_id = …` line first."""
    lines = [f"{DOC_ID_COMMENT}{' '.join(doc_id.split())}"] if doc_id is not None else []
    for sentence in sentences:
        lines.extend(f"{token}\t{tag}" for token, tag in sentence)
        lines.append("")
    return "\n".join(lines) + "\n" if lines else ""
