"""Time expressions in Arabic news: find them and resolve them against the publication date.

The vocabulary (month names of the three families, Hijri months, weekdays, relative words) is
data, in `lexicons/time_words.tsv`. Two patterns are compiled from it once:

- `_ANCHOR` (stdlib `re`, one trie) finds the words every expression contains — a month,
  weekday or relative-day word, a unit such as الأسبوع, a decade, قبل, a 4-digit number or the
  first number of a digit date — quickly, in one pass;
- `_PATTERN` (`regex`) is an alternation of branches (digit dates, day + month, days relative to
  publication, weekdays, "N days ago", Hijri and Gregorian months, years, "last week",
  decades), each optionally led by في وقت سابق من, a trigger word (في، منذ، حتى …) or a phase
  (مطلع، منتصف، أواخر …). It is tried only at the anchor and at the lead words just before it.

Each match becomes a `TimeRef`, or is dropped when its context shows it is not a time (صحيفة
اليوم، رجب طيب أردوغان، مارس the verb); `marsad.resolve.dates.resolve_date` gives its value.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable

import regex

from marsad.document import Document, TimeExpression
from marsad.lexicons import read_table
from marsad.resolve.dates import TimeRef, resolve_date
from marsad.text.normalise import normalise_word

def _load(name: str) -> dict[str, dict[str, str]]:
    """kind → {normalised form: value} from the time-word lexicon."""
    words: dict[str, dict[str, str]] = {}
    for row in read_table(name, ("kind", "value", "form")):
        words.setdefault(row.get("kind") or "", {})[normalise_word(row.get("form") or "")] = row.get("value") or ""
    return words


WORDS = _load("time_words.tsv")


def _trie(forms: set[str]) -> str:
    """An alternation of words factored as a trie (ما/مارس/مايو → م(?:ا(?:رس|يو))…): both regex
    engines try a flat alternation of hundreds of words one by one. A space inside a form
    matches any run of spaces within a line."""
    tree: dict = {}
    for form in forms:
        node = tree
        for ch in form:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        kids = [(r"[^\S\n]+" if ch == " " else re.escape(ch)) + emit(sub)
                for ch, sub in sorted(node.items()) if ch]
        if not kids:
            return ""
        body = kids[0] if len(kids) == 1 else "(?:" + "|".join(kids) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + emit(tree) + ")"


def _alt(*kinds: str) -> str:
    return _trie({f for k in kinds for f in WORDS[k]})


_P = {
    "S": r"[^\S\n]+", "S0": r"[^\S\n]*",  # spaces within a line: expressions never span lines
    "MONTH": _alt("month", "month_weak"), "HMONTH": _alt("hijri_month"), "WD": _alt("weekday"),
    "PART": _alt("part"), "REL": _alt("relday"), "RELB": _alt("relday_bound"),
    "UNIT": _alt("unit"), "THIS": _alt("this"), "DIR": _alt("direction"), "COUNT": _alt("count"),
    "NUM": _alt("number"), "PHASE": _alt("phase"), "EARLIER": _alt("earlier"),
    "YW": _alt("year_word"), "TRIG": _alt("trigger"), "DECADE": _alt("decade"),
    "EPITHET": _alt("hijri_epithet"), "ORD": _alt("ordinal"),
}
# "هـ" (tatweel dropped by normalisation) or هجري marks a Hijri year; "م" a Gregorian one.
_P["HMARK"] = r"(?P<hmark>%(S0)s(?:هجريه|هجري|ه)(?!\p{L}))?" % _P
_P["GMARK"] = r"(?P<gmark>%(S0)sم(?!\p{L}))?" % _P
# the year after a month: آذار 2023، 22 مارس من العام 2024، أبريل من العام الماضي، صفر للعام المقبل
_P["RELYEAR"] = (r"(?:(?:من|في)%(S)s)?(?:(?:هذا|هذه)%(S)s(?P<yrel>العام|السنه)"
                 r"|(?P<yrel>العام|السنه|للعام)%(S)s(?P<ydir>%(DIR)s))" % _P)
_P["YEARTAIL"] = (r"(?:%(S0)s,?%(S0)s(?:(?:من%(S)s)?%(YW)s%(S)s)?(?P<year>\d{4})(?!\d)%(HMARK)s%(GMARK)s"
                  r"|%(S)s%(RELYEAR)s)?" % _P)
# a second name of the same month: حزيران/يونيو، آذار (مارس)، أيلول / سبتمبر
_P["DOUBLE"] = r"(?:%(S0)s[/(-]?%(S0)s(?P<mon2>%(MONTH)s)(?:%(S0)s\))?)?" % _P
# a weekday before a date: الأحد 22 آذار، يوم الاثنين الموافق 10/4/1436هـ، اليوم الجمعة 10 يوليو
_P["WDPFX"] = (r"(?:(?:(?:%(PART)s%(S)s)?(?:يوم|%(REL)s)%(S)s)?(?P<wd>%(WD)s)%(S0)s,?%(S0)s(?:الموافق%(S)s)?)?"
               r"(?:يوم%(S)s)?" % _P)

_BRANCHES = {
    "digits": r"%(WDPFX)s(?:(?P<dd>\d{1,2})%(S0)s(?P<sep>[/.-])%(S0)s(?P<dm>\d{1,2})%(S0)s(?P=sep)"
              r"%(S0)s(?P<year>\d{4})|(?P<year>\d{4})%(S0)s(?P<sep>[/.-])%(S0)s(?P<dm>\d{1,2})%(S0)s"
              r"(?P=sep)%(S0)s(?P<dd>\d{1,2}))(?![\d/.-]\d)%(HMARK)s%(GMARK)s",
    "daymonth": r"%(WDPFX)s(?:(?:ال)?(?P<dd>[12]\d|3[01]|0?[1-9])(?!\d)%(S)s(?:من%(S)s)?|(?P<ord>%(ORD)s)"
                r"(?:%(S)s(?P<teen>عشر)|%(S)sو(?P<tens>العشرين|الثلاثين))?%(S)sمن%(S)s)"
                r"(?:(?P<shahr>شهر)%(S)s)?(?:(?P<mon>%(MONTH)s)%(DOUBLE)s|(?P<hmon>%(HMONTH)s))%(YEARTAIL)s"
                r"(?:%(S)s(?P<dir>%(DIR)s))?",
    "relday": r"(?:(?P<part>%(PART)s)%(S)s(?:(?P<yom>يوم)%(S)s)?|(?P<yom>يوم)%(S)s)?"
              r"(?:(?P<rel>%(REL)s)|(?P<relb>%(RELB)s))"
              r"(?:%(S0)s[(,]?%(S0)s(?P<wd>%(WD)s)(?:%(S0)s\))?)?",
    "weekday": r"(?:(?P<part>%(PART)s)%(S)s)?(?:(?P<yom>يوم)%(S)s)?(?P<wd>%(WD)s)(?:%(S)s(?P<dir>%(DIR)s))?",
    "ago": r"قبل%(S)s(?:(?:نحو|حوالي|قرابه|زهاء)%(S)s)?(?:(?P<n>\d{1,3})%(S)s|(?P<num>%(NUM)s)%(S)s)?"
           r"(?P<count>%(COUNT)s)(?:%(S)s(?:واحد|واحده))?",
    "hijri": r"(?:(?P<shahr>شهر)%(S)s)?(?P<hmon>%(HMONTH)s)(?:%(S)s(?P<epithet>%(EPITHET)s))?%(YEARTAIL)s"
             r"(?:%(S)s(?P<dir>%(DIR)s))?",
    "month": r"(?:(?P<shahr>شهر)%(S)s)?(?P<mon>%(MONTH)s)%(DOUBLE)s%(YEARTAIL)s(?:%(S)s(?P<dir>%(DIR)s))?",
    "year": r"(?:(?P<yw>%(YW)s)%(S)s)?(?P<year>\d{4})(?!\d)(?!%(S0)s[/-]%(S0)s\d)%(HMARK)s%(GMARK)s",
    "unit": r"(?:(?P<this>%(THIS)s)%(S)s)?(?P<unit>%(UNIT)s)(?:%(S)s(?P<dir>%(DIR)s))?",
    "decade": r"(?P<decade>%(DECADE)s)(?:%(S)s(?:من%(S)s)?القرن%(S)s(?:الماضي|العشرين|المنصرم))?",
}
_LEAD = (r"(?:(?P<earlier>%(EARLIER)s)(?:%(S)sمن)?%(S)s|(?P<trig>%(TRIG)s)%(S)s)?"
         r"(?:ب?(?P<phase>%(PHASE)s)%(S)s(?:من%(S)s)?)?" % _P)
# A word start, an optional conjunction (و، ف) kept out of the expression, the lead, one branch,
# a word end. Branch order matters: at one position the first branch that matches wins.
_PATTERN = regex.compile(
    r"(?<![\p{L}\p{M}\p{N}])(?:[وف](?=[\p{L}\p{N}]))?" + _LEAD + "(?:"
    + "|".join(f"(?P<b_{name}>{body % _P})" for name, body in _BRANCHES.items())
    + r")(?![\p{L}\p{M}\p{N}])"
)
_WORD = re.compile(r"[^\W_]+")
_NEXT_WORD = re.compile(r"[^\S\n]+([^\W_]+)")
_FUTURE_VERB = re.compile(r"[وف]?س[يتن][^\W\d_]{3,}")
_LOOKBACK_WORDS = 8  # how far back a future verb can govern a weekday or month


def _value(kind: str, form: str) -> str:
    return WORDS[kind][_spaced(form)]


def _spaced(form: str) -> str:
    """A matched form with its spaces as in the lexicon (one space between words)."""
    return " ".join(form.split())


class _Context:
    """The words around a match, read from the normalised text of its sentence."""

    def __init__(self, text: str, sentence_start: int, start: int, end: int):
        self.text, self.start, self.end = text, start, end
        self.before = _WORD.findall(text, max(sentence_start, start - 120), start)

    def word_before(self) -> str:
        return self.before[-1] if self.before else ""

    def before_is(self, kind: str) -> bool:
        """Is the word before the match (with or without a conjunction و/ف) of `kind`?"""
        word = self.word_before()
        return word in WORDS[kind] or (word[:1] in ("و", "ف") and word[1:] in WORDS[kind])

    def word_after(self) -> str:
        """The next word when only spaces separate it: punctuation ends the phrase."""
        m = _NEXT_WORD.match(self.text, self.end)
        return m.group(1) if m else ""

    def quoted(self) -> bool:
        """Is the match alone inside quotes or brackets (لـ«اليوم»، لـ ( اليوم )): a newspaper?"""
        left = self.text[max(0, self.start - 3):self.start].rstrip()[-1:]
        right = self.text[self.end:self.end + 3].lstrip()[:1]
        return bool(left) and bool(right) and left in '"«(' and right in '"»)'

    def points_forward(self) -> bool:
        """Does a future marker (سوف، المقرر، an imperfect verb with س) come shortly before?"""
        for word in self.before[-_LOOKBACK_WORDS:]:
            if word in WORDS["future_cue"]:
                return True
            if _FUTURE_VERB.fullmatch(word) and word.lstrip("وف") not in WORDS["not_future"]:
                return True
        return False


class _NotATime(Exception):
    """Raised by a reader when its match shows that the anchor is no time at all, so that no
    shorter expression is tried around it (after a None, the next start is tried)."""


def _direction(m: regex.Match, group: str = "dir") -> int | None:
    return int(_value("direction", m[group])) if m[group] else None


def _digits(m: regex.Match, ctx: _Context) -> TimeRef | None:
    day, month, year = int(m["dd"]), int(m["dm"]), int(m["year"])
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    if m["hmark"] or 1300 <= year < 1500:  # 1436/10/7هـ: Saudi papers date in both calendars
        return TimeRef(year, month, day, hijri=True)
    return TimeRef(year, month, day) if 1800 <= year <= 2099 else None


def _day_number(m: regex.Match) -> int | None:
    if m["dd"]:
        return int(m["dd"])
    base = int(_value("ordinal", m["ord"]))
    if m["teen"] or m["tens"]:
        base = base % 10 + (10 if m["teen"] else int(_value("ordinal", m["tens"])))
    elif m["ord"] == "الحادي":
        return None
    return base if 1 <= base <= 31 else None


def _year_of(m: regex.Match, hijri: bool) -> dict[str, int | str | None]:
    """The TimeRef fields for the year given with a month: a plausible year of that calendar
    (آذار 2023، رمضان 1436) or one relative to publication (أبريل من العام الماضي)."""
    if m["yrel"]:
        return {"unit": "year", "offset": _direction(m, "ydir") or 0}
    if not m["year"]:
        return {}
    year = int(m["year"])
    return {"year": year} if (1300 <= year < 1500 if hijri else 1800 <= year <= 2099) else {}


def _same_month(m: regex.Match) -> bool:
    """A second month name must name the same month (حزيران/يونيو), not start a range."""
    return not m["mon2"] or _month_value(m["mon2"]) == _month_value(m["mon"])


def _month_value(form: str) -> int:
    kind = "month" if _spaced(form) in WORDS["month"] else "month_weak"
    return int(_value(kind, form))


def _daymonth(m: regex.Match, ctx: _Context) -> TimeRef | None:
    day = _day_number(m)
    if day is None or not _same_month(m):
        return None
    if m["ord"] and ctx.word_before().startswith("ال"):
        return None  # الأسبوع الأول من يوليو: the ordinal belongs to the noun before it
    if not m["year"] and not m["wd"] and ctx.before_is("not_date_before"):
        raise _NotATime  # قوى 8 آذار، ثورة 25 يناير: a name; آذار alone must not be read either
    hijri = bool(m["hmon"] or m["hmark"])
    month = int(_value("hijri_month", m["hmon"])) if m["hmon"] else _month_value(m["mon"])
    return TimeRef(month=month, day=day, hijri=hijri, direction=_direction(m), **_year_of(m, hijri),
                   future=ctx.points_forward())


def _not_today(m: regex.Match, ctx: _Context) -> bool:
    """اليوم/الليلة that is part of a name (صحيفة اليوم، "اليوم"), "the day" (اليوم التالي، اليوم
    الوطني، اليوم السعودي), "per day" (مرتين في اليوم) or "until now" (حتى اليوم)."""
    after = ctx.word_after()
    if after in WORDS["not_today_after"] or (after.startswith("ال") and after.endswith("ي")):
        return True
    return not m["part"] and (ctx.before_is("not_today_before") or ctx.quoted())


def _not_tomorrow(ctx: _Context) -> bool:
    """غدا as the verb "became": قد غدا واضحا، حتى غدا ممزوجا."""
    after = ctx.word_after()
    predicate = len(after) >= 4 and after.endswith("ا") and not after.startswith("ال")
    return ctx.before_is("not_tomorrow_before") or (predicate and not ctx.points_forward())


def _relday(m: regex.Match, ctx: _Context) -> TimeRef | None:
    if m["relb"] and not (m["part"] or m["yom"] or m["wd"]):
        return None  # الغد alone is a word or a newspaper; صباح الغد، غد الاثنين are tomorrow
    form = _spaced(m["rel"] or m["relb"])
    if not m["wd"] and form in ("اليوم", "الليله") and _not_today(m, ctx):
        return None
    if not m["wd"] and form == "غدا" and not m["part"] and _not_tomorrow(ctx):
        return None
    offset = int(WORDS["relday"].get(form) or WORDS["relday_bound"][form])
    weekday = int(_value("weekday", m["wd"])) if m["wd"] else None
    return TimeRef(weekday=weekday, unit="day", offset=offset)


def _weekday(m: regex.Match, ctx: _Context) -> TimeRef | None:
    if not (m["part"] or m["yom"]) and ctx.before_is("not_weekday_before"):
        return None  # عبد الأحد، الواحد الأحد، بين الاثنين
    return TimeRef(weekday=int(_value("weekday", m["wd"])), direction=_direction(m),
                   future=ctx.points_forward())


def _ago(m: regex.Match, ctx: _Context) -> TimeRef | None:
    """قبل يومين، قبل ثلاثة أيام، قبل 20 عاما — but not قبل يومين من الانتخابات، قبل سنة 1990 or
    قبل شهر رمضان, where قبل means "before"."""
    after = ctx.word_after()
    if after in ("من", "علي", "عن") or after.startswith("ال") or after[:1].isdigit():
        return None
    if ctx.word_before() == "ما" or any(after in WORDS[k] for k in ("month", "month_weak", "hijri_month")):
        return None
    unit, count = _value("count", m["count"]).split()
    n = int(m["n"]) if m["n"] else int(_value("number", m["num"])) if m["num"] else None
    if count.isdigit():  # يومين، عام: the count is in the word, so no number may stand before it
        return TimeRef(unit=unit, offset=-int(count)) if n is None else None
    if n is None or (count == "n" and n > 10) or (count == "#" and not m["n"]):
        return None  # قبل أيام is vague; 11 يوما needs its digits
    return TimeRef(unit=unit, offset=-n)


def _hijri(m: regex.Match, ctx: _Context) -> TimeRef | None:
    # رجب طيب أردوغان، رمضان قاديروف: a Hijri month name needs something that makes it a month
    if not (m["shahr"] or m["year"] or m["yrel"] or m["dir"] or m["epithet"] or m["phase"]):
        return None
    return TimeRef(month=int(_value("hijri_month", m["hmon"])), hijri=True, **_year_of(m, True),
                   direction=_direction(m), future=ctx.points_forward(), phase=_phase(m))


def _month(m: regex.Match, ctx: _Context) -> TimeRef | None:
    if not _same_month(m):
        return None
    weak = _spaced(m["mon"]) in WORDS["month_weak"]
    licensed = (m["shahr"] or m["trig"] or m["phase"] or m["earlier"] or m["year"] or m["yrel"] or m["mon2"]
                or m["dir"])
    if weak and not licensed:
        return None  # مارس "he practised", آب/أب "father"
    return TimeRef(month=_month_value(m["mon"]), direction=_direction(m), **_year_of(m, False),
                   future=ctx.points_forward())


def _year_only(m: regex.Match, ctx: _Context) -> TimeRef | None:
    # A bare number is a year only after عام/في/منذ/… or marked هـ/م: not "3042 قتيلا"
    year = int(m["year"])
    if m["hmark"]:
        return TimeRef(year, hijri=True, phase=_phase(m)) if 1300 <= year < 1500 else None
    licensed = m["yw"] or m["trig"] or m["phase"] or m["earlier"] or m["gmark"]
    return TimeRef(year) if licensed and 1800 <= year <= 2099 else None


def _unit(m: regex.Match, ctx: _Context) -> TimeRef | None:
    if not (m["this"] or m["dir"] or m["phase"] or m["earlier"]):
        return None  # الشهر، العام alone are not dates
    before = ctx.word_before()
    if _spaced(m["unit"]) == "العام" and not m["this"] and before.startswith(
            ("ال", "وال", "بال", "لل", "فال")) and not m["phase"]:
        return None  # الأمين العام الحالي: العام is "general" after a definite noun
    offset = _direction(m) or 0
    return TimeRef(unit=_value("unit", m["unit"]), offset=offset)


def _decade(m: regex.Match, ctx: _Context) -> TimeRef | None:
    return TimeRef(decade=int(_value("decade", m["decade"])))


def _phase(m: regex.Match) -> str | None:
    value = _value("phase", m["phase"]) if m["phase"] else "-"
    return None if value == "-" else value  # seasons (صيف 2014) have no start or end here


_READERS: dict[str, Callable[[regex.Match, _Context], TimeRef | None]] = {
    "digits": _digits, "daymonth": _daymonth, "relday": _relday, "weekday": _weekday, "ago": _ago,
    "hijri": _hijri, "month": _month, "year": _year_only, "unit": _unit, "decade": _decade,
}


_BRANCH_GROUPS = [(name, _PATTERN.groupindex["b_" + name]) for name in _BRANCHES]


def _branch(m: regex.Match) -> str:
    return next(name for name, group in _BRANCH_GROUPS if m.start(group) >= 0)


def _span_start(m: regex.Match, branch: str) -> int:
    """Lead-ins that belong to the expression: في وقت سابق من، a phase, and a trigger word when
    it is what makes a bare month or year a date (في آذار، في 2011)."""
    if m["earlier"]:
        return m.start("earlier")
    bare = (branch == "month" and not (m["year"] or m["yrel"])) or (branch == "year" and not m["yw"])
    if m["trig"] and bare:
        return m.start("trig")
    if m["phase"] and branch in ("month", "hijri", "year", "unit", "decade"):
        return m.start("phase")
    return m.start("b_" + branch)


def _lead_words() -> frozenset[str]:
    """Every word that can stand before an anchor inside an expression (في وقت سابق من، يوم،
    صباح، منتصف، 22 …): the search for an expression's start walks back over these."""
    kinds = ("earlier", "trigger", "phase", "part", "weekday", "ordinal", "this", "number", "year_word")
    words = {w for k in kinds for form in WORDS[k] for w in form.split()}
    words |= {"ب" + form.split()[0] for form in WORDS["phase"]}  # بنهاية 2014
    return frozenset(words | {"من", "شهر", "يوم", "الموافق", "عشر", "والعشرين", "والثلاثين",
                              "نحو", "حوالي", "قرابه", "زهاء"})


