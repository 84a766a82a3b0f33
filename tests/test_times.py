"""Time expressions: recognition on real sentences (the seed article, the dev set, SaudiNewsNet)
and the calendar arithmetic of `resolve_date`."""
from __future__ import annotations

import datetime as dt
import json

import pytest

import marsad
from conftest import shared_path
from marsad.recognise.times import WORDS
from marsad.resolve.dates import TimeRef, hijri_to_gregorian, resolve_date


def times(text: str, published: str | None = "2024-07-25") -> list[tuple[str, str | None]]:
    doc = marsad.extract(text, published)
    for t in doc.times:
        assert doc.text[t.start:t.end] == t.text
    return [(t.text, t.value) for t in doc.times]


# ---------------------------------------------------------------- months

@pytest.mark.parametrize("text, published, expected", [
    # Levantine/Iraqi
    ("التقى الزعيمان آخر مرة في آذار 2023، خلال زيارة الأسد لموسكو", "2024-07-25", [("آذار 2023", "2023-03")]),
    ("وأدى إلى مقتل 144 شخصًا على الأقل في 22 آذار.", "2024-07-25", [("22 آذار", "2024-03-22")]),
    ("التي تدور رحاها في قطاع غزة منذ تشرين الأول 2023.", "2024-07-25", [("تشرين الأول 2023", "2023-10")]),
    ("وفي نيسان، انتقدت وزارة الخارجية الروسية الغارة", "2024-07-25", [("في نيسان", "2024-04")]),
    ("وقع الهجوم في كانون الثاني الماضي", "2024-07-25", [("في كانون الثاني الماضي", "2024-01")]),
    # Egyptian/Gulf
    ("وقف إطلاق النار القائم منذ مارس (آذار) 2013.", "2015-07-27", [("مارس (آذار) 2013", "2013-03")]),
    ("انتخب في 29 أيار/مايو الماضي.", "2015-07-31", [("29 أيار/مايو الماضي", "2015-05-29")]),
    ("وسيعقد المؤتمر في 19 سبتمبر المقبل.", "2015-07-23", [("19 سبتمبر المقبل", "2015-09-19")]),
    # Maghrebi
    ("صدر القرار في جانفي 2014 ونشر في جويلية 2014", "2015-07-22",
     [("جانفي 2014", "2014-01"), ("جويلية 2014", "2014-07")]),
    ("انطلقت الحملة يوم 5 ماي الماضي", "2015-07-22", [("يوم 5 ماي الماضي", "2015-05-05")]),
])
def test_month_names_of_each_family(text, published, expected):
    assert times(text, published) == expected


def test_doubled_month_names_are_one_expression():
    text = "وضرباته الصاروخية على مناطق في سورية منذ 23 أيلول / سبتمبر 2014، وحتى فجر اليوم ."
    assert times(text, "2015-07-23") == [("23 أيلول / سبتمبر 2014", "2014-09-23"), ("فجر اليوم", "2015-07-23")]
    assert times("خلال حزيران/يونيو", "2015-07-21") == [("خلال حزيران/يونيو", "2015-06")]


def test_two_different_month_names_are_a_range_not_one_month():
    assert times("في الفترة بين مارس - أبريل 2015", "2015-07-21") == [("أبريل 2015", "2015-04")]


def test_weak_month_names_need_a_date_around_them():
    assert times("مارس الضغط على الحكومة، وهو أب لثلاثة أطفال", "2015-07-22") == []
    assert times("وفي آب (أغسطس) 2014 بدأت الغارات", "2015-07-22") == [("آب (أغسطس) 2014", "2014-08")]


def test_month_of_a_relative_year():
    assert times("وفي أبريل من العام الماضي أصدرت الشركة صكوكا", "2015-07-27") == [
        ("أبريل من العام الماضي", "2014-04")]


def test_ordinal_day():
    assert times("وقعت في الثاني والعشرين من آذار", "2024-07-25") == [("الثاني والعشرين من آذار", "2024-03-22")]
    # the ordinal belongs to the week, not to a day of July
    assert times("في الأسبوع الأول من شهر يوليو", "2015-07-31") == [("شهر يوليو", "2015-07")]


def test_day_and_month_naming_a_group_or_event_is_not_this_years_date():
    assert times("محاولة قوى 8 آذار تصوير ما حصل", "2015-07-21") == []


# ---------------------------------------------------------------- Hijri

def test_hijri_month_with_year_converts_to_gregorian_month():
    assert times("خلال شهر رمضان 1436", None) == [("شهر رمضان 1436", "2015-07")]
    assert times("صدر القرار بتاريخ 26 / 9 / 1436هـ بعون الله", None) == [("26 / 9 / 1436هـ", "2015-07-13")]


