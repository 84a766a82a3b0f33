from marsad import extract
from marsad.text.segment import split_sentences


def sentences(text: str) -> list[str]:
    doc = extract(text)
    return [text[s.start:s.end] for s in doc.sentences]


def test_splits_on_arabic_and_latin_punctuation():
    text = "وصل الوفد إلى دمشق. هل ستنجح المحادثات؟ نعم! ثم عاد؛ وانتهى الأمر"
    assert sentences(text) == ["وصل الوفد إلى دمشق.", "هل ستنجح المحادثات؟", "نعم!", "ثم عاد؛", "وانتهى الأمر"]


def test_line_breaks_end_sentences():
    assert sentences("المصدر: موقع المونيتور الأمريكي\nترجمة: أوغاريت بوست") == [
        "المصدر: موقع المونيتور الأمريكي", "ترجمة: أوغاريت بوست"]


def test_not_inside_numbers_or_abbreviations():
    text = "ارتفع المؤشر 3.5 في المئة. وقال د. أحمد إن شبكة ان.بي.سي نقلت الخبر."
    assert sentences(text) == ["ارتفع المؤشر 3.5 في المئة.", "وقال د. أحمد إن شبكة ان.بي.سي نقلت الخبر."]


def test_not_inside_open_quotations():
    # dev article snn-dev-01: Cameron's quotation holds several sentences
    text = ('وقال كاميرون لشبكة "ان.بي.سي" الاميركية "أود أن تبذل بريطانيا المزيد. علي دائما أن أجعل '
            'البرلمان في صفي... نبحث ونناقش في الوقت الحالي"، في اشارة الى سوريا. وانتهت المقابلة.')
    got = sentences(text)
    assert len(got) == 2 and got[1] == "وانتهت المقابلة."
    assert len(split_sentences("قال: «الوضع صعب. لكننا سنواصل». ثم غادر.")) == 2


def test_seed_sentences_cover_the_lines(seed_doc, seed_text):
    lines = [line for line in seed_text.split("\n") if line.strip()]
    assert len(seed_doc.sentences) >= len(lines)
    first = seed_doc.sentences[0]
    assert seed_text[first.start:first.end] == lines[0]
    assert all(seed_text[s.start:s.end].strip() == seed_text[s.start:s.end] for s in seed_doc.sentences)


def test_tokens_keep_offsets_and_normalised_form(seed_doc, seed_text):
    from marsad.text.normalise import normalise_word

    for tok in seed_doc.tokens:
        assert normalise_word(seed_text[tok.start:tok.end]) == tok.norm
    words = [t.norm for t in seed_doc.tokens[:8]]
    assert words == ["كانت", "روسيا", "الداعم", "الرئيسي", "لقوات", "الرئيس", "بشار", "الاسد"]
