"""The NER model: features, the cached-vector tagger against CRFsuite's own, the training
script's scoring, and the pipeline stage that adds names no lexicon lists."""
from __future__ import annotations

import pycrfsuite
import pytest

import marsad
from marsad.ner.features import document_features, lexicon_marks, sentence_features, stem_of
from marsad.ner import tagger as tagger_module
from marsad.ner.tagger import MODEL_PATH, Tagger, entity_spans, tagger
from marsad.ner.train import as_documents, read_conll, score
from marsad.text.normalise import normalise_word
from marsad.text.segment import sentence_words
from conftest import shared_path

# From the seed article: Putin received Assad in the Kremlin.
SENTENCE = "استقبل الرئيس الروسي فلاديمير بوتين نظيره السوري بشار الأسد في الكرملين".split()


def test_features_carry_lexicon_marks_and_neighbours():
    features = sentence_features(SENTENCE)
    putin = features[3]
    assert "lex=B-PER:name" in putin  # فلاديمير بوتين is in people.tsv
    assert "-1:w=الروسي" in putin and "+1:w=بوتين" in putin
    assert "given" in putin  # فلاديمير is a listed given name
    assert "-1:edge" in features[0] and "+1:edge" in features[-1]


def test_stem_features_strip_proclitics_and_read_the_skeleton():
    # words of the seed article and the corpora: the longest proclitic the rest allows
    assert [stem_of(normalise_word(w)) for w in ("وبالكرملين", "للأسد", "وسيزور", "سلام", "وب")] == [
        "كرملين", "اسد", "يزور", "سلام", "وب"]  # س is the future particle only before ي ت ن ا
    features = sentence_features(["وبالكرملين"])[0]
    assert "pre=وبال" in features and "stem=كرملين" in features
    assert "cv=CCCCVC" in features and "p3=كرم" in features and "s3=لين" in features


def test_lexicon_marks_stay_inside_their_sentence():
    words = [[normalise_word(w) for w in SENTENCE[:4]], [normalise_word(w) for w in SENTENCE[4:]]]
    marks = lexicon_marks(words)
    # فلاديمير | بوتين split across two sentences: neither half is the full name
    assert not any(m.startswith("lex=B-PER:name") for m in marks[0][3])


def test_document_cues_link_a_bare_surname_to_its_full_mention():
    doc = [["قال", "محمد", "الصوارمي", "إن", "الهجوم", "فشل"], ["وأضاف", "الصوارمي", "أن", "القوات", "انسحبت"]]
    later = document_features(doc)[1][1]
    assert "doc:after_given" in later  # the second sentence alone has no given name before it


def test_tagger_finds_people_and_places_in_a_news_sentence():
    tags = tagger().tag(SENTENCE)
    spans = {(" ".join(SENTENCE[a:b]), kind) for a, b, kind in entity_spans(tags)}
    assert ("فلاديمير بوتين", "PERS") in spans
    assert ("بشار الأسد", "PERS") in spans


def test_the_tagger_gives_crfsuites_labels():
    """The cached-vector Viterbi decodes the shipped model as CRFsuite's tagger does."""
    sentences = list(read_conll(shared_path("data", "anercorp", "train.txt")))[-300:]
    reference = pycrfsuite.Tagger()
    reference.open(str(MODEL_PATH))
    same = total = 0
    for document in as_documents(sentences):
        words = [w for w, _ in document]
        ours = tagger().tag_document(words)
        theirs = [reference.tag(f) for f in document_features(words)]
        for a, b in zip(ours, theirs):
            same += sum(x == y for x, y in zip(a, b))
            total += len(a)
    # the model's weights are read back rounded to six decimals: a near-tie may flip
    assert same / total > 0.999


def test_entity_spans_read_bio_like_conlleval():
    assert entity_spans(["B-PERS", "I-PERS", "O", "I-LOC", "B-ORG", "B-ORG"]) == [
        (0, 2, "PERS"), (3, 4, "LOC"), (4, 5, "ORG"), (5, 6, "ORG")]
    assert entity_spans(["B-PERS", "I-LOC"]) == [(0, 1, "PERS"), (1, 2, "LOC")]
    assert entity_spans(["I-PERS", "OO", "I-PERS", "I-PERS", "O"]) == [(0, 1, "PERS"), (2, 4, "PERS")]