def test_hijri_month_without_year_is_the_last_one_begun():
    text = "رغم أن التيار الكهربائي كان قد أعيد في الأيام الأخيرة من شهر رمضان بعد انقطاع كلي"
    assert times(text, "2015-07-23") == [("الأيام الأخيرة من شهر رمضان", "2015-07")]


def test_hijri_month_name_as_a_personal_name_is_not_a_time():
    text = "وقال الرئيس التركي رجب طيب أردوغان في وقت سابق من هذا الشهر إنه وجه دعوة للأسد"
    assert times(text) == [("في وقت سابق من هذا الشهر", "2024-07")]
    assert times("التقى الرئيس الشيشاني رمضان قاديروف", "2015-07-22") == []


# ---------------------------------------------------------------- weekdays

def test_weekday_is_the_last_such_day_on_or_before_publication():
    text = "وذكرت وكالة الإعلام الروسية المملوكة للدولة أن الاجتماع عقد في وقت متأخر من يوم الأربعاء."
    assert times(text) == [("في وقت متأخر من يوم الأربعاء", "2024-07-24")]
    text = "بحث الرئيس الأمريكي باراك أوباما ونظيره التركي رجب طيب أردوغان، خلال اتصال هاتفي الأربعاء"
    assert times(text, "2015-07-24") == [("الأربعاء", "2015-07-22")]
    assert times("رويترز- إسطنبول: نُقل يوم الإثنين عن رئيس الوزراء", "2015-07-27") == [
        ("يوم الإثنين", "2015-07-27")]


def test_weekday_with_past_and_future_words():
    text = "وتبنت الحركة الانفصالية الكردية الأربعاء الماضي قتل الشرطيين"
    assert times(text, "2015-07-27") == [("الأربعاء الماضي", "2015-07-22")]
    assert times("يبدأ الأحد المقبل التسجيل في مركز التدريب", "2015-07-27") == [("الأحد المقبل", "2015-08-02")]
    assert times("وسيجتمع الوزراء الخميس في الرياض", "2015-07-22") == [("الخميس", "2015-07-23")]
    assert times("واجتمع الوزراء الخميس في الرياض", "2015-07-22") == [("الخميس", "2015-07-16")]


def test_today_with_a_weekday_lets_the_weekday_win():
    text = "قال رئيس الوزراء البريطاني ديفيد كاميرون في مقابلة أذيعت اليوم (الاحد)، انه يريد"
    assert times(text, "2015-07-21") == [("اليوم (الاحد)", "2015-07-19")]
    assert times("وقال المرصد في بيان اليوم الخميس إن 173 مدنيا قتلوا", "2015-07-23") == [
        ("اليوم الخميس", "2015-07-23")]


def test_parts_of_the_day():
    text = "وكان سلاح الجو التركي شن ليل الجمعة - السبت سلسلة غارات"
    assert times(text, "2015-07-27") == [("ليل الجمعة", "2015-07-24"), ("السبت", "2015-07-25")]
    text = "قتلوا وأصيب اثنان آخران صباح الأربعاء في هجوم على حاجز عسكري"
    assert times(text, "2015-07-23") == [("صباح الأربعاء", "2015-07-22")]


def test_friday_prayers_in_general_are_not_a_date():
    assert times("إن منبر الجمعة من خصائص هذه الأمة", "2015-07-31") == []


# ---------------------------------------------------------------- digits and years

@pytest.mark.parametrize("text, expected", [
    ("22/3/2024", "2024-03-22"),
    ("2024-03-22", "2024-03-22"),
    ("22-3-2024", "2024-03-22"),
    ("٢٢/٣/٢٠٢٤", "2024-03-22"),
    ("10/4 / 1436", "2015-01-31"),  # Hijri by its year, spaces around a slash
])
def test_digit_dates(text, expected):
    assert times(f"جرت الانتخابات في {text} وسط إقبال", None) == [(text, expected)]


def test_hijri_mark_is_kept_with_its_tatweel():
    assert times("جرت الانتخابات في 1436/10/07هـ وسط إقبال", None) == [("1436/10/07هـ", "2015-07-24")]


def test_years_need_a_word_that_makes_them_years():
    text = "أفاد المرصد بأن طائرات التحالف قتلت 3042 من تنظيم داعش خلال 10 أشهر"
    assert times(text, "2015-07-23") == []
    text = "ولم يتم تحقيق أي تقدم في المحادثات التي انطلقت في عام 2022 حيث دفع الأسد"
    assert times(text) == [("عام 2022", "2022")]
    assert times("وذلك منذ 2011، وحتى 2020", "2015-07-21") == [("منذ 2011", "2011"), ("حتى 2020", "2020")]
    assert times("تم عقد صفقة بشأنها منتصف العام 2010، بعد أن", "2015-07-27") == [("منتصف العام 2010", "2010")]


