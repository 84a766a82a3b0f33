"""Label the words of a document with the shipped NER model (B-/I- PERS, LOC, ORG, MISC, or O).

The model is a linear-chain CRF trained with CRFsuite (`marsad.ner.train`). Tagging does not go
through CRFsuite's tagger: that looks up ~60 feature strings per word, every time, which costs
more than the rest of marsad together. A word's own features and its features as a neighbour
depend on the word alone, so their summed weights are computed once per distinct word (from
parts shared with other words: its stem, its class) and cached; scoring the words of a
document's sentences and Viterbi then run as one compiled loop (numba). `tests/test_ner.py`
checks that this gives the labels CRFsuite gives.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache
from itertools import compress, count, repeat
from pathlib import Path
from typing import TypeVar

import numpy as np
import pycrfsuite

from marsad.ner.features import (OFFSETS, Marks, edge_feature, neighbour_stem_features, prepare,
                                 stem_features, stem_of, word_class)

MODEL_PATH = Path(__file__).parent.parent / "models" / "ner.crfsuite"
_CACHED_WORDS = 200_000  # beyond this many distinct words the least used half is forgotten
_BATCH_WORDS = 20_000
_OFFSETS = np.array(OFFSETS)  # as the compiled decoder takes them
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
        self._cache = _WordCache(len(self.labels))
        self._stems: dict[str, np.ndarray] = {}  # the rows of a stem's features, of a class's
        self._classes: dict[tuple[str, ...], np.ndarray] = {}
        self._sums: dict[tuple[str, ...], np.ndarray] = {}
        self._outside = index["O"]
        self._edges = np.stack([self._sum([edge_feature(offset)]) for offset in OFFSETS])

    def tag_document(self, sentences: Sequence[Sequence[str]], normalised: bool = False,
                     marks: Marks | None = None) -> list[list[str]]:
        """The label of every word of every sentence (words as written, or `normalised`);
        `marks`: the lexicon marks of the words, when the caller has them (`marks_from_hits`)."""
        return [[self.labels[i] for i in path] for path in self._paths(sentences, normalised, marks)]

    def find_names(self, sentences: Sequence[Sequence[str]], normalised: bool = False,
                   marks: Marks | None = None) -> list[list[tuple[int, int, str]]]:
        """`entity_spans` of each sentence's labels (`tag_document`): most sentences have none,
        and are passed over without their labels spelled out."""
        outside, labels = self._outside, self.labels
        return [named_spans((i, labels[path[i]]) for i in compress(count(), map(outside.__ne__, path)))
                for path in self._paths(sentences, normalised, marks)]

    def _paths(self, sentences: Sequence[Sequence[str]], normalised: bool, marks: Marks | None) -> list[list[int]]:
        """The best labels of each sentence, as indices into `labels`."""
        doc = prepare(sentences, normalised, marks)
        cues = {key: self._sum(found) for key, found in doc.cues.items()}
        pieces = [(n, words[i:i + _LONGEST], word_marks[i:i + _LONGEST])
                  for n, (words, word_marks) in enumerate(zip(doc.words, doc.marks))
                  for i in range(0, max(len(words), 1), _LONGEST)]
        paths: list[list[int]] = [[] for _ in doc.words]
        for batch in _batches(pieces):
            for (n, _, _), path in zip(batch, self._label_batch(batch, cues)):
                paths[n].extend(path)
        return paths

    def tag(self, words: Sequence[str]) -> list[str]:
        """The labels of the words of one sentence read on its own."""
        return self.tag_document([words])[0]

    def looks_like_a_name(self, word: str) -> bool:
        """Do the word's own features (not its neighbours') favour some entity label over O?"""
        return int(self._cache.table[self._word_indices([word])[0], 0].argmax()) != self._outside

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

    def _word_indices(self, words: list[str]) -> list[int]:
        """Where each word's rows are in the cache's table. Words not seen before are added, all
        in one go; when the cache is full, the half of it least recently used goes."""
        cache = self._cache
        rows = list(map(cache.index.get, words, repeat(-1)))
        if -1 in rows:
            if len(cache.words) + len(words) > _CACHED_WORDS:
                cache.forget_least_used(_CACHED_WORDS // 2)
            self._add_words([w for w in dict.fromkeys(words) if w not in cache.index])
            rows = list(map(cache.index.__getitem__, words))
        cache.touch(rows)
        return rows

    def _add_words(self, words: list[str]) -> None:
        """Sum the new words' rows from their three parts (see `features`): the word's own
        weights, and its stem's and its class's, which most new words share with words met
        before."""
        stems, classes = [stem_of(w) for w in words], [word_class(w) for w in words]
        self._add_parts(self._stems, stems, lambda stem: (stem_features(stem), neighbour_stem_features(stem)))
        self._add_parts(self._classes, classes, lambda found: (found, found))
        absent = [len(self._attributes)] * len(OFFSETS)
        names = [f"w={w}" for w in words]
        own = [[self._attributes.get(name, absent[0]), *self._near.get(name, absent)] for name in names]
        sums = self._weights[own]  # (words, 1 + len(OFFSETS), labels)
        sums += np.stack([self._stems[s] for s in stems]) + np.stack([self._classes[c] for c in classes])
        self._cache.add(words, stems, sums)

    def _add_parts(self, cache: dict, keys: list, features: Callable[[T], tuple[Sequence[str], Sequence[str]]]) -> None:
        """Sum and keep the rows of the keys (stems or classes) not in `cache`: their features
        as the token, and as the neighbour at each offset."""
        new = list(dict.fromkeys(k for k in keys if k not in cache))
        if not new:
            return
        if len(cache) + len(new) > _CACHED_WORDS:
            cache.clear()  # rare: most words share a stem, and classes are few
            new = list(dict.fromkeys(keys))
        absent, segments = len(self._attributes), []
        for key in new:
            own, near = features(key)
            segments.append(self._rows(own))
            found = [self._near.get(f) for f in near]
            for k in range(len(OFFSETS)):
                segments.append([rows[k] for rows in found if rows is not None] or [absent])
        starts = np.cumsum([0] + [len(rows) for rows in segments[:-1]])
        sums = np.add.reduceat(self._weights[[r for rows in segments for r in rows]], starts, axis=0)
        cache.update(zip(new, sums.reshape(len(new), 1 + len(OFFSETS), len(self.labels))))

    def _label_batch(self, batch: list[tuple[int, list[str], list[tuple[str, ...]]]],
                     cues: dict[str, np.ndarray]) -> list[list[int]]:
        """The best label sequence of each sentence of the batch (as label indices)."""
        words = [w for _, piece, _ in batch for w in piece]
        lengths = np.array([len(piece) for _, piece, _ in batch])
        starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
        rows = self._word_indices(words)
        # what is not the words' own: the lexicon marks on a word and its document cues. Few
        # words have either, so they are picked out first (compress and map step in C).
        extra = np.zeros((len(words), len(self.labels)))
        marks = [found for _, _, piece in batch for found in piece]
        marked = list(compress(count(), marks))
        if marked:
            extra[marked] += np.stack([self._sum(marks[i]) for i in marked])
        stems = list(map(self._cache.stems.__getitem__, rows))
        cued = list(compress(count(), map(cues.__contains__, stems)))
        if cued:
            extra[cued] += np.stack([cues[stems[i]] for i in cued])
        flat = _decoder()(self._cache.table, np.array(rows), extra, starts, lengths, _OFFSETS, self._edges,
                          self._transitions).tolist()
        return [flat[start:start + size] for start, size in zip(starts.tolist(), lengths.tolist())]


class _WordCache:
    """The summed weights of the words met so far: for each, one row per role it plays (itself,
    then the neighbour at each of OFFSETS), with its stem and when it was last used."""

    def __init__(self, labels: int) -> None:
        self.index: dict[str, int] = {}  # word → its place in the table
        self.words: list[str] = []
        self.stems: list[str] = []
        # float32: half the memory; the tests, 2,000 articles' output and the dev-split scores
        # are the same as with float64
        self.table = np.zeros((4096, 1 + len(OFFSETS), labels), dtype=np.float32)
        self.used = np.zeros(4096, dtype=np.int64)
        self.clock = 0

    def add(self, words: list[str], stems: list[str], rows: np.ndarray) -> None:
        first = len(self.words)
        if first + len(words) > len(self.table):
            size = max(2 * len(self.table), first + len(words))
            self.table = np.concatenate([self.table, np.zeros((size - len(self.table), *self.table.shape[1:]), self.table.dtype)])
            self.used = np.concatenate([self.used, np.zeros(size - len(self.used), dtype=np.int64)])
        self.table[first:first + len(words)] = rows
        self.index.update(zip(words, range(first, first + len(words))))
        self.words.extend(words)
        self.stems.extend(stems)

    def touch(self, places: list[int]) -> None:
        self.clock += 1
        self.used[places] = self.clock

    def forget_least_used(self, keep: int) -> None:
        """Keep only the `keep` words used most recently: frequent words stay, one-off names go."""
        kept = np.sort(np.argsort(-self.used[:len(self.words)], kind="stable")[:keep])
        self.table[:len(kept)] = self.table[kept]
        self.used[:len(kept)] = self.used[kept]
        self.words = [self.words[i] for i in kept.tolist()]
        self.stems = [self.stems[i] for i in kept.tolist()]
        self.index = dict(zip(self.words, range(len(self.words))))


@cache
def _decoder() -> Callable[..., np.ndarray]:
    """`_decode` compiled by numba, its machine code kept beside this module (or in the user's
    cache) so that only the first run pays the second it takes; where neither can be written,
    compiled afresh in each process. numba is imported here, not with marsad: it takes half a
    second and 120 MB, which runs without the model need not pay."""
    import numba

    try:
        return numba.njit(cache=True)(_decode)
    except RuntimeError:  # numba found nowhere to keep it
        return numba.njit(_decode)


def _decode(table: np.ndarray, at: np.ndarray, extra: np.ndarray, starts: np.ndarray, lengths: np.ndarray,
            offsets: np.ndarray, edges: np.ndarray, transitions: np.ndarray) -> np.ndarray:  # pragma: no cover
    """Score every word of every sentence and find each sentence's best labels (Viterbi).

    `table[at[i]]` holds word i's rows (its own, then as the neighbour at each offset); `extra`
    its marks and cues; `edges[k]` the weights of "offset k lies just outside the sentence".
    Compiled, since stepping through words one by one is what Python does slowest."""
    size = transitions.shape[0]
    labels = np.empty(len(at), np.int64)
    back = np.empty((len(at), size), np.int64)
    score, best, step = np.empty(size), np.empty(size), np.empty(size)
    for sentence in range(len(starts)):
        first, length = starts[sentence], lengths[sentence]
        for t in range(length):
            i = first + t
            for y in range(size):
                score[y] = table[at[i], 0, y] + extra[i, y]
            for k in range(len(offsets)):
                j = t + offsets[k]
                if 0 <= j < length:
                    for y in range(size):
                        score[y] += table[at[first + j], k + 1, y]
                elif j == -1 or j == length:
                    for y in range(size):
                        score[y] += edges[k, y]
            if t == 0:
                best[:] = score
                continue
            for y in range(size):
                top, came = best[0] + transitions[0, y], 0
                for x in range(1, size):
                    if best[x] + transitions[x, y] > top:
                        top, came = best[x] + transitions[x, y], x
                step[y] = top + score[y]
                back[i, y] = came
            best[:] = step
        label = 0
        for y in range(1, size):
            if best[y] > best[label]:
                label = y
        for t in range(length - 1, -1, -1):
            labels[first + t] = label
            label = back[first + t, label]
    return labels


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
    return named_spans((i, tag) for i, tag in enumerate(tags) if tag != "O")


def named_spans(tagged: Iterable[tuple[int, str]]) -> list[tuple[int, int, str]]:
    """`entity_spans` from the (position, tag) of the words not tagged O, in order: most words
    are O, and are never visited."""
    spans: list[tuple[int, int, str]] = []
    start, kind, last = None, "", -2
    for i, tag in tagged:
        prefix, _, label = tag.partition("-")
        if prefix not in ("B", "I"):
            continue  # no tag of an entity: as O
        if start is not None and (i != last + 1 or prefix != "I" or label != kind):
            spans.append((start, last + 1, kind))
            start = None
        if start is None:
            start, kind = i, label
        last = i
    if start is not None:
        spans.append((start, last + 1, kind))
    return spans