def test_find_names_gives_the_spans_of_the_labels(seed_text):
    sentences = [[w for _, _, w in words] for words in sentence_words(marsad.extract(seed_text, model=False))]
    labels = tagger().tag_document(sentences, normalised=True)
    names = tagger().find_names(sentences, normalised=True)
    assert names == [entity_spans(tags) for tags in labels]
    assert sum(map(len, names)) > 20


def test_score_is_exact_span_and_type():
    gold = [["B-PERS", "I-PERS", "O", "B-LOC"]]
    predicted = [["B-PERS", "O", "O", "B-LOC"]]  # the person's span is cut short
    figures = score(gold, predicted)
    assert figures["ALL"]["precision"] == 0.5 and figures["ALL"]["recall"] == 0.5
    assert figures["LOC"]["f1"] == 1.0 and figures["PERS"]["f1"] == 0.0


def test_read_conll_maps_aqmar_tags(tmp_path):
    path = tmp_path / "aqmar.txt"
    path.write_text("دمشق B-LOC\nهي O\n\nابن B-PER\nسينا I-PER\nالطب B-MIS1\n", encoding="utf-8")
    assert list(read_conll(path)) == [(["دمشق", "هي"], ["B-LOC", "O"]),
                                      (["ابن", "سينا", "الطب"], ["B-PERS", "I-PERS", "B-MISC"])]


def test_a_name_no_lexicon_lists_becomes_an_entity_and_an_actor():
    doc = marsad.extract("وأكد أسامة داود عبد اللطيف أن الشركة ستواصل العمل في السودان. "
                         "والتقى أسامة داود عبد اللطيف وزير المالية في الخرطوم.", "2024-05-01")
    found = [e for e in doc.entities if (e.key or "").startswith("model:")]
    assert found, [e.name_ar for e in doc.entities]
    person = next(e for e in found if e.kind == "PER")
    assert "داود" in person.name_ar and person.confidence < 1
    assert len(person.mentions) == 2 and all(m.how == "model" for m in person.mentions)
    assert sum(a.entity is person for a in doc.actors) == 2
    record = doc.to_dict()
    mention = next(e for e in record["entities"] if e["name_ar"] == person.name_ar)["mentions"][0]
    assert doc.text[mention["start"]:mention["end"]] == mention["text"]


def test_a_person_read_after_a_title_gathers_the_mentions_the_model_finds():
    doc = marsad.extract("وقال رجل الأعمال السوداني أسامة داود عبد اللطيف إن الشركة ستواصل العمل. "
                         "والتقى أسامة داود عبد اللطيف وزير المالية في الخرطوم.", "2024-05-01")
    people = [e for e in doc.entities if e.kind == "PER"]
    assert len(people) == 1 and (people[0].country, people[0].sector) == ("SDN", "BUS")
    assert [m.how for m in people[0].mentions] == ["name", "model"]
    assert sum(a.entity is people[0] for a in doc.actors) == 2


def test_ordinary_words_the_model_may_tag_are_not_entities():
    doc = marsad.extract("وقالت المصادر إن الأكراد في المدينة رفضوا الاتفاق. رحمه الله.", "2024-05-01")
    assert not [e.name_ar for e in doc.entities if (e.key or "").startswith("model:")]


