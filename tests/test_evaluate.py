"""`marsad evaluate`: the same figures as the shared scorer, the matching rules of SPEC §2, the CLI."""
import copy
import json
import subprocess
import sys

import pytest
from conftest import shared_path

from marsad.evaluate import EvaluationError, read_documents, run_marsad, score, texts_beside


def marsad(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "marsad", *args], capture_output=True, text=True, timeout=300)


def shared_scorer(gold, pred) -> tuple[dict, dict]:
    """eval/score.py's figures and its misses (which it prints to standard error)."""
    run = subprocess.run([sys.executable, str(shared_path("eval", "score.py")), str(gold), str(pred), "--json",
                          "--show-misses"], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout), json.loads(run.stderr)


def assert_same_misses(ours: dict, theirs: dict) -> None:
    assert ours.keys() == theirs.keys()
    for doc_id, kinds in theirs.items():
        assert ours[doc_id].keys() == kinds.keys(), doc_id
        for kind, m in kinds.items():
            assert ours[doc_id][kind]["missed"] == m["missed"], (doc_id, kind)
            assert ours[doc_id][kind]["unmatched"] == m["spurious"], (doc_id, kind)


# ---------------------------------------------------------------- agreement with eval/score.py

def test_seed_run_gives_the_shared_scorers_figures(tmp_path):
    gold = shared_path("eval", "seed", "seed-article.gold.json")
    pred = tmp_path / "seed.json"
    extracted = marsad("extract", str(gold.with_name("seed-article.txt")), "--published", "2024-07-25", "-o", str(pred))
    assert extracted.returncode == 0, extracted.stderr
    ours = marsad("evaluate", str(gold), "--run", "--json", "--show-misses")  # finds seed-article.txt beside the gold
    assert ours.returncode == 0, ours.stderr
    figures = json.loads(ours.stdout)
    theirs, their_misses = shared_scorer(gold, pred)
    assert_same_misses(figures.pop("misses"), their_misses)
    assert figures == theirs
    assert figures["events"]["hit"] > 0 and figures["attributes"]["date"]["of"] > 0  # not two empty reports


def test_dev_prediction_file_gives_the_shared_scorers_figures(tmp_path):
    gold = shared_path("eval", "dev", "gold")
    pred = tmp_path / "dev.jsonl"
    extracted = marsad("extract", str(shared_path("eval", "dev", "dev.jsonl")), "--format", "jsonl", "-o", str(pred))
    assert extracted.returncode == 0, extracted.stderr
    ours = marsad("evaluate", str(gold), str(pred), "--json", "--show-misses")
    assert ours.returncode == 0, ours.stderr
    figures = json.loads(ours.stdout)
    theirs, their_misses = shared_scorer(gold, pred)
    assert_same_misses(figures.pop("misses"), their_misses)
    assert figures == theirs
    assert figures["documents"] == 12 and figures["events"]["hit"] > 0


def test_dev_run_finds_the_jsonl_beside_the_gold_folder():
    gold = shared_path("eval", "dev", "gold")
    assert [p.endswith("dev.jsonl") for p in texts_beside(gold, read_documents(gold))] == [True]
    ours = marsad("evaluate", str(gold), "--run")
    assert ours.returncode == 0, ours.stderr
    assert ours.stdout.startswith("events ") and "documents  12" in ours.stdout


def test_a_damaged_prediction_is_scored_as_the_shared_scorer_scores_it(tmp_path):
    """Dropped, retyped, redated and duplicated items exercise misses, one-to-one matching and attributes."""
    gold = shared_path("eval", "seed", "seed-article.gold.json")
    record = run_marsad(read_documents(gold), [str(gold.with_name("seed-article.txt"))])["seed-article"]
    events = record["events"]
    record["events"] = events[::2] + copy.deepcopy(events[:3])
    for event in record["events"][1::3]:
        event["date"] = "1999"
    record["events"][0]["type"] = "PROTEST"
    record["quotes"] = record["quotes"][1:]
    record["entities"] = record["entities"][::2]
    record["times"] = [{**t, "value": "2020"} if i % 3 == 0 else t for i, t in enumerate(record["times"])]
    record["source"]["outlet"] = None
    pred = tmp_path / "damaged.json"
    pred.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    theirs, their_misses = shared_scorer(gold, pred)
    report = score(read_documents(gold), read_documents(pred))
    ours = report.to_dict(misses=True)
    assert_same_misses(ours.pop("misses"), their_misses)
    assert ours == theirs
    assert 0 < ours["attributes"]["date"]["accuracy"] < 1