def test_decades_are_recognised_but_not_resolved():
    assert times("في التسعينيات وثمانينيات القرن الماضي", "2015-07-22") == [
        ("التسعينيات", None), ("ثمانينيات القرن الماضي", None)]


# ---------------------------------------------------------------- relative expressions

@pytest.mark.parametrize("text, expected", [
    ("وافق مجلس الأمن الدولي أمس على اتفاق", [("أمس", "2015-07-21")]),
    ("أدى أول من أمس إلى مقتل جنديين", [("أول من أمس", "2015-07-20")]),
    ("واستهدف طوال ساعات فجر أمس أهدافا", [("فجر أمس", "2015-07-21")]),
    ("ستبدأ غداً الاجتماعات وبعد غد الجلسة الختامية", [("غداً", "2015-07-23"), ("بعد غد", "2015-07-24")]),
    ("في قصر سموه بجدة مساء اليوم معالي وزير الخارجية", [("مساء اليوم", "2015-07-22")]),
    ("انفجار عبوتين ناسفتين الليلة الماضية في قضاء بلدروز", [("الليلة الماضية", "2015-07-21")]),
    ("مبنى الاتصالات الذي سيطرت عليه المقاومة قبل يومين.", [("قبل يومين", "2015-07-20")]),
    ("توصلوا إليه قبل ثلاثة أيام كأساس", [("قبل ثلاثة أيام", "2015-07-19")]),
    ("الاتفاق الذي أبرم في فيينا الأسبوع الماضي بين إيران", [("الأسبوع الماضي", "2015-07")]),
    ("وغيرت تركيا من موقفها بشكل مفاجئ هذا الأسبوع بعد أن", [("هذا الأسبوع", "2015-07")]),
    ("وفي الشهر الماضي شنت الجبهة الجنوبية هجوما", [("الشهر الماضي", "2015-06")]),
    ("سيعرض في العام المقبل", [("العام المقبل", "2016")]),
    ("الحرب الأهلية التي اندلعت أواخر العام قبل الماضي أعادت الدفء", [("أواخر العام قبل الماضي", "2013")]),
    ("وكان سمو ولي عهد أبو ظبي قد وصل الطائف في وقت سابق اليوم.", [("في وقت سابق اليوم", "2015-07-22")]),
    ("وفي وقت سابق من شهر آذار، أدانت موسكو", [("في وقت سابق من شهر آذار", "2015-03")]),
    ("منذ مطلع العام الحالي", [("مطلع العام الحالي", "2015")]),
])
def test_relative_expressions(text, expected):
    assert times(text, "2015-07-22") == expected


@pytest.mark.parametrize("text", [
    "نقلت صحيفة اليوم عن مصادر",
    "Next Previous عين اليوم – الطائف",
    "ذكرت صحيفة اليوم السابع أن",
    "وما زال الوضع كما هو حتى اليوم",
    "في اليوم التالي عاد الوفد",
    "بمناسبة ذكرى اليوم الوطني",
    "وفي حديثها لـ ( اليوم ) توضح",
    "لليوم الثالث على التوالي",
    "وقد غدا الخطر أفقيا",
    "الأمين العام الحالي للأمم المتحدة",
    "قبل يومين من الانتخابات",
])
def test_not_times(text):
    assert times(text, "2015-07-22") == []


def test_without_a_publication_date_relative_values_stay_unresolved():
    text = "وافق المجلس أمس على الاتفاق، وسيجتمع الأحد، بعد أن التقى في آذار 2023"
    assert times(text, None) == [("أمس", None), ("الأحد", None), ("آذار 2023", "2023-03")]


def test_offsets_point_into_the_original_text_with_diacritics():
    text = "وقال الرئيسُ إنّ الاجتماعَ عُقِدَ يومَ الأربعاءِ في موسكو، وفي عامِ ٢٠٢٢ أيضاً."
    doc = marsad.extract(text, "2024-07-25")
    # a vowel mark on the last letter belongs to the span, as for every span in marsad
    assert [(t.text, t.value) for t in doc.times] == [("يومَ الأربعاءِ", "2024-07-24"), ("عامِ ٢٠٢٢", "2022")]
    for t in doc.times:
        assert text[t.start:t.end] == t.text
        assert t.sentence == 0


# ---------------------------------------------------------------- real articles

