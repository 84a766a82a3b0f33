"""`marsad ner` (CoNLL output of the NER model) and `marsad unknowns` (names no lexicon lists)."""
import json
import os
import re
import subprocess
import sys


from conftest import shared_path
from marsad.ner.conll import as_documents, conll_documents, conll_sentences, format_sentences, tag_conll
from marsad.ner.tagger import entity_spans
from marsad.unknowns import LEXICON_COLUMNS, UnknownName, lexicon_tsv, unknown_names

TAG = re.compile(r"O|[BI]-(PERS|LOC|ORG|MISC)")

# A minister no lexicon lists, read after his title (the entity has no key), twice in one
# article and once in another; and a spokesman the NER model finds after his rank.
ARTICLE = ("وقال وزير الزراعة التونسي سعد الصديق إن المحصول تضاعف هذا العام. "
           "وأضاف سعد الصديق أن الحكومة ستدعم المزارعين.\n"
           "وقال المتحدث باسم القوات المسلحة السودانية العقيد الصوارمي خالد سعد إن الجيش صد هجوما على مدينة كادقلي.\n")
OTHER = "وأكد وزير الزراعة التونسي سعد الصديق أن الموسم كان جيدا.\n"


def marsad(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "200"}  # a wide table, so that no name is folded
    return subprocess.run([sys.executable, "-m", "marsad", *args], input=stdin, capture_output=True,
                          text=True, timeout=300, env=env)


def assert_one_line_errors(run: subprocess.CompletedProcess, count: int) -> list[str]:
    errors = run.stderr.strip().splitlines()
    assert "Traceback" not in run.stderr
    assert len(errors) == count, run.stderr
    assert all(e.startswith("marsad: ") for e in errors), errors
    return errors


def sentences_of(output: str) -> list[list[tuple[str, str]]]:
    """token<TAB>TAG lines back into sentences (a blank line after each)."""
    assert output.endswith("\n\n")
    sentences = []
    for block in output.rstrip("\n").split("\n\n"):
        pairs = [tuple(line.split("\t")) for line in block.split("\n") if not line.startswith("# doc_id = ")]
        assert all(len(p) == 2 and p[0] and TAG.fullmatch(p[1]) for p in pairs), pairs
        sentences.append(pairs)
    return sentences


# --- marsad ner ---------------------------------------------------------------------------------

def test_ner_tags_every_token_of_a_news_sentence(tmp_path, seed_text):
    # the seed article's second line: الرئيس الروسي فلاديمير بوتين استضاف نظيره السوري بشار الأسد …
    line = seed_text.splitlines()[1]
    assert "فلاديمير بوتين" in line
    (tmp_path / "seed.txt").write_text(line, encoding="utf-8")
    run = marsad("ner", str(tmp_path / "seed.txt"))
    assert run.returncode == 0, run.stderr
    sentences = sentences_of(run.stdout)
    assert len(sentences) == 1
    tokens = [token for token, _ in sentences[0]]
    assert "".join(tokens) == "".join(line.split())  # every character of the text, as written, in order
    assert "," not in tokens and "،" in tokens  # written as in the text, not normalised
    tags = [tag for _, tag in sentences[0]]
    people = [" ".join(tokens[a:b]) for a, b, kind in entity_spans(tags) if kind == "PERS"]
    assert any("بوتين" in p for p in people) and any("الأسد" in p for p in people), people
    assert tags[tokens.index("بوتين")] in ("B-PERS", "I-PERS")


