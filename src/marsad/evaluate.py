"""Score document records against gold annotations (SPEC §2): what `marsad evaluate` runs.

The figures are meant to be exactly those of the shared scorer (`eval/score.py`): the same
folding of names, the same one-to-one matching tried in the same order, the same optional items.
Events, quotes, entities and times get precision, recall and F1; matched events are then checked
for their date, place and death toll, and each document for its source.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marsad.batch import extract_article
from marsad.pipeline import as_date
from marsad.read.inputs import InputProblem, read_inputs
from marsad.serialise import document_record

KINDS = ("events", "quotes", "entities", "times")
DOCUMENT_SUFFIXES = (".json", ".jsonl")

Item = dict[str, Any]
Match = Callable[[Item, Item], bool]  # (predicted item, gold item) -> do they match?


class EvaluationError(Exception):
    """Input that cannot be scored: where it is, and what is wrong, in one line."""

    def __init__(self, where: str | Path, reason: str) -> None:
        super().__init__(f"{where}: {reason}")


# ---------------------------------------------------------------- folding names and text

_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")  # and tatweel
_LETTER_VARIANTS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})
_PUNCTUATION = re.compile(r"[^\w\s]")
_LATIN_ARTICLE = re.compile(r"\b(?:al|el|ad|as|ash|an|ar|at|az)\s+(?=\w)")  # al-Assad, ash-Sharaa …


def fold(text: Any) -> str:
    """Text as compared: without case, accents, Arabic diacritics, letter variants or punctuation."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c))  # Çavuşoğlu = Cavusoglu
    text = unicodedata.normalize("NFKC", text).replace("ı", "i")
    text = _DIACRITICS.sub("", text).translate(_LETTER_VARIANTS).lower()
    return " ".join(_PUNCTUATION.sub(" ", text).split())


def name_key(name: Any) -> str:
    """A name as compared: folded, without the article of Latin spellings, without spaces."""
    return _LATIN_ARTICLE.sub("", fold(name)).replace(" ", "")


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _gold_keys(names: Any) -> set[str]:
    return {name_key(n) for n in _as_list(names)}


def _predicted_keys(item: Any) -> set[str]:
    """Every name a predicted actor, entity or place answers to."""
    if not isinstance(item, dict):
        return set()
    names = [item.get("name"), item.get("name_ar"), item.get("text"), *_as_list(item.get("aliases"))]
    return {name_key(n) for n in names if n}


# ---------------------------------------------------------------- when items match

def actor_matches(predicted: Any, spec: Any) -> bool:
    """Does a predicted actor satisfy a gold actor spec (an object, or a list of alternatives)?"""
    alternatives = _as_list(spec)
    if spec is None or None in alternatives:  # the gold leaves this role open
        return True
    if not isinstance(predicted, dict):
        return False
    return any(_satisfies(predicted, alternative) for alternative in alternatives)


def _satisfies(predicted: Item, alternative: Item) -> bool:
    if _gold_keys(alternative.get("names")) & _predicted_keys(predicted):
        return True
    if "country" not in alternative:  # a spec that gives only names asks for one of them
        return False
    sectors = _as_list(alternative.get("sector"))
    same_country = (predicted.get("country") or None) == (alternative["country"] or None)
    return same_country and (not sectors or predicted.get("sector") in sectors)


def event_matches(predicted: Item, gold: Item) -> bool:
    """An acceptable type, and actor and target as the gold has them (or swapped, if symmetric)."""
    if predicted.get("type") not in _as_list(gold.get("type")):
        return False
    actor, target = predicted.get("actor"), predicted.get("target")
    if actor_matches(actor, gold.get("actor")) and actor_matches(target, gold.get("target")):
        return True
    return bool(gold.get("symmetric")) and actor_matches(target, gold.get("actor")) \
        and actor_matches(actor, gold.get("target"))


def quote_matches(predicted: Item, gold: Item) -> bool:
    """The right speaker, and at least half the words shared (Jaccard), since quotations get cut differently."""
    if not actor_matches(predicted.get("speaker"), gold.get("speaker")):
        return False
    a, b = set(fold(predicted.get("text")).split()), set(fold(gold.get("text")).split())
    return bool(a | b) and len(a & b) / len(a | b) >= 0.5


def entity_matches(predicted: Item, gold: Item) -> bool:
    return bool(_gold_keys(gold.get("names")) & _predicted_keys(predicted))


