"""CRF features of the words of a sentence.

A word's own features depend only on the word, so they are computed once per distinct word and
cached; a token's features are its own, its neighbours' (renamed by position) and the lexicon
marks that fall on it. That keeps tagging cheap enough to run on every article.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, count

from marsad.lexicons import read_words
from marsad.lexicons.gazetteer import gazetteer
from marsad.resolve.names import name_parts
from marsad.text.clitics import CONJUNCTIONS
from marsad.text.normalise import normalise_word
from marsad.text.phrases import PhraseHit, longest

_DIGIT = re.compile("[0-9]")
_NOT_DIGIT = re.compile("[^0-9]")


def _shape(word: str) -> str:
    if not word:
        return "empty"
    if not _NOT_DIGIT.search(word):
        return "digits"
    if _DIGIT.search(word):
        return "hasdigit"
    if word.isascii() and word.isalpha():
        return "latin"
    if not word[0].isalnum():
        return "punct"
    return "arabic"


# the Arabic block's letters as consonants (C), its long vowels as V
_SKELETON = str.maketrans({chr(c): "C" for c in range(0x0600, 0x0700)} | dict.fromkeys("اوي", "V"))


def _skeleton(stem: str) -> str:
    """Consonants and long vowels (فولكسفاغن → CVCCCCVCC): Arabic words follow a few patterns,
    borrowed names do not."""
    if not stem.isalpha() or stem.isascii():
        return "-"
    skeleton = stem[:10].translate(_SKELETON)
    if skeleton.strip("CV"):  # a letter from outside the Arabic block
        skeleton = "".join("V" if c == "V" else "C" for c in skeleton)
    return skeleton


def _proclitic_forms() -> dict[str, bool]:
    """Every proclitic string a stem may follow (و، بال، فلل، وس …), and whether it ends in the
    future particle س, which only comes before a verb's person prefix (ي ت ن ا)."""
    forms: dict[str, bool] = {}
    for conjunction in CONJUNCTIONS:
        for particle in ("", "ب", "ل", "ك", "س"):
            base = conjunction + particle
            # بال، وال: the article after a particle; لل: ل + ال with the alef dropped
            readings = [base] if particle == "س" else [base, base + "ال"] + [base + "ل"] * base.endswith("ل")
            for form in filter(None, readings):
                forms[form] = forms.get(form, True) and particle == "س"
    return forms


_PROCLITIC_FORMS = _proclitic_forms()
_LONGEST_PROCLITIC = max(map(len, _PROCLITIC_FORMS))


@lru_cache(maxsize=50_000)
def _stem(word: str) -> tuple[str, str]:
    """(proclitics, stem) of the reading of `clitics.analyse` with the shortest stem (of two
    letters at least) and no pronoun suffix (والبنك → وال + بنك), found directly: analysing
    every new word in full costs more than the rest of its features together."""
    for size in range(min(_LONGEST_PROCLITIC, len(word) - 2), 0, -1):
        future = _PROCLITIC_FORMS.get(word[:size])
        if future is not None and (not future or word[size] in "يتنا"):
            return word[:size], word[size:]
    return "", word


@lru_cache(maxsize=1)
def person_titles() -> frozenset[str]:
    """person_titles.txt: honorifics and professions written before a name (الفنانة، الحارس)."""
    return frozenset(normalise_word(w) for w in read_words("person_titles.txt"))


def _name_flags(word: str, stem: str) -> list[str]:
    """What the name lists say of a word: a given or family name, or a title before names."""
    flags = []
    if word in name_parts() or stem in name_parts():
        flags.append("given")
    if word in person_titles() or "ال" + stem in person_titles():
        flags.append("title")
    return flags


# A word's features fall in three parts, which the tagger sums and caches apart: the word
# itself (w=), its class (proclitics, shape, article, name-list flags: a few hundred values in
# all) and its stem (the stem and its affixes, shared by وبالبنك، للبنك، البنك).

@lru_cache(maxsize=50_000)
def word_class(word: str) -> tuple[str, ...]:
    """The class features of a normalised word, the same as token and as neighbour. ("suf=" is
    constant: it once held a pronoun suffix the stem never has, and stays as the bias it became.)"""
    prefix, stem = _stem(word)
    found = [f"pre={prefix}", "suf=", f"shape={_shape(word)}"]
    if word.startswith("ال"):
        found.append("article")
    found.extend(_name_flags(word, stem))
    return tuple(found)