_LEAD_WORDS = _lead_words()
_DAY_TOKEN = re.compile(r"[وف]?(?:ال)?\d{1,2}")
# Every expression contains an anchor: a month, weekday or relative-day word, a unit, a decade,
# قبل before a count, a plausible 4-digit year or the first number of a digit date. The stdlib
# engine finds these fast; the full pattern then runs only at the few word starts just before
# each anchor. The pattern consumes one non-word character first so that the engine skips
# quickly to word starts: a leading look-behind would make it enter the trie at every position.
_ANCHOR_FORMS = {f for k in ("month", "month_weak", "hijri_month", "weekday", "relday", "relday_bound",
                             "unit", "decade") for f in WORDS[k]}
_COUNTS = {f for k in ("count", "number") for f in WORDS[k]} | {"نحو", "حوالي", "قرابه", "زهاء"}
_ANCHOR = re.compile(r"\W([وف]?(?:%s(?!\w)|قبل(?=[^\S\n]+(?:\d|%s))|(?:1[3-9]|20)\d\d(?!\d)"
                     r"|\d{1,2}(?=[^\S\n]*[/.-][^\S\n]*\d)))" % (_trie(_ANCHOR_FORMS), _trie(_COUNTS)))
_LOOKBACK_CHARS = 100  # longer than any lead: في وقت متأخر من مساء يوم …


