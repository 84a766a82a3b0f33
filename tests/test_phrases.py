import pytest

from marsad.events.lexicon import triggers
from marsad.lexicons import LexiconError, read_table
from marsad.lexicons.gazetteer import gazetteer
from marsad.recognise.lexicon_hits import lexicon_hits
from marsad.text.normalise import normalise_word
from marsad.text.phrases import VERB_PROCLITICS, PhraseMatcher, find_all_of

MATCHER = PhraseMatcher([("موسكو", "Moscow"), ("الأسد", "Assad"), ("بشار الأسد", "Bashar al-Assad"),
                         ("سوريا", "Syria"), ("قوات سوريا الديمقراطية", "SDF")])


def found(text: str) -> list[tuple[str, str, str]]:
    norm = normalise_word(text)
    return [(h.prefix, norm[h.start:h.end], h.payloads[0]) for h in MATCHER.find(norm)]


def test_proclitics_are_allowed_before_a_phrase():
    assert found("وبموسكو") == [("وب", "موسكو", "Moscow")]
    assert found("لموسكو وكموسكو") == [("ل", "موسكو", "Moscow"), ("وك", "موسكو", "Moscow")]


def test_lil_contraction_of_the_article():
    assert found("دعوة للأسد") == [("ل", "لاسد", "Assad")]


def test_longest_match_wins():
    assert found("بشار الأسد وقوات سوريا الديمقراطية") == [
        ("", "بشار الاسد", "Bashar al-Assad"), ("و", "قوات سوريا الديمقراطيه", "SDF")]


def test_no_match_inside_a_longer_word():
    assert found("سورياتي موسكوفي باسوريا") == []


def test_one_pass_finds_what_each_matcher_finds_alone():
    # the same phrase in two matchers, and a verb matcher that allows the future particle
    verbs = PhraseMatcher([("يزور", "visit"), ("موسكو", "a verb lexicon's Moscow")], VERB_PROCLITICS)
    text = normalise_word("وسيزور الرئيس بشار الأسد موسكو، ولن يزورها للأسد أحد في سورياتي")
    alone = [MATCHER.find_all(text), verbs.find_all(text)]
    assert find_all_of((MATCHER, verbs), text) == alone
    assert [(h.prefix, text[h.start:h.end]) for h in alone[1]] == [("وس", "يزور"), ("", "موسكو")]
    assert find_all_of((MATCHER, verbs), "") == [[], []]


def test_lexicon_hits_are_what_the_matchers_find(seed_doc):
    gaz, text = gazetteer(), seed_doc.norm.text
    assert lexicon_hits(seed_doc, "lex") == gaz.names.find_all(text) != []
    assert lexicon_hits(seed_doc, "agent") == gaz.agents.find_all(text) != []
    assert lexicon_hits(seed_doc, "trigger") == triggers(()).find_all(text) != []


def test_lexicon_errors_name_file_line_and_field(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("name\tforms_ar\nRussia\tروسيا\textra\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"bad.tsv:2: 3 fields, the header has 2"):
        read_table(bad)
    missing = tmp_path / "missing.tsv"
    missing.write_text("name\nRussia\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"missing.tsv:1: header lacks the column\(s\) forms_ar"):
        read_table(missing, ("name", "forms_ar"))
    numbers = tmp_path / "numbers.tsv"
    numbers.write_text("# comment\nname\tlat\nX\tnorth\n", encoding="utf-8")
    (row,) = read_table(numbers)
    with pytest.raises(LexiconError, match=r"numbers.tsv:3: field 'lat': 'north' is not a number"):
        row.number("lat")
