from marsad.text.clitics import analyse, lookup_forms
from marsad.text.normalise import normalise_word


def forms(word: str) -> tuple[str, ...]:
    return lookup_forms(normalise_word(word))


def test_prepositions_and_conjunctions_expose_the_stem():
    assert "موسكو" in forms("وبموسكو")
    assert "موسكو" in forms("لموسكو")
    assert "موسكو" in forms("فموسكو")
    assert "بغداد" in forms("وبغداد")


def test_lil_is_lam_plus_article():
    found = forms("للأسد")
    assert "الاسد" in found and "اسد" in found
    assert "الدوله" in forms("للدولة")


def test_pronoun_suffix_with_teh_marbuta_restored():
    readings = analyse(normalise_word("وسيطرتها"))
    assert any(r.prefix == "و" and r.stem == "سيطره" and r.suffix == "ها" for r in readings)


def test_word_as_written_comes_first():
    assert forms("بشار")[0] == "بشار"
    assert forms("لبنان")[0] == "لبنان"


def test_future_particle_only_before_imperfect_verbs():
    assert any(r.prefix == "وس" and r.stem == "يواصل" for r in analyse(normalise_word("وسيواصل")))
    assert not any(r.prefix == "س" for r in analyse(normalise_word("سوريا")))


def test_definite_nouns_take_no_possessive_suffix():
    assert not any(r.definite and r.suffix for r in analyse(normalise_word("والحكومه")))