# SaudiNewsNet 2015-07-21-277, its first three paragraphs
TSIPRAS = (
    "لم يتوقع أحد في بداية ظهوره قبل خمسة أشهر كرئيس لوزراء اليونان أن يستحوذ الشاب ألكسيس تسيبراس، على "
    "اهتمام وسائل الإعلام المحلية والدولية، ويخطف الأضواء بوطنيته الإغريقية المميزة، وسعيه للنهوض ببلاده وعدم "
    "قبوله أي شيء يثقل كاهل المواطنين اليونانيين وخصوصا بعد معاناتهم نحو ست سنوات في ظل تدابير تقشفية قاسية "
    "وصارمة، أرجعها إلى تواطؤ الحكومات السابقة في عدم الوقوف في وجه الدائنين.\n\n"
    "قرار تسيبراس مساء الجمعة قبل الماضي بإجراء استفتاء في اليونان حول خطة إنقاذ الدائنين، جاء بمثابة الزلزال "
    "الذي هز أوروبا وربما الرأسماليين في كل دول العالم، حيث أرغم الشركاء في أوروبا والمؤسسات الدولية على أن "
    "تصنفه بالرجل الخطير، بعد أن كانت قد وجهت بعض المؤسسات الدولية انتقادات لأثينا وخصوصا كريستين لاغارد "
    "مديرة صندوق النقد الدولي التي قالت إنها تشعر أنها تتفاوض مع غير راشدين! بالإشارة إلى التفاوض مع "
    "المسؤولين اليونانيين.")


def test_a_family_name_alone_is_the_person_the_article_names_in_full():
    doc = marsad.extract(TSIPRAS, "2015-07-21")
    (person,) = [e for e in doc.entities if "تسيبراس" in e.name_ar]
    assert person.name_ar == "ألكسيس تسيبراس" and person.kind == "PER"
    assert [m.text for m in person.mentions] == ["ألكسيس تسيبراس", "تسيبراس"]
    assert sum(a.entity is person for a in doc.actors) == 2


def test_a_family_name_taken_for_a_place_is_the_person_and_no_mention_of_it_lies_inside_the_name():
    # SaudiNewsNet 2015-07-21-2177: the model takes شيراكاوا alone for a place
    doc = marsad.extract(
        "في الوقت الذي فشل فيه محافظ بنك اليابان هاروهيكو كورودا في الحصول على الكثير من الزخم في مسعاه لإنعاش "
        "اقتصاد بلاده، ينبغي عليه أن يفكر بالرجل الذي حذره من احتمالية حدوث هذا ماساكي شيراكاوا، المحافظ السابق "
        "للبنك. وكان ماساكي شيراكاوا ضد آلان جرينسبان منذ أن ترك بنك اليابان في مارس 2013. وبينما كان يظهر "
        "محافظ بنك الاحتياطي الفيدرالي السابق في جميع أنحاء شاشات التلفزيون للدفاع عن تراثه، شيراكاوا كان نادرا "
        "ما يتحدث. وعندما كان لا يزال في منصبه، ادعى شيراكاوا دائما أن أسباب الانكماش في اليابان كانت تكمن في "
        "صرامة الاقتصاد.", "2015-07-21")
    (person,) = [e for e in doc.entities if "شيراكاوا" in e.name_ar]
    assert person.kind == "PER"
    assert [m.text for m in person.mentions] == ["ماساكي شيراكاوا"] * 2 + ["شيراكاوا"] * 2
    spans = sorted((m.start, m.end) for e in doc.entities for m in e.mentions if m.how == "model")
    assert all(end <= start for (_, end), (start, _) in zip(spans, spans[1:]))  # no two of them overlap


def test_nunation_ends_a_name_the_model_finds():
    # SaudiNewsNet 2015-07-21-486: مبعوثًا جديدًا describes the name, and is no part of it
    doc = marsad.extract("ورحب مجلس الوزراء بتعيين إسماعيل ولد شيخ أحمد مبعوثًا جديدًا للأمين العام للأمم "
                         "المتحدة إلى اليمن.", "2015-07-21")
    assert "إسماعيل ولد شيخ أحمد" in [e.name_ar for e in doc.entities if e.kind == "PER"]