def time_matches(predicted: Item, gold: Item) -> bool:
    """One text inside the other, and the same value."""
    a, b = fold(predicted.get("text")), fold(gold.get("text"))
    overlap = bool(a and b) and (a in b or b in a)
    # compared as text, so that a year given as 2015 or "2015" agrees, and so do two nulls
    return overlap and str(predicted.get("value")) == str(gold.get("value"))


_MATCHES: dict[str, Match] = {"events": event_matches, "quotes": quote_matches,
                              "entities": entity_matches, "times": time_matches}


def _date_right(predicted: Item, gold: Item) -> bool:
    return str(predicted.get("date") or "").startswith(str(gold["date"]))  # at the gold's precision


def _place_right(predicted: Item, gold: Item) -> bool:
    return bool(_gold_keys(gold["location"]) & _predicted_keys(predicted.get("location") or {}))


def _toll_right(predicted: Item, gold: Item) -> bool:
    return predicted.get("fatalities") == gold["fatalities"]


# attribute -> (does the gold event give it?, is the predicted one right?)
_EVENT_ATTRIBUTES: dict[str, tuple[Callable[[Item], bool], Match]] = {
    "date": (lambda gold: bool(gold.get("date")), _date_right),
    "location": (lambda gold: bool(gold.get("location")), _place_right),
    "fatalities": (lambda gold: gold.get("fatalities") is not None, _toll_right),  # a toll of 0 is given
}


def _attributes_agree(predicted: Item, gold: Item) -> bool:
    """Whether date, place and toll agree wherever the gold gives them: pairs same-typed events well."""
    return all(right(predicted, gold) for gives, right in _EVENT_ATTRIBUTES.values() if gives(gold))


# ---------------------------------------------------------------- one-to-one matching

def match_one_to_one(golds: list[Item], predicted: list[Item], ok: Match,
                     taken: frozenset[int] = frozenset()) -> dict[int, int]:
    """A maximum matching by augmenting paths, {gold index: predicted index}, leaving `taken` alone.

    Golds and predictions are tried in their order, so that the pairs themselves (which decide
    the attribute figures and what later stages may still use) are the shared scorer's.
    """
    owner: dict[int, int] = {}  # predicted index -> gold index

    def augment(gi: int, seen: set[int]) -> bool:
        for pi, item in enumerate(predicted):
            if pi in taken or pi in seen or not ok(item, golds[gi]):
                continue
            seen.add(pi)
            if pi not in owner or augment(owner[pi], seen):
                owner[pi] = gi
                return True
        return False

    for gi in range(len(golds)):
        augment(gi, set())
    return {gi: pi for pi, gi in owner.items()}


def _staged_matching(golds: list[Item], predicted: list[Item], ok: Match, taken: frozenset[int],
                     prefer: Match | None) -> dict[int, int]:
    """Pairs that also satisfy `prefer` first, then pairs on `ok` alone among what is left."""
    pairs: dict[int, int] = {}
    if prefer:
        pairs = match_one_to_one(golds, predicted, lambda p, g: ok(p, g) and prefer(p, g), taken)
    rest = [gi for gi in range(len(golds)) if gi not in pairs]
    more = match_one_to_one([golds[gi] for gi in rest], predicted, ok, taken | set(pairs.values()))
    pairs.update({rest[k]: pi for k, pi in more.items()})
    return pairs


@dataclass
class _Outcome:
    """How one document's items of one kind matched."""

    gold: int  # required gold items
    predicted: int  # predictions that count: all but those matched to optional gold items
    pairs: list[tuple[Item, Item]]  # (gold, predicted)
    missed: list[Item]
    unmatched: list[Item]


def _match_items(golds: list[Item], predicted: list[Item], ok: Match, prefer: Match | None) -> _Outcome:
    """Required gold items take their matches first; optional ones then cost nothing either way."""
    required = [g for g in golds if not g.get("optional")]
    optional = [g for g in golds if g.get("optional")]
    on_required = _staged_matching(required, predicted, ok, frozenset(), prefer)
    on_optional = _staged_matching(optional, predicted, ok, frozenset(on_required.values()), prefer)
    used = set(on_required.values()) | set(on_optional.values())
    return _Outcome(
        gold=len(required), predicted=len(predicted) - len(on_optional),
        pairs=[(required[gi], predicted[pi]) for gi, pi in on_required.items()],
        missed=[g for gi, g in enumerate(required) if gi not in on_required],
        unmatched=[p for pi, p in enumerate(predicted) if pi not in used],
    )


# ---------------------------------------------------------------- the report

