"""Provenance: attribution lines, datelines, self-attribution, wire signatures, publisher keys.

The short texts are real lines: the seed article's last two lines, the dev articles' datelines
and datelines and footers copied from SaudiNewsNet articles. Tests that read ../shared skip
where that folder is absent.
"""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from marsad.document import Document
from marsad.recognise.source import find_source, lexicon
from marsad.text.normalise import normalise_word

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "eval" / "seed" / "seed-article.txt"
DEV = SHARED / "eval" / "dev"
OUTLETS = Path(__file__).resolve().parents[1] / "src" / "marsad" / "lexicons" / "outlets.tsv"

SEED_TAIL = ("ووصفت وزارة الخارجية الهجوم بأنه “عمل عدواني يشكل انتهاكا صارخا لسيادة سوريا”.\n"
             "المصدر: موقع المونيتور الأمريكي\n"
             "ترجمة: أوغاريت بوست")


def source_of(text: str, publisher: str | None = None, url: str | None = None):
    doc = Document(text, publisher=publisher, url=url)
    find_source(doc)
    for item in doc.source.evidence:  # every evidence span points back into the text
        assert text[item["start"]:item["end"]] == item["text"]
    return doc.source


# --- attribution lines ------------------------------------------------------------------------

def test_seed_source_and_translator_lines():
    source = source_of(SEED_TAIL)
    assert (source.outlet, source.outlet_ar) == ("Al-Monitor", "المونيتور")
    assert (source.translator, source.translator_ar) == ("Ugarit Post", "أوغاريت بوست")
    assert [e["text"] for e in source.evidence] == ["المصدر: موقع المونيتور الأمريكي",
                                                    "ترجمة: أوغاريت بوست"]


def test_source_line_beats_the_publisher():
    assert source_of(SEED_TAIL, publisher="alweeam").outlet == "Al-Monitor"


@pytest.mark.parametrize("line, outlet", [
    ("المصدر - صحيفة الغارديان البريطانية", "The Guardian"),
    ("المصدر: وكالة الأنباء الألمانية", "dpa"),
    ("المصدر: روز اليوسف، 19 أبريل 1998", "Rose al-Yusuf"),
    ("المصدر: صحيفة الرياض", "Al Riyadh"),  # an ambiguous name counts after "صحيفة"
    ("نقلاً عن صحيفة الحياة", "Al-Hayat"),
    ("المصدر: فرانس 24", "France 24"),
    ("* خدمة «نيويورك تايمز»", "New York Times"),  # Asharq Al-Awsat's syndication footer
    ("* بالاتفاق مع «بلومبيرغ»", "Bloomberg"),
])
def test_attribution_line_names_the_outlet(line, outlet):
    assert source_of("قال الوزير إن المحادثات مستمرة.\n" + line, publisher="aawsat").outlet == outlet


def test_unknown_outlet_is_kept_in_arabic():
    source = source_of("نص الخبر.\nالمصدر: موقع صوت بيروت الدولي")
    assert source.outlet == source.outlet_ar == "صوت بيروت"


def test_translator_may_be_a_person():
    assert source_of("نص الخبر.\nترجمة: محمد علي").translator == "محمد علي"


def test_source_url_gives_domain_outlet_and_url():
    source = source_of("نص الخبر.\nالمصدر: https://www.reuters.com/world/middle-east/x")
    assert source.outlet == "Reuters"
    assert source.url == "https://www.reuters.com/world/middle-east/x"


def test_source_line_outranks_an_earlier_quoted_outlet():
    text = "نص الخبر.\nنقلا عن الجزيرة\nالمصدر: المونيتور"
    assert source_of(text).outlet == "Al-Monitor"


@pytest.mark.parametrize("text", [
    "وقال المصدر إن الاجتماع سيعقد غدا.",
    "وأضاف المصدر: إن القرار نهائي.",
    "المصدر: «لولا المساهمات التي يلقاها المهرجان لما استمر».",
    "المصدر - الذي طلب عدم الإفصاح عن اسمه - أكد أن الاتفاق قريب.",
    "نص الخبر.\nالمصدر: وكالات",
    "نص الخبر.\nالمصدر: بيان صادر في 12 يوليو",
    "نص الخبر.\nترجمة: خاصة",
    "خدمة العملاء متاحة",  # "خدمة" needs a known outlet after it
])
def test_source_as_an_ordinary_word_names_nothing(text):
    source = source_of(text)
    assert (source.outlet, source.agency, source.translator) == (None, None, None)
    assert source.evidence == []


# --- datelines --------------------------------------------------------------------------------

def test_dev_wire_copy_dateline_makes_reuters_the_outlet():  # snn-dev-10, from sabq
    text = "رويترز- إسطنبول: نُقل يوم الإثنين عن رئيس الوزراء التركي أحمد داود أوغلو؛ قوله"
    source = source_of(text, publisher="sabq")
    assert (source.outlet, source.agency) == ("Reuters", "Reuters")
    assert [e["text"] for e in source.evidence] == ["رويترز- إسطنبول"]