def _is_lead(word: str) -> bool:
    """Can `word` (as written between spaces) stand inside an expression before its anchor?"""
    bare = word[1:] if word[0] in "وف" else word
    return word in _LEAD_WORDS or bare in _LEAD_WORDS or bool(_DAY_TOKEN.fullmatch(word))


def _candidate_starts(text: str, anchor: int, floor: int) -> list[int]:
    """Word starts from which an expression holding the anchor may begin, leftmost first: the
    anchor and the unbroken run of lead words (separated by spaces, on its line) before it."""
    lo = max(floor, anchor - _LOOKBACK_CHARS)
    starts = [anchor]
    edge = anchor
    while edge > lo and text[edge - 1] in " \t":
        word_end = len(text[lo:edge].rstrip(" \t")) + lo
        word_start = max(text.rfind(" ", lo, word_end), text.rfind("\t", lo, word_end),
                         text.rfind("\n", lo, word_end), lo - 1) + 1
        word = text[word_start:word_end].lstrip('("«')  # (10 شوال 1436هـ)
        word_start = word_end - len(word)
        if not word or not _is_lead(word):
            break
        starts.append(word_start)
        edge = word_start
    return starts[::-1]


def _expression_at(text: str, anchor: int, floor: int,
                   sentence_start: int) -> tuple[regex.Match, str, TimeRef] | None:
    """The leftmost expression holding the anchor that its context accepts."""
    for start in _candidate_starts(text, anchor, floor):
        m = _PATTERN.match(text, start)
        if m is None or m.end() <= anchor:
            continue
        branch = _branch(m)
        try:
            ref = _READERS[branch](m, _Context(text, sentence_start, m.start("b_" + branch), m.end()))
        except _NotATime:
            return None
        if ref is not None:
            return m, branch, ref
    return None


def find_times(doc: Document) -> None:
    """Pipeline stage: add the time expressions of `doc` to `doc.times`, resolved against
    `doc.published` when it is known."""
    text = doc.norm.text
    starts = [s.nstart for s in doc.sentences]
    end = 0  # expressions do not overlap: the next one starts after the last one's end
    for anchor in _ANCHOR.finditer(" " + text):  # the space lets an anchor start the text
        at = anchor.start(1) - 1
        if at < end:
            continue
        sentence = max(bisect.bisect_right(starts, at) - 1, 0)
        sentence_start = starts[sentence] if starts else 0
        found = _expression_at(text, at, end, sentence_start)
        if found is None:
            continue
        m, branch, ref = found
        nstart, end = _span_start(m, branch), m.end()
        ostart, oend = doc.span(nstart, end)
        value, precision = resolve_date(ref, doc.published)
        sentence = max(bisect.bisect_right(starts, nstart) - 1, 0)
        doc.times.append(TimeExpression(doc.text[ostart:oend], ostart, oend, value, precision,
                                        sentence, nstart, end))