# ---------------------------------------------------------------- matching rules (SPEC §2) on hand-made documents

PUTIN = {"name": "Vladimir Putin", "name_ar": "فلاديمير بوتين", "country": "RUS", "sector": "GOV"}
ASSAD = {"name": "Bashar al-Assad", "name_ar": "بشار الأسد", "country": "SYR", "sector": "GOV"}
FIDAN = {"name": "Hakan Fidan", "name_ar": "هاكان فيدان", "country": "TUR", "sector": "GOV"}
MOSCOW = {"name": "Moscow", "name_ar": "موسكو", "country": "RUS", "text": "موسكو"}


def gold_event(**fields) -> dict:
    """The seed's E01: Putin hosts Assad in Moscow on 2024-07-24, a meeting (symmetric)."""
    event = {"id": "E01", "type": ["CONSULT"], "symmetric": True,
             "actor": {"names": ["Vladimir Putin"], "country": "RUS", "sector": ["GOV"]},
             "target": {"names": ["Bashar al-Assad"], "country": "SYR", "sector": ["GOV"]},
             "date": "2024-07-24", "location": ["Moscow"]}
    return {**event, **fields}


def event(actor=PUTIN, target=ASSAD, type="CONSULT", date="2024-07-24", location=MOSCOW, **fields) -> dict:
    return {"type": type, "actor": actor, "target": target, "date": date, "location": location, **fields}


def scored(gold: dict, pred: dict) -> dict:
    gold = {"doc_id": "seed-article", **gold}
    pred = {"doc_id": "seed-article", **pred}
    return score({"seed-article": gold}, {"seed-article": pred}).to_dict(misses=True)


def test_a_symmetric_event_matches_with_actor_and_target_swapped():
    swapped = event(actor=ASSAD, target=PUTIN)
    assert scored({"events": [gold_event()]}, {"events": [swapped]})["events"]["hit"] == 1
    one_way = scored({"events": [gold_event(symmetric=False)]}, {"events": [swapped]})
    assert one_way["events"]["hit"] == 0
    assert one_way["misses"]["seed-article"]["events"]["unmatched"] == [swapped]


def test_optional_events_cost_nothing_either_way():
    background = gold_event(id="E02", type=["SUPPORT"], optional=True, symmetric=False,
                            actor={"country": "RUS"}, target={"country": "SYR", "sector": ["GOV", "MIL"]})
    missed_optional = scored({"events": [gold_event(), background]}, {"events": [event()]})
    assert missed_optional["events"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "hit": 1, "pred": 1, "gold": 1}
    found_optional = scored({"events": [gold_event(), background]},
                            {"events": [event(), event(type="SUPPORT", actor={"name": "Russia", "country": "RUS"})]})
    assert found_optional["events"]["pred"] == 1 and found_optional["events"]["precision"] == 1.0
    assert found_optional["misses"]["seed-article"]["events"]["unmatched"] == []


def test_wrong_date_still_matches_the_event_but_lowers_date_accuracy():
    right = scored({"events": [gold_event()]}, {"events": [event()]})["attributes"]
    wrong = scored({"events": [gold_event()]}, {"events": [event(date="2024-07-25")]})
    assert right["date"] == {"correct": 1, "of": 1, "accuracy": 1.0}
    assert wrong["events"]["hit"] == 1
    assert wrong["attributes"]["date"] == {"correct": 0, "of": 1, "accuracy": 0.0}
    assert wrong["attributes"]["location"]["correct"] == 1