def test_dev_own_dateline_after_site_chrome():  # snn-dev-11
    text = "Next Previous عين اليوم – الطائف\n استعرض صاحب السمو الملكي الأمير محمد بن سلمان"
    source = source_of(text, publisher="3alyoum")
    assert (source.outlet, source.agency) == ("Ain Alyoum", None)
    assert source.evidence[0]["text"] == "عين اليوم – الطائف"


def test_dev_self_link_footer():  # snn-dev-07
    text = ("وأفادت مصادر بحسب سكاي نيوز كذلك بأن المسلحين الحوثيين شرعوا بمداهمة عدد من المنازل."
            " رابط الخبر بصحيفة الوئام: قتلى حوثيون بتعز والتحالف يقصف حجة")
    source = source_of(text)
    assert source.outlet == "Al-Weeam"
    assert source.evidence[0]["text"] == "رابط الخبر بصحيفة الوئام"


@pytest.mark.parametrize("text, outlet, agency", [
    ("واس- مكة المكرمة: نيابة عن خادم الحرمين", "SPA", "SPA"),
    ("أ ف ب- موسكو: أعلن الكرملين", "AFP", "AFP"),
    ("د ب أ- الرياض: قال", "dpa", "dpa"),
    ("بدر العتيبي- سبق- القصيم: استطاعت الأجهزة الأمنية", "Sabq", None),
    ("عبدالله البرقاوي, بدر العتيبي- سبق- الرياض: أكد", "Sabq", None),
    ("عين اليوم – واس\nرأس خادم الحرمين الشريفين", "Ain Alyoum", "SPA"),
    ("الرياض - واس\nأصدر مجلس الوزراء", "SPA", "SPA"),  # the city is not the paper Al Riyadh
    ("سان فرانسيسكو 20 يوليو تموز (رويترز) -\nظل السؤال", "Reuters", "Reuters"),
    ("(أ.ش.أ) أعلنت الحكومة المصرية", "MENA", "MENA"),
    ("أبوظبي - وام\nأعلنت وزارة الطاقة", "WAM", "WAM"),
])
def test_head_datelines(text, outlet, agency):
    source = source_of(text, publisher="okaz")
    assert (source.outlet, source.agency) == (outlet, agency)


def test_second_line_dateline_counts_as_head():  # aawsat: headline line, then the dateline
    text = "آبي يطلب تشريعات أمنية بعد تراجع شعبيته\n* طوكيو - «رويترز»: دافع رئيس الوزراء الياباني"
    source = source_of(text, publisher="aawsat")
    assert (source.outlet, source.agency) == ("Reuters", "Reuters")
    assert source.evidence[0]["text"] == "طوكيو - «رويترز»"


def test_paragraph_dateline_gives_the_agency_only():
    text = "أخبار العالم في سطور\nخبر أول عن الاقتصاد.\nدكار - رويترز\nقال مسؤولون"
    source = source_of(text, publisher="aawsat")
    assert (source.outlet, source.agency) == ("Asharq Al-Awsat", "Reuters")


@pytest.mark.parametrize("text", [
    "وبحسب «رويترز»، قال مايكل باليير",
    "وتوقع مسح «رويترز» أن يبلغ متوسط سعر",
    "ونقلت وكالة (تسنيم) عن مسؤول",
    "مضيفًا لوكالة \"رويترز\" للأنباء أن المحكمة",
    "وقال شيتي لـ«رويترز» بعد العرض",
    "وعلمت «عكاظ» من مصادر مطلعة",
    "«عكاظ» تنشر تفاصيل الاتفاق",
    "قالت وكالة رويترز - نقلا عن مصادر - إن",
    "الرياض - أعلنت وزارة الصحة اليوم",  # a city dateline with no agency
    "وأم المصلين في المسجد الحرام الشيخ",  # normalises to "وام", the letters of WAM
])
def test_running_text_is_not_a_dateline(text):
    source = source_of(text, publisher="aawsat")
    assert (source.outlet, source.agency) == ("Asharq Al-Awsat", None)
    assert source.evidence == []


# --- signatures -------------------------------------------------------------------------------

@pytest.mark.parametrize("text, agency", [
    ("أدت الأمطار إلى تراجع أسعار الألبان واللحوم. «رويترز»", "Reuters"),
    ("ارتفع الإنفاق الاستهلاكي.\n\"أ ب\"", "AP"),
    ("وقال شهود إن الشرطة فرقت المحتجين.\n(أ. ف. ب)", "AFP"),
])
def test_wire_signature_at_the_end(text, agency):
    source = source_of(text, publisher="aleqtisadiya")
    assert (source.outlet, source.agency) == ("Al-Eqtisadiah", agency)


def test_told_an_agency_at_the_end_is_no_signature():
    text = "وأكد أنه لن يترشح بحسب ما أكد مصدر مقرب منه لوكالة «فرانس برس»."
    assert source_of(text).agency is None


