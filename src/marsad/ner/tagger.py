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

from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path

import numpy as np
import pycrfsuite

from marsad.ner.features import (OFFSETS, PreparedDocument, cue_key, edge_features, neighbour_features,
                                 prepare, word_features)

MODEL_PATH = Path(__file__).parent.parent / "models" / "ner.crfsuite"
_CACHED_WORDS = 200_000  # beyond this many distinct words the cache starts again


class Tagger:
    """A CRF model read once; `tag_document` labels the sentences of one document."""

    def __init__(self, path: Path = MODEL_PATH) -> None:
        model = pycrfsuite.Tagger()
        model.open(str(path))
        dump = model.info()
        self.labels = sorted(dump.labels, key=lambda label: int(dump.labels[label]))
        index = {label: i for i, label in enumerate(self.labels)}
        self._weights: dict[str, np.ndarray] = {}
        for (attribute, label), weight in dump.state_features.items():
            self._weights.setdefault(attribute, np.zeros(len(self.labels)))[index[label]] = weight
        self._transitions = np.zeros((len(self.labels), len(self.labels)))
        for (before, after), weight in dump.transitions.items():
            self._transitions[index[before], index[after]] = weight
        self._words: dict[str, np.ndarray] = {}
        self._zero = np.zeros(len(self.labels))
        self._outside = index["O"]

    def tag_document(self, sentences: Sequence[Sequence[str]], normalised: bool = False) -> list[list[str]]:
        """The label of every word of every sentence (words as written, or `normalised`)."""
        doc = prepare(sentences, normalised)
        cues = {key: self._sum(found) for key, found in doc.cues.items()}
        scores = [self._scores(words, marks, cues) for words, marks in zip(doc.words, doc.marks) if words]
        paths = iter(self._viterbi(scores))
        return [[self.labels[i] for i in next(paths)] if words else [] for words in doc.words]

    def tag(self, words: Sequence[str]) -> list[str]:
        """The labels of the words of one sentence read on its own."""
        return self.tag_document([words])[0]

    def looks_like_a_name(self, word: str) -> bool:
        """Do the word's own features (not its neighbours') favour some entity label over O?"""
        own = self._word(word)[0]
        return int(own.argmax()) != self._outside

    def _sum(self, attributes: Iterable[str]) -> np.ndarray:
        total = np.zeros(len(self.labels))
        for attribute in attributes:
            weight = self._weights.get(attribute)
            if weight is not None:
                total += weight
        return total

    def _word(self, word: str) -> np.ndarray:
        """One row per role a word plays: itself, then the neighbour at each of OFFSETS."""
        rows = self._words.get(word)
        if rows is None:
            if len(self._words) >= _CACHED_WORDS:
                self._words.clear()
            near = neighbour_features(word)
            rows = np.stack([self._sum(word_features(word))] +
                            [self._sum([f"{offset:+d}:{f}" for f in near]) for offset in OFFSETS])
            self._words[word] = rows
        return rows

    def _scores(self, words: list[str], marks: list[list[str]], cues: dict[str, np.ndarray]) -> np.ndarray:
        """The score of each label for each word of a sentence (before transitions)."""
        size = len(words)
        rows = np.stack([self._word(w) for w in words])  # (words, 1 + offsets, labels)
        scores = rows[:, 0] + np.stack([cues.get(cue_key(w), self._zero) for w in words])
        for k, offset in enumerate(OFFSETS, 1):
            if offset < 0:
                scores[-offset:] += rows[:offset, k]  # word i - |offset| seen from word i
            else:
                scores[:-offset] += rows[offset:, k]
        for i in {0, 1, size - 2, size - 1} - {-1, size}:
            scores[i] += self._sum(edge_features(i, size))
        for i, found in enumerate(marks):
            if found:
                scores[i] += self._sum(found)
        return scores

    def _viterbi(self, scores: list[np.ndarray]) -> list[list[int]]:
        """The best label sequence of every sentence, all sentences stepped through together."""
        if not scores:
            return []
        lengths = np.array([len(s) for s in scores])
        longest, count, labels = int(lengths.max()), len(scores), len(self.labels)
        padded = np.zeros((count, longest, labels))
        for i, s in enumerate(scores):
            padded[i, :len(s)] = s
        best = padded[:, 0].copy()
        back = np.zeros((count, longest, labels), dtype=np.intp)
        for t in range(1, longest):
            candidates = best[:, :, None] + self._transitions[None]
            back[:, t] = candidates.argmax(axis=1)
            stepped = candidates.max(axis=1) + padded[:, t]
            best = np.where((t < lengths)[:, None], stepped, best)
        rows = np.arange(count)
        paths = np.zeros((count, longest), dtype=np.intp)
        paths[rows, lengths - 1] = best.argmax(axis=1)
        for t in range(longest - 1, 0, -1):
            inside = t <= lengths - 1
            paths[:, t - 1] = np.where(inside, back[rows, t, paths[:, t]], paths[:, t - 1])
        return [paths[i, :n].tolist() for i, n in enumerate(lengths)]


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
