import pytest

from marsad.lexicons import LexiconError, read_table
from marsad.text.normalise import normalise_word
from marsad.text.phrases import PhraseMatcher

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