def test_only_agencies_sign_at_the_end():
    source = source_of("نص الخبر.\nوأغلق المتجر أبوابه. «عكاظ»", publisher="aawsat")
    assert (source.outlet, source.agency) == ("Asharq Al-Awsat", None)


def test_last_line_naming_an_outlet_alone():  # Asharq Al-Awsat's syndicated columns
    assert source_of("نص المقال.\n* مجلة «فورين بوليسي»", publisher="aawsat").outlet == "Foreign Policy"


# --- publisher --------------------------------------------------------------------------------

@pytest.mark.parametrize("key, outlet", [
    ("alweeam", "Al-Weeam"), ("3alyoum", "Ain Alyoum"), ("aawsat", "Asharq Al-Awsat"),
    ("okaz", "Okaz"), ("sabq", "Sabq"), ("alriyadh", "Al Riyadh"), ("aleqtisadiya", "Al-Eqtisadiah"),
    ("aljazirah", "Al-Jazirah"), ("almadina", "Al-Madina"), ("alwatan", "Al Watan"),
    ("alyaum", "Al Yaum"), ("arreyadi", "Arriyadiyah"), ("SABQ", "Sabq"),
])
def test_publisher_key_maps_to_canonical_name(key, outlet):
    assert source_of("نص عادي بلا مصدر.", publisher=key).outlet == outlet


def test_publisher_fallbacks():
    assert source_of("نص.", url="http://www.alweeam.com.sa/348912/x/").outlet == "Al-Weeam"
    assert source_of("نص.", publisher="www.bbc.co.uk").outlet == "BBC Arabic"
    assert source_of("نص.", publisher="some-blog").outlet == "some-blog"
    assert source_of("نص.").outlet is None


# --- odd input and offsets --------------------------------------------------------------------

@pytest.mark.parametrize("text", ["", "\n\n   \n", "المصدر:", "ترجمة:\n", "(", "رويترز", "-" * 500,
                                  "كلمة " * 5000, "\u200f\u200fالمصدر: \u064b"])
def test_odd_input_never_raises(text):
    source = source_of(text)
    assert source.translator is None


def test_evidence_offsets_survive_diacritics_and_marks():
    text = "مقدمة.\n\u200fالمَصْدَرُ: مَوْقِعُ المُونِيتُور الأَمْرِيكِيّ\nتَرْجَمَة: أوغاريت بوست"
    source = source_of(text)
    assert (source.outlet, source.translator) == ("Al-Monitor", "Ugarit Post")
    assert source.evidence[0]["text"] == "المَصْدَرُ: مَوْقِعُ المُونِيتُور الأَمْرِيكِيّ"


# --- the lexicon ------------------------------------------------------------------------------

def test_lexicon_rows_are_well_formed():
    with OUTLETS.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert 80 <= len(rows) <= 200
    names, forms = set(), {}
    for row in rows:
        assert row["kind"] in {"outlet", "agency"}, row["name"]
        assert re.fullmatch(r"[A-Z]{3}|", row["country"]), row["name"]
        assert re.fullmatch(r"Q\d+|", row["wikidata"]), row["name"]
        assert row["name"] not in names
        names.add(row["name"])
        for form in filter(None, (row["forms_ar"] + "|" + row["ambiguous_ar"]).split("|")):
            owner = forms.setdefault(normalise_word(form), row["name"])
            assert owner == row["name"], f"{form} names both {owner} and {row['name']}"


def test_lexicon_covers_the_big_wires():
    abbreviations = lexicon().abbreviations
    assert {abbreviations[k].name for k in ("افب", "دبا", "اشا")} == {"AFP", "dpa", "MENA"}
    for form, name in [("واس", "SPA"), ("سانا", "SANA"), ("كونا", "KUNA"), ("ريا نوفوستي", "RIA Novosti"),
                       ("سكاي نيوز عربيه", "Sky News Arabia"), ("حريت", "Hurriyet")]:
        assert lexicon().names[form].name == name


# --- real files -------------------------------------------------------------------------------

@pytest.mark.skipif(not SEED.exists(), reason="../shared is not here")
def test_seed_article():
    text = SEED.read_text(encoding="utf-8")
    source = source_of(text)
    assert (source.outlet, source.translator) == ("Al-Monitor", "Ugarit Post")
    assert source.agency is None


@pytest.mark.skipif(not (DEV / "dev.jsonl").exists(), reason="../shared is not here")
def test_dev_gold_outlets():
    checked = 0
    for line in (DEV / "dev.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        gold = json.loads((DEV / "gold" / f"{record['id']}.gold.json").read_text(encoding="utf-8"))
        wanted = (gold.get("source") or {}).get("outlet")
        if not wanted:
            continue
        source = source_of(record["text"], publisher=record["source"], url=record["url"])
        assert source.outlet in wanted, record["id"]
        checked += 1
    assert checked == 3
