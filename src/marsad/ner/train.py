"""Train the NER model from a CoNLL file (ANERcorp's `token TAG` lines) and score it.

    python -m marsad.ner.train ../shared/data/anercorp/train.txt

The last tenth of the sentences is held out as the dev split and scored entity by entity
(exact span and type); the model is then written to the package (`marsad/models/ner.crfsuite`).
CRFsuite's L-BFGS training is deterministic, so the same data gives the same model.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import pycrfsuite

from marsad.ner.conll import as_documents, read_conll
from marsad.ner.features import document_features
from marsad.ner.tagger import MODEL_PATH, Tagger, entity_spans

PARAMETERS = {"c1": 0.05, "c2": 0.01, "max_iterations": 200, "feature.possible_transitions": True}


def train(sentences: list[tuple[list[str], list[str]]], model_path: Path) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for document in as_documents(sentences):
        for features, (_, tags) in zip(document_features([words for words, _ in document]), document):
            trainer.append(features, tags)
    trainer.set_params(PARAMETERS)
    trainer.train(str(model_path))


def score(gold: list[list[str]], predicted: list[list[str]]) -> dict[str, dict[str, float]]:
    """Entity-level precision, recall and F1 per type and overall (micro): exact span and type."""
    counts: dict[str, Counter] = {}
    for gold_tags, predicted_tags in zip(gold, predicted):
        expected, found = set(entity_spans(gold_tags)), set(entity_spans(predicted_tags))
        for kind in {k for _, _, k in expected | found} | {"ALL"}:
            tally = counts.setdefault(kind, Counter())
            mine = {s for s in found if kind in ("ALL", s[2])}
            theirs = {s for s in expected if kind in ("ALL", s[2])}
            tally["tp"] += len(mine & theirs)
            tally["fp"] += len(mine - theirs)
            tally["fn"] += len(theirs - mine)
    return {kind: _prf(tally) for kind, tally in sorted(counts.items())}


def _prf(tally: Counter) -> dict[str, float]:
    p = tally["tp"] / (tally["tp"] + tally["fp"]) if tally["tp"] + tally["fp"] else 0.0
    r = tally["tp"] / (tally["tp"] + tally["fn"]) if tally["tp"] + tally["fn"] else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "gold": tally["tp"] + tally["fn"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("train", type=Path, help="ANERcorp train.txt (token TAG per line)")
    parser.add_argument("--extra", type=Path, nargs="*", default=[], help="more CoNLL files (AQMAR) for training only")
    parser.add_argument("--model", type=Path, default=MODEL_PATH)
    parser.add_argument("--dev-only", action="store_true", help="train on the first 90%% and score; write no final model")
    args = parser.parse_args(argv)
    sentences = list(read_conll(args.train))
    extra = [s for path in args.extra for s in read_conll(path)]
    cut = len(sentences) * 9 // 10
    dev_model = args.model.with_suffix(".dev.crfsuite")
    train(sentences[:cut] + extra, dev_model)
    tagger = Tagger(dev_model)
    dev = sentences[cut:]
    predicted = [tags for document in as_documents(dev) for tags in tagger.tag_document([w for w, _ in document])]
    figures = score([t for _, t in dev], predicted)
    for kind, f in figures.items():
        print(f"{kind:5} P {f['precision']:.3f}  R {f['recall']:.3f}  F1 {f['f1']:.3f}  ({f['gold']:.0f} gold)")
    dev_model.unlink()
    if not args.dev_only:
        train(sentences + extra, args.model)
        print(f"model written to {args.model} ({args.model.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