def test_seed_article_times(seed_doc):
    gold = json.loads(shared_path("eval", "seed", "seed-article.gold.json").read_text(encoding="utf-8"))
    predicted = [(t.text, t.value) for t in seed_doc.times]
    for t in seed_doc.times:
        assert seed_doc.text[t.start:t.end] == t.text
    required = [(g["text"], g["value"]) for g in gold["times"] if not g.get("optional")]
    for text, value in required:
        assert any(value == v and (text in p or p in text) for p, v in predicted), (text, value)
    assert len(predicted) <= len(gold["times"])


def test_dev_articles_recall_every_required_time():
    dev = shared_path("eval", "dev", "dev.jsonl")
    for line in dev.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        gold_file = shared_path("eval", "dev", "gold", f"{record['id']}.gold.json")
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        doc = marsad.extract(record["text"], record["published"], record["id"])
        predicted = [(t.text, t.value) for t in doc.times]
        for g in gold["times"]:
            if not g.get("optional"):
                assert any(g["value"] == v and (g["text"] in p or p in g["text"]) for p, v in predicted), \
                    (record["id"], g)


# ---------------------------------------------------------------- the lexicon and the resolver

def test_lexicon_holds_all_three_month_families():
    months = WORDS["month"] | WORDS["month_weak"]
    for form, number in (("كانون الثاني", "1"), ("يناير", "1"), ("جانفي", "1"), ("اب", "8"),
                         ("اغسطس", "8"), ("اوت", "8"), ("ايلول", "9"), ("سبتمبر", "9")):
        assert months[form] == number


def test_tabular_hijri_calendar():
    assert hijri_to_gregorian(1, 1, 1) == dt.date(622, 7, 19)  # 16 July 622 Julian
    assert hijri_to_gregorian(1436, 9, 1) == dt.date(2015, 6, 18)
    assert hijri_to_gregorian(1445, 9, 1) == dt.date(2024, 3, 11)


@pytest.mark.parametrize("ref, published, expected", [
    (TimeRef(year=2022), None, ("2022", "year")),
    (TimeRef(year=2023, month=10), None, ("2023-10", "month")),
    (TimeRef(year=2024, month=2, day=30), None, (None, None)),
    (TimeRef(month=3), dt.date(2024, 7, 25), ("2024-03", "month")),
    (TimeRef(month=9), dt.date(2024, 7, 25), ("2023-09", "month")),
    (TimeRef(month=9, future=True), dt.date(2024, 7, 25), ("2024-09", "month")),
    (TimeRef(month=7, direction=-1), dt.date(2024, 7, 25), ("2023-07", "month")),
    (TimeRef(month=7, direction=1), dt.date(2024, 7, 25), ("2025-07", "month")),
    (TimeRef(month=4, unit="year", offset=-1), dt.date(2015, 7, 27), ("2014-04", "month")),
    (TimeRef(weekday=2), dt.date(2024, 7, 25), ("2024-07-24", "day")),
    (TimeRef(weekday=3), dt.date(2024, 7, 25), ("2024-07-25", "day")),
    (TimeRef(weekday=3, direction=-1), dt.date(2024, 7, 25), ("2024-07-18", "day")),
    (TimeRef(weekday=3, direction=1), dt.date(2024, 7, 25), ("2024-08-01", "day")),
    (TimeRef(weekday=2, future=True), dt.date(2024, 7, 25), ("2024-07-31", "day")),
    (TimeRef(weekday=6, unit="day", offset=0), dt.date(2015, 7, 21), ("2015-07-19", "day")),
    (TimeRef(unit="day", offset=-2), dt.date(2015, 7, 27), ("2015-07-25", "day")),
    (TimeRef(unit="week", offset=-1), dt.date(2015, 7, 22), ("2015-07", "month")),
    (TimeRef(unit="week", offset=-1), dt.date(2015, 7, 3), ("2015-06", "month")),
    (TimeRef(unit="month", offset=-1), dt.date(2015, 1, 10), ("2014-12", "month")),
    (TimeRef(unit="year", offset=-2), dt.date(2015, 7, 26), ("2013", "year")),
    (TimeRef(month=9, hijri=True, year=1436), None, ("2015-07", "month")),
    (TimeRef(month=9, hijri=True, phase="end"), dt.date(2015, 7, 23), ("2015-07", "month")),
    (TimeRef(month=9, hijri=True, phase="start"), dt.date(2015, 7, 23), ("2015-06", "month")),
    (TimeRef(month=9, hijri=True, direction=1), dt.date(2015, 7, 23), ("2016-06", "month")),
    (TimeRef(year=1436, hijri=True), None, ("2015", "year")),
    (TimeRef(decade=1990), dt.date(2015, 7, 23), (None, None)),
    (TimeRef(unit="day", offset=-1), None, (None, None)),
    (TimeRef(weekday=2), None, (None, None)),
])
def test_resolve_date(ref, published, expected):
    assert resolve_date(ref, published) == expected