def stem_features(stem: str) -> tuple[str, ...]:
    """The stem features of a word, as the token being labelled."""
    own = [f"stem={stem}", f"len={min(len(stem), 8)}", f"cv={_skeleton(stem)}"]
    own.extend(f"p{n}={stem[:n]}" for n in (1, 2, 3, 4) if len(stem) > n)
    own.extend(f"s{n}={stem[-n:]}" for n in (1, 2, 3, 4) if len(stem) > n)
    return tuple(own)


def neighbour_stem_features(stem: str) -> tuple[str, ...]:
    """The stem features of a word, as seen from the word beside it."""
    return (f"stem={stem}", f"p2={stem[:2]}", f"s2={stem[-2:]}", f"s3={stem[-3:]}")


@lru_cache(maxsize=8192)  # the tagger keeps each word's weights; this serves training
def word_features(word: str) -> tuple[str, ...]:
    """The features of one normalised word, as the token being labelled."""
    return (f"w={word}", *word_class(word), *stem_features(stem_of(word)))


@lru_cache(maxsize=8192)
def neighbour_features(word: str) -> tuple[str, ...]:
    """The features of a word as seen from the word beside it."""
    return (f"w={word}", *word_class(word), *neighbour_stem_features(stem_of(word)))


OFFSETS = (-2, -1, 1, 2)  # the neighbours whose features a word gets
Marks = list[list[tuple[str, ...]]]  # for each word of each sentence, what the lexicons say of it


def lexicon_marks(sentences: Sequence[Sequence[str]]) -> Marks:
    """For each normalised word of each sentence, what the lexicons say of the phrase it stands
    in: B/I of a named entry (its kind and how it was named) or of an agent noun (الرئيس، وزير
    الخارجية), and whether such a phrase ends just before it or starts just after it."""
    starts, position = [], 0
    for words in sentences:
        starts.append([])
        for word in words:
            starts[-1].append(position)
            position += len(word) + 1
    # one pass over the whole document; a phrase never matches across the line breaks
    text = "\n".join(" ".join(words) for words in sentences)
    gaz = gazetteer()
    return marks_from_hits(starts, {"lex": gaz.names.find_all(text), "agent": gaz.agents.find_all(text)})


def marks_from_hits(starts: list[list[int]], hits: dict[str, list[PhraseHit]]) -> Marks:
    """`lexicon_marks` from matches made already: `starts` holds the offset of every word of
    every sentence in the text the matchers ran over; `hits` their `find_all` results."""
    marks: Marks = [[()] * len(words) for words in starts]
    filled = [s for s, words in enumerate(starts) if words]
    firsts = [starts[s][0] for s in filled]  # where each sentence starts
    for label in ("lex", "agent"):
        for hit in longest(hits.get(label, [])):
            n = bisect.bisect_right(firsts, hit.start) - 1
            if n < 0 or (n + 1 < len(firsts) and firsts[n + 1] < hit.end):
                continue  # before the first word, or runs past the sentence's end
            words, sentence = starts[filled[n]], marks[filled[n]]
            first, last = bisect.bisect_right(words, hit.start) - 1, bisect.bisect_right(words, hit.end - 1) - 1
            kind = _kind(label, hit.payloads)
            for i in range(first, last + 1):
                sentence[i] += (f"{label}={'B' if i == first else 'I'}-{kind}",)
            if first > 0:
                sentence[first - 1] += (f"{label}+1={kind}",)
            if last + 1 < len(sentence):
                sentence[last + 1] += (f"{label}-1={kind}",)
    return marks


def _kind(label: str, payloads: tuple) -> str:
    if label == "agent":
        return payloads[0].kind
    form = payloads[0]
    # a form that is also an everyday word (كان، اليوم، الأسد) is a weaker sign than a name
    return f"{form.entry.kind}:{form.role}{'?' if form.ambiguous else ''}"


@dataclass(frozen=True, slots=True)
class PreparedDocument:
    """A document's sentences as normalised words, with what the lexicons and the rest of the
    document say of each word: what both the trainer's feature strings and the tagger use."""

    words: list[list[str]]
    marks: Marks
    cues: dict[str, tuple[str, ...]]


