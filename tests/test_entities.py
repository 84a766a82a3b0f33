"""Entities on real sentences: lexicon names, clitics, nisba adjectives, titles, coreference."""
import pytest

import marsad


def entities(text: str, published: str | None = "2024-07-25") -> dict[str, "marsad.document.Entity"]:
    doc = marsad.extract(text, published)
    for entity in doc.entities:
        for m in entity.mentions:
            assert text[m.start:m.end] == m.text
    return {e.name: e for e in doc.entities}


def test_seed_people_with_their_short_forms(seed_doc, seed_text):
    by_name = {e.name: e for e in seed_doc.entities}
    putin = by_name["Vladimir Putin"]
    assert (putin.kind, putin.country, putin.sector, putin.wikidata) == ("PER", "RUS", "GOV", "Q7747")
    texts = [m.text for m in putin.mentions]
    assert "فلاديمير بوتين" in texts and texts.count("بوتين") >= 5
    assad = by_name["Bashar al-Assad"]
    assert sum(m.text.endswith("الأسد") or m.text.endswith("لأسد") for m in assad.mentions) >= 8
    assert by_name["Recep Tayyip Erdogan"].country == "TUR"
    fidan = by_name["Hakan Fidan"]
    assert (fidan.country, fidan.sector) == ("TUR", "GOV")
    for entity in seed_doc.entities:
        for m in entity.mentions:
            assert seed_text[m.start:m.end] == m.text


def test_a_title_points_to_the_office_holder_at_the_articles_date(seed_doc):
    putin = next(e for e in seed_doc.entities if e.name == "Vladimir Putin")
    assert any(m.how == "title" and "الرئيس الروسي" in m.text for m in putin.mentions)


def test_clitics_do_not_hide_places():
    found = entities("وصل الوفد وبموسكو التقى نظيره، ثم توجه لدمشق وللقاهرة.")
    assert {"Moscow", "Damascus", "Cairo"} <= set(found)


def test_assad_the_lion_is_not_assad_the_president():
    assert "Bashar al-Assad" not in entities("هرب الأسد من حديقة الحيوان في المدينة صباح اليوم.")
    assert "Bashar al-Assad" in entities("وقال الرئيس الأسد إن الحرب ستنتهي.")


def test_erdogan_is_a_person_not_a_month(seed_doc):
    assert not any("رجب" in t.text for t in seed_doc.times)
    assert "Recep Tayyip Erdogan" in {e.name for e in seed_doc.entities}


def test_nisba_adjectives_name_their_country():
    found = entities("وسط جهود الوساطة العراقية المستمرة بين الجانبين.")
    assert found["Iraq"].kind == "LOC" and found["Iraq"].mentions[0].how == "nisba"


def test_ministry_with_nisba_is_a_named_institution():
    found = entities("وفي نيسان، انتقدت وزارة الخارجية الروسية الغارة الإسرائيلية المشتبه بها.")
    ministry = found["Russian Foreign Ministry"]
    assert (ministry.kind, ministry.country, ministry.sector) == ("ORG", "RUS", "GOV")
    assert "Ministry of Foreign Affairs of Russia" in ministry.aliases


def test_an_actor_inside_a_longer_one_is_dropped():
    # الروسية inside the ministry's name, and الإسرائيلية after الغارة, act only as part of them
    text = "وفي نيسان، انتقدت وزارة الخارجية الروسية الغارة الإسرائيلية المشتبه بها."
    doc = marsad.extract(text, "2024-07-25")
    actors = [(text[doc.span(a.nstart, a.nend)[0]:doc.span(a.nstart, a.nend)[1]], a.name) for a in doc.actors]
    assert actors[0] == ("وزارة الخارجية الروسية", "Russian Foreign Ministry")
    assert not any(name == "Russia" for _, name in actors)


def test_title_and_unknown_name_make_a_person():
    # snn-dev-09: the Iraqi defence minister, named after his title
    found = entities("وأوضح وزير الدفاع العراقي خالد العبيدي أن الطائرات وصلت.", "2015-07-27")
    person = next(e for e in found.values() if e.kind == "PER")
    assert person.name_ar.endswith("العبيدي") and person.country == "IRQ"
    assert person.name == "Khalid al-Obeidi"


def test_organisations_and_nicknames():
    found = entities("وتشن الجماعات المدعومة من إيران، بما في ذلك حزب الله اللبناني والمتمردين الحوثيين في اليمن، "
                     "هجمات ضد إسرائيل لدعم حركة حماس. وقال تنظيم داعش إنه نفذ الهجوم.")
    assert {"Hezbollah", "Hamas", "Iran", "Yemen", "Israel"} <= set(found)
    assert any(name in found for name in ("Houthis", "Houthi movement", "Ansar Allah"))
    assert any(name in found for name in ("Islamic State", "ISIS"))


@pytest.mark.parametrize("published, expected", [("2015-07-23", "Barack Obama"), ("2024-07-25", "Joe Biden")])
def test_office_holder_depends_on_the_date(published, expected):
    doc = marsad.extract("التقى أوباما وبايدن بالوفد. وقال الرئيس الأمريكي إن المحادثات كانت مثمرة.", published)
    titled = [e.name for e in doc.entities if any(m.how == "title" for m in e.mentions)]
    assert titled == [expected]


def test_a_nisba_after_a_title_is_not_a_persons_short_form():
    """السوداني is Sudanese, and al-Sudani (Iraq's prime minister) only once he is named in full."""
    doc = marsad.extract("وقال المتحدث باسم الجيش السوداني إن القوات تقدمت.", "2024-05-01")
    assert [e.name for e in doc.entities] == ["Sudan"]
    named = marsad.extract("واستقبل محمد شياع السوداني الوفد. وقال السوداني إن العلاقات متينة.", "2024-05-01")
    sudani = next(e for e in named.entities if e.kind == "PER")
    assert sudani.name == "Mohammed Shia al-Sudani" and len(sudani.mentions) == 2
