"""marsad measured with the shared scorer (../shared/eval/score.py) on the gold documents.

These hold the figures the issues ask for, so that a change that loses them fails here.
"""
import importlib.util
import json

import pytest
from conftest import shared_path

import marsad
from marsad.serialise import document_record


@pytest.fixture(scope="module")
def scorer():
    path = shared_path("eval", "score.py")
    spec = importlib.util.spec_from_file_location("marsad_shared_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _dev_records():
    records = []
    for line in shared_path("eval", "dev", "dev.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        doc = marsad.extract(r["text"], r.get("published"), r["id"], url=r.get("url"),
                             title=r.get("title"), publisher=r.get("source"))
        records.append(document_record(doc))
    return records


def test_seed_times_and_source(scorer, seed_doc):
    gold = scorer.load_docs(shared_path("eval", "seed", "seed-article.gold.json"))
    result, _ = scorer.score(gold, {"seed-article": document_record(seed_doc)})
    assert result["times"]["f1"] >= 0.90
    assert result["attributes"]["source"]["correct"] == 2


def test_dev_times_and_source(scorer):
    gold = scorer.load_docs(shared_path("eval", "dev", "gold"))
    preds = {r["doc_id"]: r for r in _dev_records()}
    result, _ = scorer.score(gold, preds)
    assert result["times"]["f1"] >= 0.80
    assert result["attributes"]["source"]["correct"] == result["attributes"]["source"]["of"]


def test_seed_entities_events_and_quotes(scorer, seed_doc):
    gold = scorer.load_docs(shared_path("eval", "seed", "seed-article.gold.json"))
    result, _ = scorer.score(gold, {"seed-article": document_record(seed_doc)})
    assert result["entities"]["f1"] >= 0.90
    assert result["events"]["f1"] >= 0.80
    assert result["attributes"]["date"]["accuracy"] >= 0.80
    assert result["quotes"]["f1"] >= 0.85


def test_dev_entities_and_events(scorer):
    gold = scorer.load_docs(shared_path("eval", "dev", "gold"))
    result, _ = scorer.score(gold, {r["doc_id"]: r for r in _dev_records()})
    assert result["entities"]["f1"] >= 0.75
    assert result["events"]["f1"] >= 0.60