def test_ner_writes_articles_one_after_the_other_with_their_ids(tmp_path):
    (tmp_path / "one.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "two.txt").write_text(OTHER, encoding="utf-8")
    out = tmp_path / "tags.conll"
    run = marsad("ner", str(tmp_path / "one.txt"), str(tmp_path / "missing.txt"), str(tmp_path / "two.txt"),
                 "--doc-ids", "--output", str(out))
    assert run.returncode == 1 and run.stdout == ""
    assert "missing.txt: no such file" in assert_one_line_errors(run, 1)[0]
    text = out.read_text(encoding="utf-8")
    assert [line for line in text.splitlines() if line.startswith("#")] == ["# doc_id = one", "# doc_id = two"]
    sentences = sentences_of(text)
    assert len(sentences) == 4  # three in the first article, one in the second
    assert sentences[0][:6] == [("وقال", "O"), ("وزير", "O"), ("الزراعة", "O"), ("التونسي", "O"),
                                ("سعد", "B-PERS"), ("الصديق", "I-PERS")]
    # what the --conll reader makes of it: the # doc_id lines are document breaks
    documents = conll_documents(list(conll_sentences(text.splitlines())))
    assert [len(d) for d in documents] == [3, 1]


def test_ner_reads_standard_input():
    run = marsad("ner", "-", stdin=OTHER)
    assert run.returncode == 0, run.stderr
    assert sentences_of(run.stdout)[0][4:6] == [("سعد", "B-PERS"), ("الصديق", "I-PERS")]


def test_ner_conll_keeps_the_files_lines(tmp_path):
    gold = shared_path("data", "anercorp", "train.txt").read_text(encoding="utf-8").splitlines()[:60]
    # and what else a CoNLL file may hold: a -DOCSTART- line, two blank lines in a row, more columns
    lines = ["-DOCSTART- -X- O", ""] + gold[:40] + [""] + [f"{line} extra" if line else line for line in gold[40:]]
    conll = tmp_path / "small.conll"
    conll.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = marsad("ner", "--conll", str(conll))
    assert run.returncode == 0, run.stderr
    out = run.stdout.split("\n")
    assert out.pop() == ""  # the line end of the last line
    assert len(out) == len(lines)
    assert out[0] == "-DOCSTART-\tO"
    predicted, expected = [], []
    for given, tagged in zip(lines[1:], out[1:]):
        if not given.strip():
            assert tagged == ""
            continue
        token, tag = tagged.split("\t")
        assert token == given.split()[0] and TAG.fullmatch(tag)
        predicted.append(tag)
        expected.append(given.split()[1])
    # the model learned from these very sentences: most of their names come back
    found = set(entity_spans(predicted)) & set(entity_spans(expected))
    assert len(found) >= len(entity_spans(expected)) // 2 > 0


def test_conll_reader_sentences_documents_and_tags():
    lines = ["-DOCSTART- O", "", "محمد B-PER", "علي I-PER", "", "", "في O", "-DOCSTART-", "عمان B-LOC",
             "# doc_id = x", "اليوم"]
    sentences = list(conll_sentences(lines))
    assert [(s.words, s.tags, s.line, s.document) for s in sentences] == [
        (["محمد", "علي"], ["B-PERS", "I-PERS"], 2, 1), (["في"], ["O"], 6, 1), (["عمان"], ["B-LOC"], 8, 2),
        (["اليوم"], ["O"], 10, 3)]
    assert [len(d) for d in conll_documents(sentences)] == [2, 1, 1]
    assert [len(d) for d in as_documents(list(range(85)))] == [40, 40, 5]
    out = tag_conll(lines)
    assert len(out) == len(lines) and out[:3] == ["-DOCSTART-\tO", "", "محمد\tB-PERS"]
    assert out[4:6] == ["", ""] and out[7] == "-DOCSTART-\tO" and out[9] == "# doc_id = x"
    assert format_sentences([[("a", "O")]], "x y") == "# doc_id = x y\na\tO\n\n"


def test_ner_bad_inputs_are_one_line_each(tmp_path):
    good = tmp_path / "good.conll"
    good.write_text("بيروت B-LOC\n", encoding="utf-8")
    (tmp_path / "binary.conll").write_bytes(b"\x00\x01\x02 O\n")
    (tmp_path / "cp1256.conll").write_bytes("في دمشق O\n".encode("cp1256"))
    (tmp_path / "empty.conll").write_text("\n\n", encoding="utf-8")
    names = ["binary.conll", "good.conll", "cp1256.conll", "missing.conll", "empty.conll"]
    run = marsad("ner", "--conll", *(str(tmp_path / n) for n in names))
    assert run.returncode == 1
    assert run.stdout == "بيروت\tB-LOC\n"
    errors = assert_one_line_errors(run, 4)
    for error, name, reason in zip(errors, ["binary", "cp1256", "missing", "empty"],
                                   ["binary", "not valid UTF-8", "no such file", "empty"]):
        assert f"{name}.conll: " in error and reason in error, error
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02")
    run = marsad("ner", str(tmp_path / "binary.txt"))
    assert run.returncode == 1 and run.stdout == ""
    assert "binary.txt: binary file" in assert_one_line_errors(run, 1)[0]
    run = marsad("ner", str(good), "--output", str(tmp_path / "no" / "such" / "dir.conll"))
    assert run.returncode == 2 and "cannot be written" in assert_one_line_errors(run, 1)[0]


# --- marsad unknowns ----------------------------------------------------------------------------

def test_unknown_names_are_counted_across_documents():
    import marsad as library

    docs = [library.extract(ARTICLE, "2024-07-25", "one"), library.extract(OTHER, "2024-07-25", "two")]
    names = {n.name_ar: n for n in unknown_names(docs)}
    minister = names["سعد الصديق"]
    assert (minister.kind, minister.mentions, minister.documents) == ("PER", 3, 2)
    assert (minister.country, minister.sector, minister.doc_id) == ("TUN", "GOV", "one")
    assert minister.example.startswith("وقال وزير الزراعة التونسي سعد الصديق") and "\n" not in minister.example
    spokesman = names["خالد سعد"]  # the NER model's (it leaves out الصوارمي)
    assert (spokesman.kind, spokesman.mentions, spokesman.documents) == ("PER", 1, 1)
    assert list(names)[0] == "سعد الصديق"  # most mentions first
    assert [n.name_ar for n in unknown_names(docs, top=1)] == ["سعد الصديق"]
    assert unknown_names(docs, kinds=["ORG"]) == []


def test_a_long_example_is_cut_around_the_name():
    import marsad as library

    long = "وقال " + "كلام طويل " * 40 + "وزير الزراعة التونسي سعد الصديق إن " + "المحصول تضاعف " * 40 + "."
    (minister,) = [n for n in unknown_names([library.extract(long, "2024-07-25")]) if n.name_ar == "سعد الصديق"]
    assert "سعد الصديق" in minister.example
    assert minister.example.startswith("… ") and minister.example.endswith(" …")
    assert len(minister.example) <= 130


def test_unknowns_lists_the_name_with_its_count_and_an_example(tmp_path):
    (tmp_path / "one.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "two.txt").write_text(OTHER, encoding="utf-8")
    run = marsad("unknowns", str(tmp_path / "one.txt"), str(tmp_path / "two.txt"), str(tmp_path / "gone.txt"))
    assert run.returncode == 1
    assert "gone.txt: no such file" in assert_one_line_errors(run, 1)[0]
    row = next(line for line in run.stdout.splitlines() if "سعد الصديق" in line)
    assert re.search(r"PER\s+3\s+2\s", row), row
    assert "TUN GOV" in row and "المحصول" in row  # the country and sector, and the example sentence
    assert "خالد سعد" in run.stdout


def test_unknowns_tsv_loads_with_lexicon_and_the_name_is_then_known(tmp_path):
    (tmp_path / "one.txt").write_text(ARTICLE, encoding="utf-8")
    run = marsad("unknowns", str(tmp_path / "one.txt"), "--tsv")
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[:2] == ["# marsad: people", "\t".join(LEXICON_COLUMNS["PER"][1])]
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")][1:]
    assert ["Saad al-Sdyq", "سعد الصديق", "", "TUN", "GOV", "", "", "", ""] in rows
    lexicon = tmp_path / "people.tsv"
    lexicon.write_text(run.stdout, encoding="utf-8")

    run = marsad("extract", str(tmp_path / "one.txt"), "--lexicon", str(lexicon))
    assert run.returncode == 0, run.stderr
    (minister,) = [e for e in json.loads(run.stdout)["entities"] if e["name_ar"] == "سعد الصديق"]
    assert minister["confidence"] == 1.0 and len(minister["mentions"]) == 2  # a lexicon entry now, not a guess

    run = marsad("unknowns", str(tmp_path / "one.txt"), "--lexicon", str(lexicon))
    assert run.returncode == 0, run.stderr
    assert "سعد الصديق" not in run.stdout and "خالد سعد" not in run.stdout


def test_the_tsv_of_several_kinds_is_one_lexicon_file_that_loads(tmp_path):
    from marsad.pipeline import extract, load_lexicons

    def unknown(name_ar, kind, name, country=None, sector=None):
        return UnknownName(name_ar, kind, 2, 1, name, country, sector, f"مثال فيه {name_ar}\tونص", "doc")

    names = [unknown("مجلس قبائل البقارة", "ORG", "Baggara Tribal Council", "SDN"),
             unknown("أم دافوق", "LOC", "Um Dafoug", "XXX"),  # no such country: left out, or the file would not load
             unknown("سعد الصديق", "PER", "Saad al-Sdyq", "TUN", "GOV"),
             unknown("بشار", "PER", "Bashar al-Assad"),  # a packaged entry's name
             unknown("ميم", "PER", "Saad al-Sdyq", sector="gov")]  # the name of the row above; no sector code
    text = lexicon_tsv(names)
    blocks = text.split("\n\n")
    assert [b.splitlines()[0] for b in blocks] == ["# marsad: people", "# marsad: organisations", "# marsad: places"]
    assert "names an entry of people.tsv" in blocks[0] and "the name of a row above" in blocks[0]
    (tmp_path / "unknowns.tsv").write_text(text, encoding="utf-8")  # a file of three tables
    loaded = load_lexicons([tmp_path / "unknowns.tsv"])  # a bad field would raise LexiconError
    doc = extract("قال ممثل مجلس قبائل البقارة إن الوفد سيزور أم دافوق.", "2024-07-25", lexicons=loaded)
    assert {e.name for e in doc.entities} >= {"Baggara Tribal Council", "Um Dafoug"}
    rows = [line.split("\t") for line in blocks[2].splitlines()[2:] if not line.startswith("#")]
    assert rows == [["Um Dafoug", "أم دافوق", "", "", "", "", "", ""]]


def test_unknowns_refuses_an_unknown_kind(tmp_path):
    (tmp_path / "one.txt").write_text(OTHER, encoding="utf-8")
    run = marsad("unknowns", str(tmp_path / "one.txt"), "--kind", "THING")
    assert run.returncode != 0 and "Traceback" not in run.stderr and "--kind" in run.stderr
    run = marsad("unknowns", str(tmp_path / "one.txt"), "--kind", "org")
    assert run.returncode == 0 and "سعد الصديق" not in run.stdout