def prepare(sentences: Sequence[Sequence[str]], normalised: bool = False,
            marks: Marks | None = None) -> PreparedDocument:
    """The words of a document's sentences, normalised unless they are already, with their
    lexicon marks (found here unless given) and cues."""
    words = [list(sentence) if normalised else [normalise_word(w) or w for w in sentence] for sentence in sentences]
    marks = marks if marks is not None else lexicon_marks(words)
    marks = [_with_quote_marks(w, m) for w, m in zip(words, marks)]
    return PreparedDocument(words, marks, _document_cues(words, marks))


_OPENING = {"«": "»", "“": "”", '"': '"'}
_QUOTES = frozenset(_OPENING) | frozenset(_OPENING.values())
_LONGEST_TITLE = 8  # words between quotation marks that may be a title (of a programme, a car)


def _with_quote_marks(words: list[str], marks: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """The marks, plus quote=B/I/L on the words of a short span between quotation marks: such
    spans are mostly titles, which ANERcorp labels MISC."""
    quotes = list(compress(count(), map(_QUOTES.__contains__, words)))
    spans, after = [], 0
    for n, i in enumerate(quotes):
        if i < after or words[i] not in _OPENING:
            continue
        end = next((j for j in quotes[n + 1:] if words[j] == _OPENING[words[i]]), None)
        if end is not None and i + 1 < end <= i + _LONGEST_TITLE + 1:
            spans.append((i + 1, end))
            after = end + 1
    if not spans:
        return marks
    marks = list(marks)
    for first, end in spans:
        for j in range(first, end):
            marks[j] += ("quote=B" if j == first else "quote=L" if j == end - 1 else "quote=I",)
    return marks


def document_features(sentences: Sequence[Sequence[str]]) -> list[list[list[str]]]:
    """The CRF features of each word of each sentence of one document (words as written).

    A word's features are its own (`word_features`), its neighbours' two either side
    (`neighbour_features`, named by offset: "-1:w=…", or "-1:edge" past the sentence's ends),
    the lexicon marks on it, and what the rest of the document says of it (`cue`): a surname
    standing alone is a person's where the article also wrote it after a given name."""
    doc = prepare(sentences)
    return [_sentence_features(words, marks, doc.cues) for words, marks in zip(doc.words, doc.marks)]


def sentence_features(words: Sequence[str]) -> list[list[str]]:
    """The CRF features of the words of a sentence read on its own."""
    return document_features([words])[0]


@lru_cache(maxsize=50_000)
def stem_of(word: str) -> str:
    """The word without its proclitics (what stem features and document cues are of)."""
    return _stem(word)[1]


def _document_cues(norms: list[list[str]], marks: Marks) -> dict[str, tuple[str, ...]]:
    """For each content word, what its occurrences in the document have beside them: a given
    name before it, or a lexicon phrase it belongs to or follows. Only the (few) words that
    have one are visited."""
    cues: dict[str, set[str]] = {}
    given = name_parts()

    def add(word: str, cue: str) -> None:
        stem = stem_of(word)
        if len(stem) >= 3 and stem.isalpha():
            cues.setdefault(stem, set()).add(cue)

    for words, sentence_marks in zip(norms, marks):
        # compress picks out the few words that have a cue in C, not one by one in Python
        for word in compress(words[1:], map(given.__contains__, words)):
            add(word, "doc:after_given")
        for word, found in compress(zip(words, sentence_marks), sentence_marks):
            for mark in found:
                if mark.startswith(("lex=", "agent-1")):
                    add(word, "doc:" + mark)
    # sorted, so that training adds the features in the same order on every run
    return {stem: tuple(sorted(found)) for stem, found in cues.items()}


def edge_feature(offset: int) -> str:
    """"-1:edge", "+2:edge" …: the neighbour at `offset` lies just outside the sentence."""
    return f"{offset:+d}:edge"


def edge_features(i: int, size: int) -> list[str]:
    """The edge features of word i of a sentence of `size` words."""
    return [edge_feature(offset) for offset in OFFSETS if i + offset in (-1, size)]


def _sentence_features(norms: list[str], marks: list[tuple[str, ...]], cues: dict[str, tuple[str, ...]]) -> list[list[str]]:
    near = [neighbour_features(w) for w in norms]
    features = []
    for i, word in enumerate(norms):
        token = list(word_features(word))
        for offset in OFFSETS:
            j = i + offset
            if 0 <= j < len(norms):
                token.extend(f"{offset:+d}:{f}" for f in near[j])
        token.extend(edge_features(i, len(norms)))
        token.extend(marks[i])
        token.extend(cues.get(stem_of(word), ()))
        features.append(token)
    return features
