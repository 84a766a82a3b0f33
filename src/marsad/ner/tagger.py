"""Label the words of a document with the shipped NER model (B-/I- PERS, LOC, ORG, MISC, or O).

The model is a linear-chain CRF trained with CRFsuite (`marsad.ner.train`). Tagging does not go
through CRFsuite's tagger: that looks up ~60 feature strings per word, every time, which costs
more than the rest of marsad together. A word's own features and its features as a neighbour
depend on the word alone, so their summed weights are computed once per distinct word and
cached as one vector each; a sentence's scores are then a few array additions, and Viterbi runs
over all the sentences of a document at once. `tests/test_ner.py` checks that this gives the
labels CRFsuite gives.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import TypeVar

import numpy as np
import pycrfsuite

from marsad.ner.features import (OFFSETS, cue_key, edge_feature, neighbour_features,
                                 prepare, word_features)

MODEL_PATH = Path(__file__).parent.parent / "models" / "ner.crfsuite"
_CACHED_WORDS = 100_000  # beyond this many distinct words the cache starts again
_GAP = max(OFFSETS)  # empty slots between sentences
_BATCH_WORDS = 20_000
_LONGEST = 1_000  # a "sentence" longer than this (a text without full stops) is tagged in pieces
T = TypeVar("T")


class Tagger:
    """A CRF model read once; `tag_document` labels the sentences of one document."""

    def __init__(self, path: Path = MODEL_PATH) -> None:
        model = pycrfsuite.Tagger()
        model.open(str(path))
        dump = model.info()
        self.labels = sorted(dump.labels, key=lambda label: int(dump.labels[label]))
        index = {label: i for i, label in enumerate(self.labels)}
        self._attributes: dict[str, int] = {}  # attribute → its row of weights
        for attribute, _ in dump.state_features:
            self._attributes.setdefault(attribute, len(self._attributes))
        # "-1:w=X" is the neighbour feature w=X at offset -1: one lookup of w=X gives its rows at
        # every offset, and no string is built
        absent = len(self._attributes)
        self._near: dict[str, list[int]] = {}
        for attribute, row in self._attributes.items():
            offset, _, feature = attribute.partition(":")
            if offset.lstrip("+-").isdigit() and int(offset) in OFFSETS:
                self._near.setdefault(feature, [absent] * len(OFFSETS))[OFFSETS.index(int(offset))] = row
        self._weights = np.zeros((len(self._attributes) + 1, len(self.labels)))  # the last row: zeros
        for (attribute, label), weight in dump.state_features.items():
            self._weights[self._attributes[attribute], index[label]] = weight
        self._transitions = np.zeros((len(self.labels), len(self.labels)))
        for (before, after), weight in dump.transitions.items():
            self._transitions[index[before], index[after]] = weight
        self._words: dict[str, np.ndarray] = {}
        self._sums: dict[tuple[str, ...], np.ndarray] = {}
        self._zero = np.zeros(len(self.labels))
        self._outside = index["O"]

    def tag_document(self, sentences: Sequence[Sequence[str]], normalised: bool = False,
                     marks: list[list[list[str]]] | None = None) -> list[list[str]]:
        """The label of every word of every sentence (words as written, or `normalised`);
        `marks`: the lexicon marks of the words, when the caller has them (`marks_from_hits`)."""
        doc = prepare(sentences, normalised, marks)
        cues = {key: self._sum(found) for key, found in doc.cues.items()}
        pieces = [(n, words[i:i + _LONGEST], word_marks[i:i + _LONGEST])
                  for n, (words, word_marks) in enumerate(zip(doc.words, doc.marks))
                  for i in range(0, max(len(words), 1), _LONGEST)]
        labels: list[list[str]] = [[] for _ in doc.words]
        for batch in _batches(pieces):
            for (n, _, _), path in zip(batch, self._viterbi(self._scores(batch, cues))):
                labels[n].extend(self.labels[i] for i in path)
        return labels

    def tag(self, words: Sequence[str]) -> list[str]:
        """The labels of the words of one sentence read on its own."""
        return self.tag_document([words])[0]

    def looks_like_a_name(self, word: str) -> bool:
        """Do the word's own features (not its neighbours') favour some entity label over O?"""
        own = self._word_rows([word])[0, 0]
        return int(own.argmax()) != self._outside

    def _sum(self, attributes: Sequence[str]) -> np.ndarray:
        """The summed weights of the attributes, for each label (the same few lexicon marks and
        cues recur in every article, so their sums are kept)."""
        key = tuple(attributes)
        total = self._sums.get(key)
        if total is None:
            if len(self._sums) >= _CACHED_WORDS:
                self._sums.clear()
            total = self._sums[key] = self._weights[self._rows(attributes)].sum(axis=0)
        return total

    def _rows(self, attributes: Iterable[str]) -> list[int]:
        absent = len(self._attributes)
        return [self._attributes.get(a, absent) for a in attributes] or [absent]

    def _word_rows(self, words: list[str]) -> np.ndarray:
        """For each word, one row of summed weights per role it plays: itself, then the
        neighbour at each of OFFSETS. Words not seen before are summed all in one go."""
        new = [w for w in dict.fromkeys(words) if w not in self._words]
        if len(self._words) + len(new) > _CACHED_WORDS:
            self._words.clear()
            new = list(dict.fromkeys(words))
        if new:
            self._add_words(new)
        return np.stack([self._words[w] for w in words])

    def _add_words(self, words: list[str]) -> None:
        absent, segments = len(self._attributes), []
        for word in words:
            segments.append(self._rows(word_features(word)))
            near = [self._near.get(f) for f in neighbour_features(word)]
            for k in range(len(OFFSETS)):
                segments.append([rows[k] for rows in near if rows is not None] or [absent])
        starts = np.cumsum([0] + [len(rows) for rows in segments[:-1]])
        sums = np.add.reduceat(self._weights[[r for rows in segments for r in rows]], starts, axis=0)
        for word, rows in zip(words, sums.reshape(len(words), 1 + len(OFFSETS), len(self.labels))):
            self._words[word] = rows

    def _scores(self, batch: list[tuple[int, list[str], list[list[str]]]], cues: dict[str, np.ndarray]) -> list[np.ndarray]:
        """The score of each label for each word of each sentence (before transitions).

        The words of all sentences are laid end to end with two empty slots around each
        sentence, so that shifting by an offset never reaches into the next sentence."""
        sentences = [words for _, words, _ in batch]
        marks = [m for _, _, m in batch]
        starts, position = [], _GAP
        for words in sentences:
            starts.append(position)
            position += len(words) + _GAP
        slots = np.zeros((position, 1 + len(OFFSETS), len(self.labels)))
        where = np.concatenate([np.arange(start, start + len(words)) for start, words in zip(starts, sentences)])
        flat = [w for words in sentences for w in words]
        slots[where] = self._word_rows(flat)
        scores = slots[:, 0].copy()
        for k, offset in enumerate(OFFSETS, 1):  # the word at i + offset, seen from the word at i
            if offset < 0:
                scores[-offset:] += slots[:offset, k]
            else:
                scores[:-offset] += slots[offset:, k]
        if cues:
            scores[where] += np.stack([cues.get(cue_key(w), self._zero) for w in flat])
        self._add_edges(scores, np.array(starts), np.array([len(words) for words in sentences]))
        for start, sentence_marks in zip(starts, marks):
            for i, found in enumerate(sentence_marks):
                if found:
                    scores[start + i] += self._sum(found)
        return [scores[start:start + len(words)] for start, words in zip(starts, sentences)]

    def _add_edges(self, scores: np.ndarray, starts: np.ndarray, sizes: np.ndarray) -> None:
        """"-1:edge" on a sentence's first word, "-2:edge" on its second, "+1:edge" on its last …"""
        for offset in OFFSETS:
            inside = -1 - offset if offset < 0 else sizes - offset  # the word whose i + offset is outside
            at = starts + inside
            valid = (inside >= 0) & (inside < sizes)
            scores[at[valid]] += self._sum([edge_feature(offset)])

    def _viterbi(self, scores: list[np.ndarray]) -> list[list[int]]:
        """The best label sequence of every sentence. The sentences are stepped through
        together, longest first, so the ones still running at a step are a prefix of the batch."""
        order = sorted(range(len(scores)), key=lambda i: -len(scores[i]))
        lengths = [len(scores[i]) for i in order]
        padded = np.zeros((lengths[0], len(order), len(self.labels)))
        for k, i in enumerate(order):
            padded[:lengths[k], k] = scores[i]
        running = np.searchsorted(-np.array(lengths), -np.arange(lengths[0]), side="left")
        best = padded[0].copy()
        back = np.zeros((lengths[0], len(order), len(self.labels)), dtype=np.intp)
        for t in range(1, lengths[0]):
            k = running[t]
            candidates = best[:k, :, None] + self._transitions
            back[t, :k] = candidates.argmax(axis=1)
            best[:k] = candidates.max(axis=1) + padded[t, :k]
        # back from each sentence's end: at step t the sentences at least t + 1 words long
        # are again a prefix, and a sentence's last label stays its best until t reaches it
        label = best.argmax(axis=1)
        paths = np.zeros((lengths[0], len(order)), dtype=np.intp)
        for t in range(lengths[0] - 1, 0, -1):
            k = running[t]
            paths[t, :k] = label[:k]
            label[:k] = back[t, np.arange(k), label[:k]]
        paths[0] = label
        columns = paths.T.tolist()
        ordered: list[list[int]] = [[] for _ in scores]
        for k, i in enumerate(order):
            ordered[i] = columns[k][:lengths[k]]
        return ordered


def _batches(pieces: list[T]) -> Iterator[list[T]]:
    """The non-empty (sentence, words, marks) pieces in runs of at most _BATCH_WORDS words, so
    that a huge article never needs arrays the size of all its words at once."""
    batch, size = [], 0
    for piece in pieces:
        if not piece[1]:
            continue
        if batch and size + len(piece[1]) > _BATCH_WORDS:
            yield batch
            batch, size = [], 0
        batch.append(piece)
        size += len(piece[1])
    if batch:
        yield batch


@cache
def tagger() -> Tagger:
    """The packaged model, read on first use."""
    return Tagger()


def entity_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """(first word, word after the last, type) of each entity in a B-/I- tag sequence; an I-
    without a B- before it starts an entity, as conlleval reads it."""
    spans: list[tuple[int, int, str]] = []
    start, kind = None, None
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, label = tag.partition("-")
        if start is not None and (prefix != "I" or label != kind):
            spans.append((start, i, kind or ""))
            start, kind = None, None
        if prefix == "B" or (prefix == "I" and start is None):
            start, kind = i, label
    return spans
