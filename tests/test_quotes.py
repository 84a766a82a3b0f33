"""Quotations and their speakers on real sentences from the seed and dev articles."""
import marsad


def quotes(text: str, published: str = "2024-07-25"):
    doc = marsad.extract(text, published)
    records = [q.record(doc) for q in doc.quotes]
    for r in records:
        assert text[r["start"]:r["end"]] == r["text"]
    return records


def speaker(r) -> str | None:
    return (r["speaker"] or {}).get("name")


def test_seed_quotations_and_speakers(seed_doc):
    direct = [q.record(seed_doc) for q in seed_doc.quotes if q.kind == "direct"]
    said = {(speaker(r), r["text"]) for r in direct}
    assert ("Vladimir Putin", "هذا يتعلق أيضًا بسوريا بشكل مباشر") in said
    assert ("Bashar al-Assad", "مهماً للغاية") in said
    assert ("Bashar al-Assad", "حربها ضد الإرهاب") in said
    ministry = [r for r in direct if speaker(r) == "Russian Foreign Ministry"]
    assert len(ministry) == 2 and {r["verb"] for r in ministry} == {"قالت", "وصفت"}
    assert "سكاي نيوز عربية" not in {r["text"] for r in direct}  # a name in quotation marks


def test_quoted_with_qawluh_names_the_one_quoted():
    (q,) = [r for r in quotes("استضاف بوتين الأسد. ونقلت وكالة الإعلام الروسية عن الرئيس الروسي قوله: "
                              "“هذا يتعلق أيضًا بسوريا بشكل مباشر”.") if r["kind"] == "direct"]
    assert speaker(q) == "Vladimir Putin" and q["verb"] == "قال"


def test_guillemets_and_a_speaker_carried_forward():
    # two quotations of one speaker, the second introduced by "وأضاف" (words from snn-dev-01)
    found = quotes("وقال رئيس الوزراء البريطاني ديفيد كاميرون: «أود أن تبذل بريطانيا المزيد». "
                   "وأضاف: «نحن ملتزمون بالعمل معكم».", "2015-07-21")
    assert [speaker(r) for r in found if r["kind"] == "direct"] == ["David Cameron", "David Cameron"]


def test_indirect_speech():
    found = quotes("وقال بوتين إن الاجتماع كان فرصة لمناقشة الوضع في المنطقة التي أصبحت متوترة بشكل متزايد.")
    (indirect,) = [r for r in found if r["kind"] == "indirect"]
    assert speaker(indirect) == "Vladimir Putin" and indirect["verb"] == "قال"
    assert indirect["text"].startswith("الاجتماع كان فرصة")


def test_an_empty_pair_of_quotes_does_not_swallow_the_text():
    # snn-dev-02 writes تنظيم "" ( داعش )
    found = quotes('وقال المرصد إن تنظيم "" ( داعش ) خسر مواقع، مضيفا أن "الغارات مستمرة".', "2015-07-23")
    assert [r["text"] for r in found if r["kind"] == "direct"] == ["الغارات مستمرة"]