def test_the_word_after_al_or_bin_belongs_to_the_name():
    # SaudiNewsNet 2015-07-21-1547: الشيخ is a title, but after آل it is the family's name
    doc = marsad.extract("وجه معالي وزير الشؤون الإسلامية والأوقاف والدعوة والإرشاد الشيخ صالح بن عبدالعزيز بن "
                         "محمد آل الشيخ، بتوزيع (موسوعة خطب الجمعة) على فروع الوزارة الرئيسية.", "2015-07-21")
    assert "صالح بن عبدالعزيز بن محمد آل الشيخ" in [e.name_ar for e in doc.entities if e.kind == "PER"]


def test_a_given_name_or_a_word_with_the_article_alone_is_no_new_name():
    # SaudiNewsNet 2015-07-21-2659: المعهد (the institute) after ل, and عبدالله alone
    doc = marsad.extract("أتمنى شخصياً أن يتم قبول كل المتقدمين لبرامج المعهد. وقال عبد العزيز إن القبول "
                         "يتم آلياً للمعهد.", "2015-07-21")
    assert not [e.name_ar for e in doc.entities if (e.key or "").startswith("model:")]


def test_a_word_after_a_number_is_no_new_name():
    # SaudiNewsNet 2015-07-21-1230: riyals, not a place or a club
    doc = marsad.extract("«المدينة» تجولت في إحدى الاستراحات بحي العزيزية، وقال صديق شهيد _عامل_ سعر الاستراحة في "
                         "العيد يزيد 500 ريال وقبل العيد 12 ساعة بـ1000 ريال و24 ساعة 1700 ريال وفي العيد 12 ساعة "
                         "1500 ريال و24 ساعة 2000 ريال.", "2015-07-21")
    assert "ريال" not in [e.name_ar for e in doc.entities]


def test_seed_article_gains_no_false_names(seed_doc):
    model = [e.name_ar for e in seed_doc.entities if (e.key or "").startswith("model:")]
    assert model == [], model


@pytest.mark.parametrize("text", ["", "   ", "123 456"])
def test_tagging_texts_without_words(text):
    assert marsad.extract(text).entities == []


def test_a_new_persons_country_and_sector_come_from_the_title_before_the_name():
    doc = marsad.extract("وقال المتحدث باسم الجيش السوداني العقيد الصوارمي خالد سعد إن قوات الدعم السريع "
                         "هاجمت مدينة الفاشر.", "2024-05-01")
    person = next(e for e in doc.entities if (e.key or "").startswith("model:PER"))
    assert "خالد سعد" in person.name_ar and (person.country, person.sector) == ("SDN", "MIL")


def test_the_model_can_be_left_out(tmp_path):
    text = "وأكد أسامة داود عبد اللطيف أن الشركة ستواصل العمل في السودان."
    with_model = marsad.extract(text, "2024-05-01")
    without = marsad.extract(text, "2024-05-01", model=False)
    assert any((e.key or "").startswith("model:") for e in with_model.entities)
    assert [e.key for e in without.entities] == ["country:SDN"]


def test_a_full_word_cache_forgets_the_least_used_words_and_labels_stay_the_same(monkeypatch, seed_doc):
    sentences = [[w for _, _, w in words] for words in sentence_words(seed_doc) if words]
    expected = [Tagger().tag(words) for words in sentences]
    monkeypatch.setattr(tagger_module, "_CACHED_WORDS", 60)
    small = Tagger()
    for _ in range(2):  # the second time round, the first sentences' words were forgotten
        assert [small.tag(words) for words in sentences] == expected
        assert len(small._cache.words) <= 60 + max(len(words) for words in sentences)
    assert "اوغاريت" in small._cache.index  # in the last sentence, so kept


def test_the_decoder_still_compiles_where_numba_can_keep_no_cache(monkeypatch):
    import numba

    compile_ = numba.njit

    def njit(*args, cache=False, **options):
        if cache:
            raise RuntimeError("cannot cache function: no locator available")
        return compile_(*args, **options)

    expected = tagger().tag(SENTENCE)
    monkeypatch.setattr(numba, "njit", njit)
    tagger_module._decoder.cache_clear()
    try:
        assert Tagger().tag(SENTENCE) == expected
    finally:
        tagger_module._decoder.cache_clear()
