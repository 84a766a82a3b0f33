import json
import subprocess
import sys

SENTENCE = "وقال الأسد إن لقاءه مع بوتين كان مهماً للغاية."


def marsad(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "marsad", *args], input=stdin, capture_output=True,
                          text=True, timeout=120)


def test_extract_prints_the_spec_record(tmp_path):
    (tmp_path / "one.txt").write_text(SENTENCE, encoding="utf-8")
    run = marsad("extract", str(tmp_path / "one.txt"), "--published", "2024-07-25")
    assert run.returncode == 0, run.stderr
    record = json.loads(run.stdout)
    for key in ("doc_id", "language", "published", "source", "sentences", "entities", "times", "events", "quotes"):
        assert key in record
    assert record["doc_id"] == "one" and record["published"] == "2024-07-25"
    s = record["sentences"][0]
    assert SENTENCE[s["start"]:s["end"]] == SENTENCE


def test_a_bad_file_is_named_and_the_rest_of_the_batch_is_kept(tmp_path):
    (tmp_path / "good.txt").write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes("في دمشق".encode("cp1256"))
    (tmp_path / "english.txt").write_text("The president met his counterpart in Moscow.", encoding="utf-8")
    run = marsad("extract", str(tmp_path / "bad.txt"), str(tmp_path / "good.txt"), str(tmp_path / "english.txt"),
                 "--format", "jsonl")
    assert run.returncode == 1
    assert [json.loads(line)["doc_id"] for line in run.stdout.splitlines()] == ["good", "english"]
    errors = run.stderr.strip().splitlines()
    assert len(errors) == 2 and "Traceback" not in run.stderr
    assert errors[0].startswith("marsad: ") and "bad.txt: not valid UTF-8" in errors[0]
    assert "english.txt: warning: no Arabic text" in errors[1]


def test_only_warnings_exit_zero(tmp_path):
    (tmp_path / "english.txt").write_text("No Arabic here at all.", encoding="utf-8")
    run = marsad("extract", str(tmp_path / "english.txt"))
    assert run.returncode == 0 and "warning: no Arabic text" in run.stderr


def test_standard_input_and_output_file(tmp_path):
    out = tmp_path / "out.jsonl"
    run = marsad("extract", "-", "--format", "jsonl", "--output", str(out), stdin=SENTENCE)
    assert run.returncode == 0, run.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["doc_id"] == "stdin"


def test_user_mistakes_get_a_message_not_a_traceback(tmp_path):
    (tmp_path / "one.txt").write_text(SENTENCE, encoding="utf-8")
    for args in (["extract", str(tmp_path / "one.txt"), "--published", "yesterday"],
                 ["extract", str(tmp_path / "one.txt"), "--format", "xml"],
                 ["extract", str(tmp_path / "one.txt"), "--output", str(tmp_path / "no" / "such" / "dir.json")],
                 ["extract", str(tmp_path / "missing.txt")]):
        run = marsad(*args)
        assert run.returncode != 0 and "Traceback" not in run.stderr, args
        assert run.stderr.strip(), args


def test_demo_runs_on_the_bundled_samples():
    run = marsad("demo")
    assert run.returncode == 0, run.stderr
    assert "sample-visit" in run.stdout and "sample-strike" in run.stdout


def test_extract_without_the_ner_model(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("وأكد أسامة داود عبد اللطيف أن الشركة ستواصل العمل في السودان.", encoding="utf-8")
    names = {}
    for flag in ("--model", "--no-model"):
        run = subprocess.run([sys.executable, "-m", "marsad", "extract", str(article), flag],
                             capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        names[flag] = [e["name_ar"] for e in json.loads(run.stdout)["entities"]]
    assert len(names["--model"]) == 2 and names["--no-model"] == ["السودان"]