@dataclass
class Tally:
    """Matches of one kind of item over all documents."""

    hit: int = 0
    pred: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.hit / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.hit / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "hit": self.hit, "pred": self.pred, "gold": self.gold}


@dataclass
class Accuracy:
    """How many of the attributes the gold gives are right."""

    correct: int = 0
    of: int = 0

    def add(self, right: bool) -> None:
        self.of += 1
        self.correct += right

    def to_dict(self) -> dict[str, Any]:
        return {"correct": self.correct, "of": self.of, "accuracy": round(self.correct / self.of, 4) if self.of else None}


@dataclass
class Misses:
    missed: list[Item]  # required gold items nothing matched
    unmatched: list[Item]  # predictions that matched no gold item, optional or not


@dataclass
class Report:
    tallies: dict[str, Tally] = field(default_factory=lambda: {kind: Tally() for kind in KINDS})
    attributes: dict[str, Accuracy] = field(
        default_factory=lambda: {name: Accuracy() for name in (*_EVENT_ATTRIBUTES, "source")})
    documents: int = 0
    documents_missing: list[str] = field(default_factory=list)  # gold documents with no prediction
    misses: dict[str, dict[str, Misses]] = field(default_factory=dict)  # doc_id -> kind -> misses

    def to_dict(self, misses: bool = False) -> dict[str, Any]:
        """The figures, shaped as `eval/score.py --json` prints them; the misses too when asked."""
        result: dict[str, Any] = {kind: t.to_dict() for kind, t in self.tallies.items() if t.gold or t.pred}
        result["attributes"] = {name: a.to_dict() for name, a in self.attributes.items() if a.of}
        result["documents"] = self.documents
        result["documents_missing"] = self.documents_missing
        if misses:
            result["misses"] = {doc_id: {kind: {"missed": m.missed, "unmatched": m.unmatched}
                                         for kind, m in kinds.items()}
                                for doc_id, kinds in self.misses.items()}
        return result


def score(gold_docs: dict[str, Item], predicted_docs: dict[str, Item]) -> Report:
    """Score predicted documents against gold ones, both keyed by doc_id (a missing prediction is empty)."""
    report = Report(documents=len(gold_docs), documents_missing=sorted(set(gold_docs) - set(predicted_docs)))
    for doc_id, gold in gold_docs.items():
        predicted = predicted_docs.get(doc_id, {})
        report.misses[doc_id] = {}
        for kind in KINDS:
            if kind in gold:  # a kind the gold does not annotate is not scored
                outcome = _match_items(gold[kind], _as_list(predicted.get(kind)), _MATCHES[kind],
                                       _attributes_agree if kind == "events" else None)
                _add(report, kind, outcome)
                report.misses[doc_id][kind] = Misses(outcome.missed, outcome.unmatched)
        _count_source(gold, predicted, report.attributes["source"])
    return report


def _add(report: Report, kind: str, outcome: _Outcome) -> None:
    tally = report.tallies[kind]
    tally.hit += len(outcome.pairs)
    tally.pred += outcome.predicted
    tally.gold += outcome.gold
    if kind == "events":
        for gold, predicted in outcome.pairs:
            for name, (gives, right) in _EVENT_ATTRIBUTES.items():
                if gives(gold):
                    report.attributes[name].add(right(predicted, gold))


def _count_source(gold: Item, predicted: Item, accuracy: Accuracy) -> None:
    """Each source field the gold names (outlet, translator …) is right when the prediction's is one of its names."""
    got = predicted.get("source") or {}
    for key, names in (gold.get("source") or {}).items():
        accuracy.add(bool(_gold_keys(names) & {name_key(got.get(key) or "")}))


# ---------------------------------------------------------------- reading documents

def read_documents(path: str | Path) -> dict[str, Item]:
    """Documents by doc_id from a JSON file (an object or a list), a JSON Lines file or a folder of them."""
    path = Path(path)
    if path.is_dir():
        files = sorted(f for f in path.rglob("*") if f.is_file() and f.suffix.lower() in DOCUMENT_SUFFIXES)
        if not files:
            raise EvaluationError(path, "folder holds no .json or .jsonl files")
    elif path.exists():
        files = [path]
    else:
        raise EvaluationError(path, "no such file or folder")
    documents: dict[str, Item] = {}
    for file in files:
        for where, document in _read_file(file):
            doc_id = _checked_doc_id(document, where)
            if doc_id in documents:
                raise EvaluationError(where, f"doc_id {doc_id!r} appears twice")
            documents[doc_id] = document
    return documents


