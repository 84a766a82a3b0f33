"""marsad over every SaudiNewsNet article: no exception, every span is its own evidence."""
import datetime as dt
import re

from conftest import shared_path

from marsad.batch import extract_article
from marsad.text.normalise import normalise_word
from marsad.read.inputs import Article, InputProblem, read_inputs

_VALUE = {"year": re.compile(r"\d{4}$"), "month": re.compile(r"\d{4}-\d{2}$"), "day": re.compile(r"\d{4}-\d{2}-\d{2}$")}


def _check_value(value: str, precision: str) -> None:
    assert _VALUE[precision].match(value), (value, precision)
    if precision == "day":
        dt.date.fromisoformat(value)
    elif precision == "month":
        assert 1 <= int(value[5:7]) <= 12, value


def _check(doc, with_tokens: bool) -> None:
    text = doc.text
    if with_tokens:
        for tok in doc.tokens:
            assert normalise_word(text[tok.start:tok.end]) == tok.norm
    for s in doc.sentences:
        assert 0 <= s.start < s.end <= len(text)
    for t in doc.times:
        assert text[t.start:t.end] == t.text
        if t.value is not None:
            _check_value(t.value, t.precision)
    for e in doc.source.evidence:
        assert text[e["start"]:e["end"]] == e["text"]
    record = doc.to_dict()
    for key in ("doc_id", "language", "published", "source", "sentences", "entities", "times", "events", "quotes"):
        assert key in record


def test_every_saudinewsnet_article():
    corpus = shared_path("data", "saudinewsnet")
    read = problems = 0
    for item in read_inputs([str(corpus)]):
        if isinstance(item, InputProblem):
            problems += 1
            assert item.reason.startswith("empty"), item  # the corpus has blank articles, nothing worse
            continue
        assert isinstance(item, Article)
        doc = extract_article(item)
        assert doc.published is not None
        _check(doc, with_tokens=read % 20 == 0)  # tokens of every 20th article: enough, and fast
        read += 1
    assert read > 14_000 and problems < 1_000