def test_a_toll_of_zero_is_a_toll_to_get_right():
    nobody_killed = gold_event(fatalities=0)
    assert scored({"events": [nobody_killed]}, {"events": [event(fatalities=0)]})["attributes"]["fatalities"] == \
        {"correct": 1, "of": 1, "accuracy": 1.0}
    assert scored({"events": [nobody_killed]}, {"events": [event(fatalities=None)]})["attributes"]["fatalities"] == \
        {"correct": 0, "of": 1, "accuracy": 0.0}
    assert "fatalities" not in scored({"events": [gold_event()]}, {"events": [event(fatalities=3)]})["attributes"]


def test_a_date_is_right_at_the_gold_precision():
    march = gold_event(date="2024-03", location=None)
    assert scored({"events": [march]}, {"events": [event(date="2024-03-22")]})["attributes"]["date"]["correct"] == 1
    assert scored({"events": [march]}, {"events": [event(date="2024")]})["attributes"]["date"]["correct"] == 0


def test_same_typed_events_are_paired_by_date_and_place():
    """The seed's E11 (Moscow, 2023-03) and E12 (phone call, 2024-03): both Putin and Assad consulting."""
    e11 = gold_event(id="E11", date="2023-03")
    e12 = gold_event(id="E12", date="2024-03", location=None)
    result = scored({"events": [e11, e12]}, {"events": [event(date="2024-03-05", location=None), event(date="2023-03")]})
    assert result["events"]["hit"] == 2
    assert result["attributes"]["date"] == {"correct": 2, "of": 2, "accuracy": 1.0}


def test_matching_is_one_to_one():
    result = scored({"events": [gold_event()]}, {"events": [event(), event()]})
    assert result["events"]["hit"] == 1 and result["events"]["pred"] == 2 and result["events"]["precision"] == 0.5
    assert len(result["misses"]["seed-article"]["events"]["unmatched"]) == 1


@pytest.mark.parametrize("predicted", [
    {"name": "Bashar Assad"},                       # the article al- dropped
    {"name": "bashar al assad"},                    # case and punctuation
    {"name_ar": "بشار الاسد"},                      # أ written ا
    {"text": "بَشّار الأسد"},                       # diacritics
    {"name": None, "aliases": ["Bashar el-Assad"]},
])
def test_names_fold_case_article_letter_variants_and_diacritics(predicted):
    gold = {"entities": [{"names": ["Bashar al-Assad", "بشار الأسد"], "kind": "PER"}]}
    assert scored(gold, {"entities": [{"kind": "PER", **predicted}]})["entities"]["hit"] == 1


def test_a_generic_actor_matches_on_country_and_sector():
    gold = gold_event(id="E08", type=["AGREE"], symmetric=False, actor={"names": ["Hakan Fidan"]},
                      target={"country": "SYR", "sector": ["GOV"]}, location=None)
    syrian_government = {"name": None, "country": "SYR", "sector": "GOV"}
    assert scored({"events": [gold]}, {"events": [event(FIDAN, syrian_government, "AGREE")]})["events"]["hit"] == 1
    syrian_army = {**syrian_government, "sector": "MIL"}
    assert scored({"events": [gold]}, {"events": [event(FIDAN, syrian_army, "AGREE")]})["events"]["hit"] == 0
    turkish_fidan = {"name": None, "country": "TUR", "sector": "GOV"}  # names only in the spec: a country is not enough
    assert scored({"events": [gold]}, {"events": [event(turkish_fidan, syrian_government, "AGREE")]})["events"]["hit"] == 0