def _read_file(file: Path) -> Iterator[tuple[str, Any]]:
    """(where, value) for each document in a file, where naming the line or list index."""
    try:
        text = file.read_text(encoding="utf-8-sig")
    except OSError as err:
        raise EvaluationError(file, f"cannot be read ({err.strerror or err})") from None
    except UnicodeDecodeError:
        raise EvaluationError(file, "not valid UTF-8") from None
    if not text.strip():
        raise EvaluationError(file, "empty: no documents")
    if file.suffix.lower() == ".jsonl":
        for lineno, line in enumerate(text.splitlines(), 1):
            if line.strip():
                yield f"{file}:{lineno}", _parse(line, f"{file}:{lineno}")
        return
    data = _parse(text, str(file))
    if not isinstance(data, list):
        yield str(file), data
        return
    for i, document in enumerate(data):
        yield f"{file}[{i}]", document


def _parse(text: str, where: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise EvaluationError(where, f"not valid JSON (line {err.lineno}, column {err.colno}: {err.msg})") from None


def _checked_doc_id(document: Any, where: str) -> str:
    """The doc_id of a document whose lists can be scored; anything else is an EvaluationError."""
    if not isinstance(document, dict):
        raise EvaluationError(where, f"a document must be a JSON object, not {type(document).__name__}")
    if document.get("doc_id") in (None, ""):
        raise EvaluationError(where, "document has no doc_id")
    for kind in KINDS:
        items = document.get(kind)
        if items is not None and not (isinstance(items, list) and all(isinstance(i, dict) for i in items)):
            raise EvaluationError(where, f'"{kind}" must be a list of objects')
    if document.get("source") is not None and not isinstance(document["source"], dict):
        raise EvaluationError(where, '"source" must be an object')
    return str(document["doc_id"])


# ---------------------------------------------------------------- marsad's own predictions

def texts_beside(gold_path: str | Path, gold_docs: dict[str, Item]) -> list[str]:
    """The texts of the gold documents where they usually sit: DOC_ID.txt in the gold's folder,
    then the .jsonl files beside that folder (eval/dev/dev.jsonl beside eval/dev/gold/)."""
    gold_path = Path(gold_path)
    folder = gold_path if gold_path.is_dir() else gold_path.parent
    texts = [folder / f"{doc_id}.txt" for doc_id in gold_docs]
    records = sorted(folder.resolve().parent.glob("*.jsonl"))
    return [str(p) for p in texts if p.is_file()] + [str(p) for p in records]


def run_marsad(gold_docs: dict[str, Item], texts: Iterable[str],
               on_problem: Callable[[str], None] | None = None, lexicons: tuple[Path, ...] = (),
               model: bool = True) -> dict[str, Item]:
    """marsad's records for the gold documents found in `texts` (any input `marsad extract` reads).

    A text with no date of its own is read as published on its gold's date. Only gold documents
    are extracted (a corpus file may hold thousands of others), the first text of each doc_id.
    """
    records: dict[str, Item] = {}
    for article in read_inputs(texts):
        if isinstance(article, InputProblem):
            if on_problem:
                on_problem(str(article))
            continue
        if article.doc_id in gold_docs and article.doc_id not in records:
            published = _gold_date(gold_docs[article.doc_id], article.doc_id)
            records[article.doc_id] = document_record(extract_article(article, published, lexicons, model))
    return records


def _gold_date(gold: Item, doc_id: str) -> dt.date | None:
    try:
        return as_date(gold.get("published"))
    except ValueError as err:
        raise EvaluationError(f"gold {doc_id}", f"published: {err}") from None


def evaluate_files(gold_path: str | Path, predicted_path: str | Path | None = None, *,
                   texts: list[str] | None = None, on_problem: Callable[[str], None] | None = None,
                   lexicons: tuple[Path, ...] = (), model: bool = True) -> Report:
    """Score the records in `predicted_path` against the gold; without it, marsad's own extraction
    of the gold documents' texts (`texts`, else those found beside the gold) with the user
    `lexicons` (as `pipeline.load_lexicons` returns them), and the NER model unless not `model`."""
    gold_docs = read_documents(gold_path)
    wanted = ", ".join(sorted(gold_docs)[:3]) + (" …" if len(gold_docs) > 3 else "")
    if predicted_path is not None:
        predicted = read_documents(predicted_path)
        if not set(gold_docs) & set(predicted):
            raise EvaluationError(predicted_path, f"no predictions for the gold documents (doc_id {wanted})")
        return score(gold_docs, predicted)
    predicted = run_marsad(gold_docs, texts or texts_beside(gold_path, gold_docs), on_problem, lexicons, model)
    if not predicted and texts:
        raise EvaluationError(", ".join(texts), f"no texts of the gold documents (doc_id {wanted})")
    if not predicted:
        raise EvaluationError(gold_path, f"no texts of its documents (doc_id {wanted}) as DOC_ID.txt beside it or in "
                                         "a .jsonl file beside its folder; give them with --text")
    return score(gold_docs, predicted)


# ---------------------------------------------------------------- printing

def format_report(report: Report, show_misses: bool = False) -> str:
    """The figures as aligned lines; with `show_misses`, the missed gold items (-) and unmatched predictions (+)."""
    figures = report.to_dict()
    # printed from the rounded figures, as eval/score.py prints them (0.8085 shows as 0.808 in both)
    lines = [f"{kind:<10} P {f['precision']:.3f}  R {f['recall']:.3f}  F1 {f['f1']:.3f}   "
             f"(hit {f['hit']}, pred {f['pred']}, gold {f['gold']})" for kind, f in figures.items() if kind in KINDS]
    for name, f in figures["attributes"].items():
        scope = "of the document sources" if name == "source" else "of the matched events"
        lines.append(f"{name:<10} {f['correct']:>3}/{f['of']:<3} right ({f['accuracy']:.3f}) {scope}")
    lines.append(f"documents  {report.documents}")
    if report.documents_missing:
        lines.append(f"documents with no output: {', '.join(report.documents_missing)}")
    if show_misses:
        lines += _miss_lines(report)
    return "\n".join(lines)


_SINGULAR = {"events": "event", "quotes": "quote", "entities": "entity", "times": "time"}


def _miss_lines(report: Report) -> list[str]:
    lines = ["", "misses: - a gold item not found, + a prediction that matched nothing"]
    for doc_id, kinds in report.misses.items():
        items = [f"  - {_SINGULAR[kind]:<6} {_describe_gold(kind, g)}" for kind, m in kinds.items() for g in m.missed]
        items += [f"  + {_SINGULAR[kind]:<6} {_describe_predicted(kind, p)}"
                  for kind, m in kinds.items() for p in m.unmatched]
        if items:
            lines += [doc_id, *items]
    return lines


def _describe_gold(kind: str, gold: Item) -> str:
    if kind == "events":
        date = f" {gold['date']}" if gold.get("date") else ""
        evidence = f"  «{_short(gold['evidence'])}»" if gold.get("evidence") else ""
        return (f"{gold.get('id', '')} {'/'.join(_as_list(gold.get('type')))} "
                f"{_spec(gold.get('actor'))} → {_spec(gold.get('target'))}{date}{evidence}")
    if kind == "quotes":
        return f"{_spec(gold.get('speaker'))}: «{_short(gold.get('text'))}»"
    if kind == "entities":
        return f"{' / '.join(_as_list(gold.get('names')))} ({gold.get('kind')})"
    return f"{gold.get('text')} = {gold.get('value')}"


def _describe_predicted(kind: str, item: Item) -> str:
    if kind == "events":
        trigger = (item.get("trigger") or {}).get("text")
        return (f"{item.get('type')} {_who(item.get('actor'))} → {_who(item.get('target'))} {item.get('date') or ''}"
                + (f"  «{trigger}»" if trigger else ""))
    if kind == "quotes":
        return f"{_who(item.get('speaker'))}: «{_short(item.get('text'))}»"
    if kind == "entities":
        return f"{item.get('name') or item.get('name_ar')} ({item.get('kind')})"
    return f"{item.get('text')} = {item.get('value')}"


def _spec(spec: Any) -> str:
    """A gold actor spec in a few words: its first name, else country and sectors; `anyone` when open."""
    if spec is None:
        return "anyone"
    if isinstance(spec, list):
        return " or ".join(_spec(s) for s in spec)
    if spec.get("names"):
        return _as_list(spec["names"])[0]
    return " ".join([spec.get("country") or "-", "/".join(_as_list(spec.get("sector")))]).strip()


def _who(actor: Any) -> str:
    if not isinstance(actor, dict):
        return "-"
    return actor.get("name") or f"{actor.get('country') or '-'} {actor.get('sector') or ''}".strip()


def _short(text: Any, width: int = 60) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= width else text[:width - 1] + "…"


def to_json(report: Report, show_misses: bool = False) -> str:
    return json.dumps(report.to_dict(misses=show_misses), ensure_ascii=False, indent=1)
