import codecs
import json
import zipfile

from marsad.read.inputs import Article, InputProblem, read_inputs

SENTENCE = "وقال الأسد إن لقاءه مع بوتين كان مهماً للغاية."


def read(*paths) -> list:
    return list(read_inputs([str(p) for p in paths]))


def test_text_encodings_and_line_ends(tmp_path):
    (tmp_path / "plain.txt").write_bytes(SENTENCE.encode())
    (tmp_path / "bom.txt").write_bytes(codecs.BOM_UTF8 + SENTENCE.encode())
    (tmp_path / "utf16.txt").write_bytes(SENTENCE.encode("utf-16"))
    (tmp_path / "crlf.txt").write_bytes(("سطر أول\r\n" + SENTENCE).encode())
    items = read(tmp_path / "plain.txt", tmp_path / "bom.txt", tmp_path / "utf16.txt", tmp_path / "crlf.txt")
    assert [type(i) for i in items] == [Article] * 4
    assert [i.text for i in items[:3]] == [SENTENCE] * 3
    assert items[3].text == "سطر أول\r\n" + SENTENCE  # kept as read, so offsets index the file
    assert items[0].doc_id == "plain"


def test_json_records_take_their_own_fields(tmp_path):
    records = [{"id": "a1", "text": SENTENCE, "published": "2024-07-25", "url": "http://x", "source": "sabq"},
               {"content": SENTENCE, "date_extracted": "2015-07-21 02:54:31", "title": "t"}]
    (tmp_path / "batch.json").write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    a, b = read(tmp_path / "batch.json")
    assert (a.doc_id, a.published, a.url, a.publisher) == ("a1", "2024-07-25", "http://x", "sabq")
    assert (b.doc_id, b.published, b.title) == ("batch-1", "2015-07-21 02:54:31", "t")


def test_jsonl_bad_line_is_reported_and_the_rest_kept(tmp_path):
    lines = [json.dumps({"id": "x", "text": SENTENCE}, ensure_ascii=False), "{not json", "[1, 2]",
             json.dumps({"id": "y", "title": "no text"}), json.dumps({"id": "z", "text": SENTENCE}, ensure_ascii=False)]
    (tmp_path / "b.jsonl").write_text("\n".join(lines), encoding="utf-8")
    items = read(tmp_path / "b.jsonl")
    assert [i.doc_id for i in items if isinstance(i, Article)] == ["x", "z"]
    problems = [str(i) for i in items if isinstance(i, InputProblem)]
    assert len(problems) == 3
    assert problems[0].endswith("b.jsonl:2: not valid JSON (Expecting property name enclosed in double quotes)")
    assert 'b.jsonl:4: record has no "text" or "content" string' in problems[2]


def test_zip_of_json_like_saudinewsnet(tmp_path):
    day = [{"source": "sabq", "url": "http://sabq.org/1", "date_extracted": "2015-07-21 02:51:32",
            "title": "عنوان", "author": "", "content": SENTENCE}, {"source": "sabq", "content": " "}]
    with zipfile.ZipFile(tmp_path / "2015-07-21.zip", "w") as z:
        z.writestr("2015-07-21.json", json.dumps(day, ensure_ascii=False))
    article, problem = read(tmp_path / "2015-07-21.zip")
    assert article.doc_id == "2015-07-21-0" and article.publisher == "sabq"
    assert isinstance(problem, InputProblem) and "empty" in problem.reason


def test_html_main_text_and_date(tmp_path):
    html = ("<html><head><title>خبر</title><meta property='article:published_time' content='2024-07-25'></head>"
            "<body><nav>الرئيسية | أخبار</nav><article><h1>خبر</h1><p>" + SENTENCE * 5 + "</p></article></body></html>")
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    (article,) = read(tmp_path / "page.html")
    assert "لقاءه مع بوتين" in article.text and "الرئيسية" not in article.text
    assert article.published == "2024-07-25"


def test_bad_inputs_each_get_a_reason(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\n ")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "latin1.txt").write_bytes("café في دمشق".encode("cp1256"))
    with open(tmp_path / "huge.txt", "wb") as f:
        f.truncate(50_000_000)  # sparse: 50 MB on paper, nothing written
    (tmp_path / "broken.json").write_text('{"text": "x",', encoding="utf-8")
    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04 not really")
    reasons = {p.origin.rsplit("/", 1)[-1]: p.reason for p in read(*sorted(tmp_path.iterdir()), tmp_path / "missing.txt")}
    assert reasons["empty.txt"].startswith("empty")
    assert reasons["blank.txt"].startswith("empty")
    assert reasons["binary.txt"] == "binary file, not text"
    assert reasons["latin1.txt"].startswith("not valid UTF-8 (bad byte")
    assert reasons["huge.txt"] == "too large (50.0 MB; the limit is 20 MB)"
    assert reasons["broken.json"].startswith("not valid JSON (line 1")
    assert reasons["broken.zip"].startswith("not a readable zip archive")
    assert reasons["missing.txt"] == "no such file or folder"


def test_folder_is_read_recursively(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "one.txt").write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "a" / "b" / "two.txt").write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "a" / "notes.pdf").write_bytes(b"%PDF")
    assert sorted(i.doc_id for i in read(tmp_path)) == ["one", "two"]