def test_quotes_need_the_speaker_and_half_the_words():
    gold = {"quotes": [{"speaker": {"names": ["Vladimir Putin"], "country": "RUS"},
                        "text": "هذا يتعلق أيضًا بسوريا بشكل مباشر"}]}
    cut = {"speaker": PUTIN, "text": "هذا يتعلق أيضا بسوريا"}  # 4 of 6 words: Jaccard 0.67
    half = {"speaker": PUTIN, "text": "هذا يتعلق أيضا"}  # 3 of 6: 0.5 is enough
    too_short = {"speaker": PUTIN, "text": "يتعلق أيضا"}  # 2 of 6: 0.33
    assert scored(gold, {"quotes": [cut]})["quotes"]["hit"] == 1
    assert scored(gold, {"quotes": [half]})["quotes"]["hit"] == 1
    assert scored(gold, {"quotes": [too_short]})["quotes"]["hit"] == 0
    assert scored(gold, {"quotes": [{**cut, "speaker": ASSAD}]})["quotes"]["hit"] == 0


def test_times_need_overlapping_text_and_the_same_value():
    gold = {"times": [{"text": "يوم الأربعاء", "value": "2024-07-24"}]}
    assert scored(gold, {"times": [{"text": "الأربعاء", "value": "2024-07-24"}]})["times"]["hit"] == 1
    assert scored(gold, {"times": [{"text": "الأربعاء", "value": "2024-07-17"}]})["times"]["hit"] == 0
    assert scored(gold, {"times": [{"text": "اليوم", "value": "2024-07-24"}]})["times"]["hit"] == 0


def test_source_fields_and_missing_documents():
    gold = {"source": {"outlet": ["Al-Monitor", "المونيتور"], "translator": ["Ugarit Post"]}, "events": [gold_event()]}
    result = scored(gold, {"source": {"outlet": "المونيتور", "translator": None}})
    assert result["attributes"]["source"] == {"correct": 1, "of": 2, "accuracy": 0.5}
    absent = score({"seed-article": {"doc_id": "seed-article", **gold}}, {}).to_dict()
    assert absent["documents_missing"] == ["seed-article"] and absent["events"]["recall"] == 0.0


# ---------------------------------------------------------------- reading files, finding texts

