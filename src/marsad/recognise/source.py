"""Provenance: which outlet published the article, who translated it, which wire it came from.

Sources are named in a few fixed places, so only those are read, never the whole text:
- attribution lines: a short line that starts with "المصدر:", "ترجمة:", "نقلا عن", or (with a
  known name after it) a syndication note: "خدمة «نيويورك تايمز»", "بالاتفاق مع «بلومبيرغ»";
- datelines: the head of the article or of a paragraph, shaped like "دمشق - (رويترز)",
  "رويترز- إسطنبول:", "عين اليوم – الطائف", "الرياض - واس" (short segments joined by dashes,
  colons, commas or brackets);
- self-attribution footers ("رابط الخبر بصحيفة الوئام: …") near the head or the tail, and the
  last line: a wire signature closing it ("… المنطقة. (واس)") or an outlet's name alone.

`source.outlet` is the original publisher: an "المصدر" line, then a self-attribution, then the
head dateline (a wire copy headed "رويترز- إسطنبول:" is Reuters'), then the site the input
record names (`doc.publisher`, or the URL's domain), mapped through lexicons/outlets.tsv
and the outlets of the user's lexicon files.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import ahocorasick
import regex

from marsad.document import Document
from marsad.lexicons import Row
from marsad.lexicons.user import table_layers
from marsad.text.clitics import in_word_list
from marsad.text.normalise import normalise_word


@dataclass(frozen=True, slots=True)
class Outlet:
    """One row of lexicons/outlets.tsv."""

    name: str
    kind: str  # "outlet" or "agency"
    name_ar: str | None
    country: str | None
    wikidata: str | None


class _Hit(NamedTuple):
    nstart: int
    nend: int
    outlet: Outlet


@dataclass(frozen=True)
class _Lexicon:
    automaton: ahocorasick.Automaton  # unambiguous multi-letter forms → (length, Outlet)
    abbreviations: dict[str, Outlet]  # the letters of "أ ف ب", "د.ب.أ" … → Outlet
    names: dict[str, Outlet]  # every normalised form, ambiguous ones too, for whole-name lookup
    ambiguous: frozenset[str]  # forms that are also words or places: "الرياض", "اليوم"
    keys: dict[str, Outlet]  # site keys and domains


# A run of 2–4 single letters split by dots or spaces: "ا ف ب", "ا.ش.ا", "د. ب. ا".
_ABBREVIATION = regex.compile(r"(?<![\w.])\p{L}(?:[.\s]{1,3}\p{L}){1,3}\.?(?!\w)")
_ABBREVIATION_FORM = regex.compile(r"^\p{L}(?:[.\s]+\p{L})+\.?$")
# What joins the parts of a dateline: "دمشق - (رويترز)", "طوكيو - «رويترز»:", "سبق- الرياض:".
_SEPARATORS = "-:,/()[]{}|«»\""
_PROCLITIC = regex.compile(r"^(?:و|ف)?(?:ل|ب)?(?=\p{L}{3})")
_OPENERS = "([{«\""
_CLOSERS = ")]}»\""
# Every dateline has one of these near its start (commas only join names, before a dash).
_SEPARATOR_NEAR = regex.compile(r"[-:/()«»\"]")
_SEGMENT_SPLIT = regex.compile(r"[-:,/()\[\]{}|«»\"]")
# Words that make the text before a name a clause, not a dateline: "قالت «رويترز» …".
_CLAUSE_WORDS = frozenset(normalise_word(w) for w in (
    "قال قالت ذكر ذكرت نقل نقلت أورد أوردت أفاد أفادت أعلن أعلنت أكد أكدت كشف كشفت نشر نشرت "
    "أضاف أضافت أوضح أوضحت أشار أشارت بث بثت تقول يقول بحسب حسب وفق وفقا طبقا نقلا عن ل ب "
    "لـ مع في من إلى على مراسل علمت رصدت أبلغت كانت تلقت حصلت اطلعت التقت سألت تنشر").split())
_JUNK_PREFIX = regex.compile(r"[\s\"'«»*•]*(?:next\s+previous\s*)?")
# Attribution lines: "المصدر:" and "ترجمة:" may give any name; "نقلا عن", "خدمة «نيويورك تايمز»",
# "بالاتفاق مع «بلومبيرغ»", "خاص بـ«الشرق الأوسط»" count only with a name the lexicon knows.
_ATTRIBUTION = regex.compile(
    r"[\s\"'«*•]*(?:(المصدر|ترجمه(?:\s+وتحرير)?)\s*[:\-]|(نقلا\s+عن|بالاتفاق\s+مع|خدمه|خاص\s*ب)[\s:«{\"])")
_SELF_LINK = regex.compile(r"رابط\s+الخبر\s+ب(?:صحيفه|موقع|جريده)?\s*([^:\n]{1,40}?)\s*:")
_GENERIC = regex.compile(
    r"(?:موقع|صحيفه|جريده|وكاله(?:\s+انباء)?|قناه|مجله|شبكه|اذاعه|تلفزيون|بوابه|الموقع|الصحيفه)\s+")
# A trailing nisba adjective: "الامريكي", "البريطانيه", "الاميركيه".
_NISBA = regex.compile(r"\s+ال\p{L}+(?:ي|يه)\s*$")
# What starts a clause rather than a name: "وقال المصدر: إن …", "المصدر: «…»", "المصدر - الذي …"
_NOT_A_NAME = regex.compile(r"^(?:ان|انه|الذي|التي|ما|لا|لم|لن|قد|في|من|على|الي|عن)(?:\s|$)")
# A wire signature ends the text and follows a sentence's end: "… الغذائية. «رويترز»".
_SIGNATURE = regex.compile(r"(?m)(?:^|[.!?»\"]\s*)\K[(«{\"]\s*([^()«»{}\"\n]{1,25}?)\s*[)»}\"]\s*\.?\s*$")
_NO_OUTLET = {"وكالات", "متابعات", "مواقع", "وسائل اعلام", "خاص", "خاصه", "مواقع التواصل"}
_URL = regex.compile(r"https?://(?:www\.)?([^/\s]+)")
_TRIM = " \t\r\"'«»(){}[].,:;*•-"  # around a name
_SPACE = " \t\r*•"  # around an evidence line
_HEAD_LINES = 2  # non-empty lines that count as the article's head
_DATELINE_WINDOW = 80  # a dateline sits in the first characters of its line
_DATELINE_MAX_PREFIX = 50  # characters before the name: reporter and city names, no more
_SEGMENT_MAX_WORDS = 5  # "سان فرانسيسكو 20 يوليو تموز (رويترز)"
_PLACE_MAX_WORDS = 3  # after the name: "- بنغازي (ليبيا)", "– المدينة المنورة"
_ATTRIBUTION_MAX_WORDS = 6  # a name, possibly with "صحيفة" before it and a nisba after it
_UNKNOWN_MAX_WORDS = 4  # a name the lexicon does not know must be shorter still
_LINE_MAX_WORDS = 12  # an attribution line is short; a longer one is running text
_SELF_LINK_WINDOW = 400
_NAME_MAX_CHARS = 60  # longer than any name with its generic word and nisba


def lexicon(files: tuple[Path, ...] = ()) -> _Lexicon:
    """outlets.tsv and the outlets of the user's lexicon files, compiled into a matcher once
    per set of files."""
    return _compile(files)  # one cache entry for lexicon() and lexicon(()) alike


@dataclass
class _Forms:
    """What the rows of one outlets table give, before the tables are layered."""

    written: dict[str, Outlet] = field(default_factory=dict)  # unambiguous multi-letter forms
    abbreviations: dict[str, Outlet] = field(default_factory=dict)
    names: dict[str, Outlet] = field(default_factory=dict)
    ambiguous: set[str] = field(default_factory=set)
    keys: dict[str, Outlet] = field(default_factory=dict)

    def add(self, row: Row) -> None:
        """A row's forms (the first row to give a name keeps it), its abbreviations' letters
        and its site keys (the last row to give one keeps it)."""
        forms = row.alternatives("forms_ar")
        outlet = Outlet(row.get("name"), row.get("kind"), forms[0] if forms else None,
                        row.get("country"), row.get("wikidata"))
        for form in [normalise_word(f) for f in forms]:
            if _ABBREVIATION_FORM.match(form):
                self.abbreviations[_letters(form)] = outlet
            else:
                self.written[form] = outlet
            self.names.setdefault(form, outlet)
        for form in [normalise_word(f) for f in row.alternatives("ambiguous_ar")]:
            self.names.setdefault(form, outlet)
            self.ambiguous.add(form)
        self.names.setdefault(normalise_word(row.get("name") or ""), outlet)
        for key in row.alternatives("keys"):
            self.keys[key.lower()] = outlet

    def update(self, later: "_Forms") -> None:
        """Take in a later table's forms: where both give one, the later table's wins."""
        for mine, theirs in ((self.written, later.written), (self.abbreviations, later.abbreviations),
                             (self.names, later.names), (self.keys, later.keys)):
            mine.update(theirs)
        self.ambiguous |= later.ambiguous


@lru_cache(maxsize=4)
def _compile(files: tuple[Path, ...]) -> _Lexicon:
    forms = _Forms()
    for rows in table_layers("outlets", files):
        layer = _Forms()
        for row in rows:
            layer.add(row)
        forms.update(layer)
    automaton = ahocorasick.Automaton()
    for form, outlet in forms.written.items():
        automaton.add_word(form, (len(form), outlet))
    automaton.make_automaton()
    ambiguous_only = frozenset(form for form in forms.ambiguous if form not in forms.written)
    return _Lexicon(automaton, forms.abbreviations, forms.names, ambiguous_only, forms.keys)


def _letters(form: str) -> str:
    return "".join(ch for ch in form if ch.isalpha())


def find_source(doc: Document) -> None:
    """Fill `doc.source` from the article's attribution lines, datelines and its publisher."""
    norm, lex = doc.norm.text, lexicon(doc.lexicons)
    lines = _lines(norm)
    _read_attributions(doc, lex, norm, lines)
    _read_self_link(doc, lex, norm)
    _read_datelines(doc, lex, norm, lines)
    _read_signature(doc, lex, norm, lines)
    if doc.source.outlet is None:
        _use_publisher(doc, lex)


