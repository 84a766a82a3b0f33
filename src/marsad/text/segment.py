"""Split normalised text into sentences and tokens.

Works on `NormalisedText.text` (where ، is already , and curly quotes are "), and reports
normalised offsets; `Document` turns them into original ones.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import regex

from marsad.document import Document, Sentence, Token

# A run of sentence-final punctuation with any closing quotes or brackets after it, followed by
# white space or the end of the text. A dot inside "3.5" or "ان.بي.سي" is never followed by space.
_BOUNDARY = regex.compile(r'[.!?؟؛;…]+[")\]»\']*(?=\s|$)|\n')
# Beyond this many characters an unclosed quotation is taken to be a typo, not a long quote.
_LONGEST_QUOTE = 600

# stdlib re: about twice as fast as `regex` here, and [^\W\d_] is "a letter" in both scripts
_TOKEN = re.compile(r"\d+(?:[.,:/]\d+)*|[^\W\d_]+|\S")


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of the normalised text: a sentence or a token."""

    start: int
    end: int


def _is_initial(text: str, start: int, dot: int) -> bool:
    """A lone letter before a dot is an abbreviation or an initial (د. for doctor, J. Smith)."""
    if text[dot] != "." or dot - 1 < start or not text[dot - 1].isalpha():
        return False
    return dot - 2 < start or not text[dot - 2].isalpha()


def _inside_quote(text: str, start: int, end: int) -> bool:
    """Is position `end` inside a quotation opened after `start` (in the same paragraph)?"""
    chunk = text[start:end]
    if len(chunk) > _LONGEST_QUOTE:
        chunk = chunk[-_LONGEST_QUOTE:]
    guillemets = chunk.count("«") - chunk.count("»")
    return guillemets > 0 or chunk.count('"') % 2 == 1


def split_sentences(text: str) -> list[Piece]:
    """Sentences of `text`, trimmed of surrounding white space; empty stretches are dropped."""
    pieces: list[Piece] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if m.group() != "\n":
            if _is_initial(text, start, m.start()):
                continue
            if _inside_quote(text, start, m.start()):
                continue
        _add_trimmed(text, start, m.end(), pieces)
        start = m.end()
    _add_trimmed(text, start, len(text), pieces)
    return pieces


def _add_trimmed(text: str, start: int, end: int, pieces: list[Piece]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        pieces.append(Piece(start, end))


def segment(doc: Document) -> None:
    """Pipeline stage: fill `doc.sentences`."""
    for index, piece in enumerate(split_sentences(doc.norm.text)):
        start, end = doc.span(piece.start, piece.end)
        doc.sentences.append(Sentence(index, start, end, piece.start, piece.end))


def tokenise(doc: Document) -> list[Token]:
    """The tokens of every sentence of `doc`, with original and normalised offsets."""
    span, tokens = doc.span, []
    for sentence, words in zip(doc.sentences, sentence_words(doc)):
        for nstart, nend, norm in words:
            start, end = span(nstart, nend)
            tokens.append(Token(start, end, nstart, nend, norm, sentence.index))
    return tokens


Word = tuple[int, int, str]  # normalised start, end, and the normalised word


def sentence_words(doc: Document) -> list[list[Word]]:
    """(normalised start, end, word) of the tokens of each sentence: `tokenise` without the
    original offsets, which cost more to find than the tokens themselves."""
    return [_words(doc.norm.text, s.nstart, s.nend) for s in doc.sentences]


def _words(text: str, start: int, end: int) -> list[Word]:
    # findall and a walk with str.find: a third faster than three calls on each match object
    words, find = [], text.find
    for word in _TOKEN.findall(text, start, end):
        start = find(word, start)
        words.append((start, start + len(word), word))
        start += len(word)
    return words