def test_read_documents_takes_json_jsonl_and_folders(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps([{"doc_id": "a"}, {"doc_id": "b"}]), encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.jsonl").write_text('{"doc_id": "c"}\n\n{"doc_id": 4}\n', encoding="utf-8")
    assert sorted(read_documents(tmp_path)) == ["4", "a", "b", "c"]
    assert list(read_documents(tmp_path / "sub" / "c.jsonl")) == ["c", "4"]


@pytest.mark.parametrize("content, reason", [
    ('{"doc_id": "a"}\n{"doc_id": "a"', "c.jsonl:2: not valid JSON"),
    ('{"doc_id": "a"}\n{"doc_id": "a"}', "c.jsonl:2: doc_id 'a' appears twice"),
    ('{"events": []}', "c.jsonl:1: document has no doc_id"),
    ('{"doc_id": "a", "events": {"type": "CONSULT"}}', 'c.jsonl:1: "events" must be a list of objects'),
    ("  \n", "c.jsonl: empty"),
])
def test_read_documents_names_the_problem(tmp_path, content, reason):
    (tmp_path / "c.jsonl").write_text(content, encoding="utf-8")
    with pytest.raises(EvaluationError, match=reason):
        read_documents(tmp_path / "c.jsonl")


SENTENCE = "استضاف الرئيس الروسي فلاديمير بوتين نظيره السوري بشار الأسد في موسكو يوم الأربعاء."


def test_run_finds_a_text_beside_the_gold_and_reads_it_on_the_gold_date(tmp_path):
    gold = {"doc_id": "visit", "published": "2024-07-25", "events": [gold_event()],
            "times": [{"text": "يوم الأربعاء", "value": "2024-07-24"}]}
    (tmp_path / "visit.gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "visit.txt").write_text(SENTENCE, encoding="utf-8")
    run = marsad("evaluate", str(tmp_path / "visit.gold.json"), "--run", "--json")
    assert run.returncode == 0, run.stderr
    figures = json.loads(run.stdout)
    assert figures["times"]["hit"] == 1  # the Wednesday before 2024-07-25, so the gold's date was used
    assert figures["events"]["gold"] == 1


# ---------------------------------------------------------------- the command line

def test_human_output_and_misses(tmp_path):
    gold = {"doc_id": "visit", "events": [gold_event(), gold_event(id="E12", date="2024-03", location=None)]}
    pred = {"doc_id": "visit", "events": [event(), event(type="ASSAULT")]}
    (tmp_path / "gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "pred.json").write_text(json.dumps(pred, ensure_ascii=False), encoding="utf-8")
    run = marsad("evaluate", str(tmp_path / "gold.json"), str(tmp_path / "pred.json"), "--show-misses")
    assert run.returncode == 0, run.stderr
    assert "events     P 0.500  R 0.500  F1 0.500" in run.stdout
    assert "  - event  E12 CONSULT Vladimir Putin → Bashar al-Assad 2024-03" in run.stdout
    assert "  + event  ASSAULT Vladimir Putin → Bashar al-Assad 2024-07-24" in run.stdout


def one_line_error(run: subprocess.CompletedProcess, reason: str) -> None:
    assert run.returncode != 0 and "Traceback" not in run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("marsad: ") and reason in lines[0], run.stderr


def test_user_mistakes_get_one_line_not_a_traceback(tmp_path):
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps({"doc_id": "visit", "events": [gold_event()]}), encoding="utf-8")
    (tmp_path / "broken.json").write_text('{"doc_id": "visit", ', encoding="utf-8")
    (tmp_path / "other.json").write_text('{"doc_id": "another"}', encoding="utf-8")
    one_line_error(marsad("evaluate", str(tmp_path / "missing.json"), str(gold)), "missing.json: no such file or folder")
    one_line_error(marsad("evaluate", str(gold), str(tmp_path / "broken.json")), "broken.json: not valid JSON")
    one_line_error(marsad("evaluate", str(gold), str(tmp_path / "other.json")),
                   "other.json: no predictions for the gold documents (doc_id visit)")
    one_line_error(marsad("evaluate", str(gold), "--run"), "gold.json: no texts of its documents")
    for args in ([str(gold)], [str(gold), str(gold), "--run"]):  # neither PRED nor --run, or both
        run = marsad("evaluate", *args)
        assert run.returncode == 2 and "Traceback" not in run.stderr and "PRED or --run" in run.stderr


def test_run_extracts_with_the_users_lexicons(tmp_path):
    """--run extracts as `marsad extract` does: a user lexicon changes what is scored."""
    gold = {"doc_id": "visit", "published": "2024-07-25",
            "entities": [{"names": ["Moskva City"], "kind": "LOC"}]}
    (tmp_path / "visit.gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "visit.txt").write_text(SENTENCE, encoding="utf-8")
    places = tmp_path / "places.tsv"
    places.write_text("name\tforms_ar\ttype\tcountry\nMoskva City\tموسكو\tcity\tRUS\n", encoding="utf-8")
    without = json.loads(marsad("evaluate", str(tmp_path / "visit.gold.json"), "--run", "--json").stdout)
    run = marsad("evaluate", str(tmp_path / "visit.gold.json"), "--run", "--json", "--lexicon", str(places))
    assert run.returncode == 0, run.stderr
    assert (without["entities"]["hit"], json.loads(run.stdout)["entities"]["hit"]) == (0, 1)
    (tmp_path / "bad.tsv").write_text("name\tforms_ar\ttype\tcountry\nX\tس\tcity\tXXX\n", encoding="utf-8")
    bad = marsad("evaluate", str(tmp_path / "visit.gold.json"), "--run", "--lexicon", str(tmp_path / "bad.tsv"))
    one_line_error(bad, "field 'country'")


def test_run_without_the_model_finds_only_lexicon_names():
    gold = shared_path("eval", "dev", "gold")
    docs = read_documents(gold)

    def by_model(records: dict) -> set[str]:
        return {e["name_ar"] for r in records.values() for e in r["entities"]
                if any(m["how"] == "model" for m in e["mentions"])}

    assert by_model(run_marsad(docs, texts_beside(gold, docs), model=False)) == set()
    assert by_model(run_marsad(docs, texts_beside(gold, docs)))  # the model names some on dev