# --- lines ------------------------------------------------------------------------------------

def _lines(norm: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line, in normalised offsets."""
    spans, pos = [], 0
    while pos <= len(norm):
        end = norm.find("\n", pos)
        end = len(norm) if end < 0 else end
        if not norm[pos:end].isspace() and end > pos:
            spans.append((pos, end))
        pos = end + 1
    return spans


def _trim(norm: str, start: int, end: int, chars: str = _TRIM) -> tuple[int, int]:
    while start < end and norm[start] in chars:
        start += 1
    while end > start and norm[end - 1] in chars:
        end -= 1
    return start, end


def _evidence(doc: Document, nstart: int, nend: int) -> None:
    nstart, nend = _trim(doc.norm.text, nstart, nend, _SPACE)
    start, end = doc.span(nstart, nend)
    while end < len(doc.text) and unicodedata.category(doc.text[end]) == "Mn":
        end += 1  # the line's last word keeps its vowel marks
    item = {"text": doc.text[start:end], "start": start, "end": end}
    if item not in doc.source.evidence:
        doc.source.evidence.append(item)


# --- finding names ----------------------------------------------------------------------------

def _hits(lex: _Lexicon, norm: str, start: int, end: int) -> list[_Hit]:
    """Outlet and agency names in norm[start:end], whole words only, longest first on overlap."""
    found = []
    for last, (length, outlet) in lex.automaton.iter(norm, start, end):
        first = last - length + 1
        if _is_word(norm, first, last + 1):
            found.append(_Hit(first, last + 1, outlet))
    for m in _ABBREVIATION.finditer(norm, start, end):
        outlet = lex.abbreviations.get(_letters(m.group()))
        if outlet is not None:
            found.append(_Hit(m.start(), m.end(), outlet))
    found.sort(key=lambda h: (h.nstart, h.nstart - h.nend))
    kept: list[_Hit] = []
    for hit in found:
        if not kept or hit.nstart >= kept[-1].nend:
            kept.append(hit)
    return kept


def _is_word(norm: str, start: int, end: int) -> bool:
    return (start == 0 or not norm[start - 1].isalnum()) and (end == len(norm) or not norm[end].isalnum())


def _name(lex: _Lexicon, norm: str, start: int, end: int) -> tuple[Outlet | None, int, int]:
    """The outlet a short attribution span names, and the span of the name itself: the span as
    a whole name (see `_exact`), else the first known name inside it. Unknown names come back
    as (None, span without its generic word and nisbas)."""
    outlet, s, e = _exact(lex, norm, start, end)
    if outlet is None:
        for hit in _hits(lex, norm, start, end):
            return hit.outlet, hit.nstart, hit.nend
    return outlet, s, e


def _exact(lex: _Lexicon, norm: str, start: int, end: int, ambiguous: bool = True) -> tuple[Outlet | None, int, int]:
    """The outlet the whole span names: as it stands, without a generic word ("موقع",
    "صحيفة"), or without trailing nisbas ("الامريكي") too. Forms that are also ordinary words
    ("اليوم") count only where the context says a name follows, i.e. when `ambiguous`."""
    start, end = _trim(norm, start, end)
    if end - start > _NAME_MAX_CHARS:
        return None, start, end
    generic = _GENERIC.match(norm, start, end)
    candidates = [(start, end)] + ([_trim(norm, generic.end(), end)] if generic else [])
    for s, e in list(candidates):
        while (nisba := _NISBA.search(norm, s, e)) and nisba.start() > s:
            e = nisba.start()
            candidates.append((s, e))
    for s, e in candidates:
        text = norm[s:e]
        outlet = lex.names.get(text) if ambiguous or text not in lex.ambiguous else None
        if outlet is None and _ABBREVIATION_FORM.match(text):
            outlet = lex.abbreviations.get(_letters(text))
        if outlet is not None:
            return outlet, s, e
    return None, *candidates[-1]


# --- attribution lines --------------------------------------------------------------------------

def _read_attributions(doc: Document, lex: _Lexicon, norm: str, lines: list[tuple[int, int]]) -> None:
    """"المصدر:" and "ترجمة:" lines first, then the weaker "نقلا عن", "خدمة", "بالاتفاق مع";
    the first line of each kind that gives a name wins."""
    found = [(m, start, end) for start, end in lines if (m := _attribution(norm, start, end))]
    found.sort(key=lambda item: item[0].group(2) is not None)  # stable: text order within a rank
    for m, start, end in found:
        translator = (m.group(1) or "").startswith("ترجمه")
        if (doc.source.translator if translator else doc.source.outlet) is not None:
            continue
        named = _attributed(doc, lex, norm, m.end(), end, known_only=m.group(2) is not None)
        if named is None:
            continue
        if translator:
            doc.source.translator, doc.source.translator_ar = named
        else:
            doc.source.outlet, doc.source.outlet_ar = named
        _evidence(doc, start, end)


def _attribution(norm: str, start: int, end: int) -> regex.Match[str] | None:
    """The keyword opening a short attribution line; None for running text or a quotation
    ("المصدر: «…»" is a source being quoted, not the article's source)."""
    m = _ATTRIBUTION.match(norm, start, end)
    if m is None or norm.count(" ", m.end(), end) >= _LINE_MAX_WORDS:
        return None
    if m.group(1) and norm[m.end():end].lstrip().startswith(("\"", "«")):
        return None
    return m


def _attributed(doc: Document, lex: _Lexicon, norm: str, start: int, end: int,
                known_only: bool) -> tuple[str, str | None] | None:
    """(name, Arabic name) that the rest of an attribution line gives, if it gives a name.

    Unless `known_only`, an unknown name is kept as written (a translator is often a person);
    a URL gives the outlet of its domain and fills `source.url`.
    """
    start, end = _trim(norm, start, _clause_end(norm, start, end))
    text = norm[start:end]
    if _URL.match(text):
        doc.source.url = doc.text[slice(*doc.span(start, end))]
        outlet = _by_domain(lex, text)
        return (outlet.name, outlet.name_ar) if outlet else None
    if not text or text.count(" ") >= _ATTRIBUTION_MAX_WORDS or _NOT_A_NAME.search(text):
        return None
    outlet, s, e = _name(lex, norm, start, end)
    if outlet is not None:
        return outlet.name, outlet.name_ar
    unknown = norm[s:e]
    if known_only or unknown in _NO_OUTLET or unknown.count(" ") >= _UNKNOWN_MAX_WORDS \
            or any(ch.isdigit() for ch in unknown):
        return None
    written = doc.text[slice(*doc.span(s, e))]
    return written, written


def _clause_end(norm: str, start: int, end: int) -> int:
    """Where the name ends: at a comma or a spaced dash after it ("المصدر: روز اليوسف، 19 …")."""
    for i in range(start, end):
        if norm[i] in ",;" or (norm[i] == "-" and i > start and norm[i - 1] == " "):
            return i
    return end


def _set_outlet(doc: Document, outlet: Outlet) -> None:
    doc.source.outlet, doc.source.outlet_ar = outlet.name, outlet.name_ar


def _set_agency(doc: Document, outlet: Outlet) -> None:
    doc.source.agency, doc.source.agency_ar = outlet.name, outlet.name_ar


# --- self-attribution ---------------------------------------------------------------------------

def _read_self_link(doc: Document, lex: _Lexicon, norm: str) -> None:
    """"رابط الخبر بصحيفة الوئام: …", the footer some sites add, at the head or the tail."""
    if doc.source.outlet is not None:
        return
    windows = [(0, min(len(norm), _SELF_LINK_WINDOW)), (max(0, len(norm) - _SELF_LINK_WINDOW), len(norm))]
    for start, end in windows:
        m = _SELF_LINK.search(norm, start, end)
        if m is None:
            continue
        outlet, _, _ = _name(lex, norm, *m.span(1))
        if outlet is not None:
            _set_outlet(doc, outlet)
            _evidence(doc, m.start(), m.end() - 1)
            return


# --- datelines ----------------------------------------------------------------------------------

def _read_datelines(doc: Document, lex: _Lexicon, norm: str, lines: list[tuple[int, int]]) -> None:
    """The head dateline may name the outlet; any paragraph's dateline may name the agency."""
    for number, (start, end) in enumerate(lines):
        head = number < _HEAD_LINES
        if doc.source.agency is not None and not head:
            return
        if not _SEPARATOR_NEAR.search(norm, start, min(end, start + _DATELINE_MAX_PREFIX + 10)):
            continue
        hits, dateline_end = _dateline(lex, norm, start, end)
        if head and 0 < number == len(lines) - 1 and not norm[dateline_end:end].strip(_TRIM):
            head = False  # a short text's closing line is a signature ("…\n(أ. ف. ب)")
        if hits and _use_dateline(doc, hits, head):
            _evidence(doc, _JUNK_PREFIX.match(norm, start, end).end(), dateline_end)


def _dateline(lex: _Lexicon, norm: str, start: int, end: int) -> tuple[list[_Hit], int]:
    """The names in a dateline-shaped line head, and where the dateline ends."""
    start = _JUNK_PREFIX.match(norm, start, end).end()
    window_end = min(end, start + _DATELINE_WINDOW)
    accepted = [hit for hit in _hits(lex, norm, start, window_end)
                if _dateline_shaped(norm[start:hit.nstart], norm[hit.nend:window_end], hit.outlet)]
    if not accepted:
        return [], start
    return accepted, _dateline_end(norm, accepted[-1].nend, end)


def _dateline_shaped(before: str, after: str, outlet: Outlet) -> bool:
    """Whether a name sits in a dateline: see `_dateline_before` and `_dateline_after`."""
    stripped = before.strip()
    if not stripped:
        return _dateline_after(after)
    if not _dateline_before(stripped):
        return False
    # A name bracketed straight after a word: "دمشق (رويترز) -" is a dateline, but "علمت «عكاظ»"
    # is a paper quoting itself and "وتوقع مسح «رويترز» أن" running text, so only an agency
    # counts, and only when the dateline closes after it.
    bracketed = stripped[-1] in _OPENERS and stripped[:-1].rstrip()[-1:] not in _SEPARATORS
    return not bracketed or (outlet.kind == "agency" and _dateline_after(after))


def _dateline_before(stripped: str) -> bool:
    """Short segments ending in a separator ("بدر العتيبي- سبق- "), none of them a clause
    ("ونقلت وكالة (تسنيم)", "وقال لـ«عكاظ»"), and no colon: a colon closes a dateline."""
    if len(stripped) > _DATELINE_MAX_PREFIX or stripped[-1] not in _SEPARATORS or ":" in stripped:
        return False
    segments = [seg.split() for seg in _SEGMENT_SPLIT.split(stripped)]
    if any(len(words) > _SEGMENT_MAX_WORDS for words in segments):
        return False
    words = [w for seg in segments for w in seg]
    if words and _GENERIC.match(_PROCLITIC.sub("", words[-1]) + " "):
        return False
    return not any(in_word_list(w, _CLAUSE_WORDS) for w in words)


def _dateline_after(after: str) -> bool:
    """A name opening the line is a dateline when a separator or the line's end follows it,
    past any closing bracket: "رويترز- إسطنبول:", "(رويترز) -", but not "«عكاظ» تنشر"."""
    rest = after.lstrip()
    closed = rest.lstrip(_CLOSERS).lstrip()
    if not closed:
        return True
    return closed[0] in _SEPARATORS and (closed is rest or closed[0] not in _OPENERS + _CLOSERS)


def _dateline_end(norm: str, pos: int, line_end: int) -> int:
    """Past the place that may follow the name ("رويترز- اسطنبول", "عين اليوم – الطائف"), up to
    a colon or the line's end, when only a short place name is left before it."""
    colon = norm.find(":", pos, min(line_end, pos + _DATELINE_WINDOW))
    stop = colon if colon >= 0 else line_end
    rest = norm[pos:stop]
    if rest.strip(_TRIM) and len(rest.split()) <= _PLACE_MAX_WORDS + 1 and rest.lstrip()[:1] in "-,/":
        return stop
    while pos < line_end and norm[pos] in _CLOSERS:
        pos += 1
    return pos


def _use_dateline(doc: Document, hits: list[_Hit], head: bool) -> bool:
    """Take the agency and, from the head, the outlet; False when the dateline adds nothing."""
    agencies = [h.outlet for h in hits if h.outlet.kind == "agency"]
    outlets = [h.outlet for h in hits if h.outlet.kind != "agency"]
    used = False
    if agencies and doc.source.agency is None:
        _set_agency(doc, agencies[0])
        used = True
    if head and doc.source.outlet is None:
        # the site's own name wins ("عين اليوم – واس" is Ain Alyoum's copy of an SPA story);
        # a dateline naming only an agency makes the article a wire copy.
        _set_outlet(doc, (outlets or agencies)[0])
        used = True
    return used


def _read_signature(doc: Document, lex: _Lexicon, norm: str, lines: list[tuple[int, int]]) -> None:
    """The last line: a name alone ("* مجلة «فورين بوليسي»": the piece is syndicated from it) or
    a wire signature closing the text ("… في المنطقة. «رويترز»", "(أ. ف. ب)")."""
    if not lines:
        return
    start, end = lines[-1]
    outlet = _exact(lex, norm, start, end, ambiguous=False)[0]
    if outlet is None:
        m = _SIGNATURE.search(norm, max(start, end - _NAME_MAX_CHARS), end)
        outlet = _exact(lex, norm, *m.span(1), ambiguous=False)[0] if m else None
        if outlet is None or outlet.kind != "agency":
            return
        start = m.start()
    if outlet.kind == "agency" and doc.source.agency is None:
        _set_agency(doc, outlet)
    elif outlet.kind != "agency" and doc.source.outlet is None:
        _set_outlet(doc, outlet)
    else:
        return
    _evidence(doc, start, end)


# --- publisher ----------------------------------------------------------------------------------

def _use_publisher(doc: Document, lex: _Lexicon) -> None:
    """The site the input record names, or failing that the URL's domain."""
    publisher = (doc.publisher or "").strip()
    outlet = None
    if publisher:
        outlet = lex.keys.get(publisher.lower()) or _by_domain(lex, publisher)
    if outlet is None and doc.url:
        outlet = _by_domain(lex, doc.url)
    if outlet is not None:
        _set_outlet(doc, outlet)
    elif publisher:
        doc.source.outlet = publisher  # an unknown site: its key is still the best name we have


def _by_domain(lex: _Lexicon, text: str) -> Outlet | None:
    """The outlet whose domain is `text`'s host or a parent of it ("www.sabq.org/x" → Sabq)."""
    m = _URL.match(text)
    host = (m.group(1) if m else text.split("/")[0]).lower().removeprefix("www.")
    parts = host.split(".")
    keys = lex.keys
    for i in range(len(parts) - 1):
        outlet = keys.get(".".join(parts[i:]))
        if outlet is not None:
            return outlet
    return None
