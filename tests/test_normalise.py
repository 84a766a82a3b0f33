from marsad.text.normalise import normalise, normalise_word


def test_folds_letter_variants_diacritics_and_digits():
    assert normalise_word("أَعلنَ") == "اعلن"
    assert normalise_word("إسرائيل") == "اسرائيل"
    assert normalise_word("آذار") == "اذار"
    assert normalise_word("مستشفى") == "مستشفي"
    assert normalise_word("السورية") == "السوريه"
    assert normalise_word("٢٢/٣/٢٠٢٤") == "22/3/2024"
    assert normalise_word("۱۴۰۳") == "1403"
    assert normalise_word("رســـمـيًا") == "رسميا"
    assert normalise_word("“مهماً للغاية”") == '"مهما للغايه"'
    assert normalise_word("a\u200fb\u200bc") == "abc"


def test_offsets_map_back_to_the_original_text():
    text = "قالَ الرئيسُ الروسيّ فلاديمير بوتين، اليومَ: «هذا مهمٌّ جداً»"
    norm = normalise(text)
    assert len(norm.text) < len(text)
    i = norm.text.index("بوتين")
    start, end = norm.original_span(i, i + len("بوتين"))
    assert text[start:end] == "بوتين"
    j = norm.text.index("الروسي")
    start, end = norm.original_span(j, j + len("الروسي"))
    assert text[start:end] == "الروسيّ"  # the shadda on the last letter belongs to the word
    assert normalise_word(text[start:end]) == "الروسي"


def test_every_normalised_index_maps_into_the_original(seed_text):
    norm = normalise(seed_text)
    for i, ch in enumerate(norm.text):
        o = norm.original_index(i)
        assert normalise_word(seed_text[o]) == ch
        assert norm.normalised_index(o) == i
    assert norm.original_index(len(norm.text)) == len(seed_text)
