"""Personal data in free text and labels: detection and redaction, offline, for every audience.

One module used wherever a free-text or label value could carry personal data (staff survey
comments, exit-form answers, the new-employer label, officers' SWOT entries and tracker text,
every text cell and sentence of the public pack through
:func:`pipelines.core.disclosure.redact`).

Detection works on a normalised copy of the text (:func:`normalise`): Unicode NFKC (full-width
and mathematical letters, ligatures), accents removed (``Zoë`` -> ``Zoe``), characters that look
like Latin letters folded to them (Unicode's confusables, e.g. a Cyrillic ``а`` in a Latin name,
from the ``confusable-homoglyphs`` package's copy of ``confusables.txt``), zero-width and other
invisible format characters removed, curly apostrophes made straight, whitespace collapsed, and
a case-folded twin for the patterns that ignore case. Every character of the normalised text
remembers the character of the original it came from, so what is found is redacted in the
original whole: a name split by a zero-width space is removed entire, never half.

It finds:

- ``email``: e-mail addresses, written plainly or spelled out (``jane dot smith at example dot
  gov dot uk``, ``jane.smith [at] example.gov.uk``, ``(at)``, ``(dot)``), ending in a known
  top-level word (``uk``, ``com``, ``org``...);
- ``phone``: UK telephone numbers in the common written forms (``07700 900123``,
  ``(01632) 960961``, ``+44 (0)20 7946 0018``, ``020-7946-0018``, ``+447700900123``, digits
  separated by spaces or dots: ``0 7 7 0 0 9 0 0 1 2 3``, ``07700.900.123``): a candidate is
  accepted only when it has the 10 or 11 digits of a UK number starting ``0`` (after
  ``+44``/``(0)`` is normalised), uses dots or spaces but not both (``0.5 0.7`` is a list of
  decimals), and is not a run of single digits counting up (a scale ``0 1 2 ... 9``), so
  money amounts, dates and years are never taken;
- ``ni_number``: National Insurance numbers in any case, with or without spaces, dots or
  hyphens (``QQ123456C``, ``QQ 12 34 56 C``, ``qq-12-34-56-c``): two letters, six digits and A
  to D (any prefix: HMRC's own example ``QQ`` is not an allocated one, and people copy it), so
  a grade such as ``M2`` or a postcode is never taken;
- ``postcode``: UK postcodes in any case (``LU1 2BQ``, ``lu1 2bq``, ``SW1A 1AA``, ``LU12BQ``),
  except an inward part that is an ordinal written in lower case (``M2 2nd``);
- ``reference``: employee references (one or two capitals and 5 to 7 digits, ``E149269``) and
  form numbers (two to four capitals, year, number: ``EX-2015-001``);
- ``name``: personal names: a title (Mr, Mrs, Ms, Miss, Mx, Dr, Prof) followed by a
  capitalised word or two; a common first name (:data:`FIRST_NAMES`) followed by a capitalised
  surname (accents and apostrophes allowed: ``Renée O'Sullivan``, ``Siân D'Arcy``); and any
  name passed in ``names`` (the review's officers, staff named in an export), matched as whole
  words in any case, with its surname alone after a first name or title.

Presidio (``presidio-analyzer``) was considered again (issue 26): its pattern recognisers need
no language model, but the package requires spaCy (with ``thinc``, ``blis``, ``preshed``) and
``tldextract`` (which downloads the public-suffix list at run time), and its default engine
loads a spaCy model from a hub; it ships no recogniser for UK phone numbers in bracketed or
``+44 (0)`` forms, spelled-out addresses or UK postcodes. So the patterns here are written
directly, run on normalised text, and tested in ``tests/core/test_personal_data.py`` (with
property tests). No names dataset package was taken either: the
maintained one (``names-dataset``) loads hundreds of megabytes; the first names below are the
most common given names in England and Wales (ONS baby-name and census lists), without those that
are also everyday words (Grace, Hope, Will, Mark, May, Rose ...), which would garble sentences.

Names in public office (councillors named as members of the group) are not personal data in
this sense and are not matched unless passed in ``names``.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import pandas as pd

__all__ = [
    "FIRST_NAMES",
    "KINDS",
    "Detector",
    "Found",
    "Normalised",
    "counts_phrase",
    "detector",
    "find",
    "normalise",
    "redact",
    "redact_counted",
    "redact_values",
    "review_names",
]

#: kind -> (singular, plural, replacement text), in the order the kinds are looked for.
KINDS: dict[str, tuple[str, str, str]] = {
    "email": ("e-mail address", "e-mail addresses", "[e-mail removed]"),
    "ni_number": ("National Insurance number", "National Insurance numbers", "[NI number removed]"),
    "reference": ("reference", "references", "[reference removed]"),
    "postcode": ("postcode", "postcodes", "[postcode removed]"),
    "phone": ("phone number", "phone numbers", "[phone number removed]"),
    "name": ("name", "names", "[name removed]"),
}

# --- Normalisation -------------------------------------------------------------------------

#: Apostrophes and quotes that stand for "'" in names (O’Brien, D‘Arcy, Oʼ Neill).
APOSTROPHES = "\u2019\u2018\u02bc\u02bb\u0060\u00b4\u2032"
#: Letters that Unicode does not decompose into a Latin letter and an accent.
EXTRA_LATIN = {
    "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D",
    "ħ": "h", "Ħ": "H", "ı": "i", "ŀ": "l", "Ŀ": "L", "ß": "ss", "æ": "ae", "Æ": "AE",
    "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "Th",
}  # fmt: skip


@functools.lru_cache(maxsize=1)
def confusables() -> dict[str, str]:
    """Non-ASCII character -> the ASCII letter or digit it looks like (Unicode confusables).

    From ``confusable_homoglyphs`` (Unicode's ``confusables.txt``): a Cyrillic ``а`` -> ``a``,
    Greek ``Ο`` -> ``O``. An upper-case character whose look-alike is ``l`` maps to ``I`` (a
    Cyrillic ``І`` is read as a capital I). Loaded once, on first use.
    """
    from confusable_homoglyphs.confusables import confusables_data

    out: dict[str, str] = {}
    for char, glyphs in confusables_data.items():
        if len(char) != 1 or char.isascii():
            continue
        ascii_ = [g["c"] for g in glyphs if len(g["c"]) == 1 and g["c"].isascii()]
        ascii_ = [c for c in ascii_ if c.isalnum()]
        if not ascii_:
            continue
        letters = [c for c in ascii_ if c.isalpha()] or ascii_
        pick = letters[0]
        if char.isupper() and pick == "l":
            pick = "I"
        elif char.islower() and pick.isupper():
            pick = pick.lower()
        out[char] = pick
    return out


def _fold(char: str) -> str:
    """One original character as detection reads it (possibly empty or two letters)."""
    if unicodedata.category(char) == "Cf":  # zero-width spaces and joiners, soft hyphen, BOM
        return ""
    if char.isspace():
        return " "
    out = []
    for ch in unicodedata.normalize("NFKC", char):
        if ch in APOSTROPHES:
            out.append("'")
            continue
        if ch.isascii():
            out.append(ch)
            continue
        if ch.isspace():
            out.append(" ")
            continue
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        folded = []
        for c in base:
            c = EXTRA_LATIN.get(c, c)
            if not c.isascii():
                c = confusables().get(c, c)
            folded.append(c)
        out.append("".join(folded))
    return "".join(out)


@dataclass(frozen=True)
class Normalised:
    """A text as detection reads it, and where each of its characters came from.

    Attributes
    ----------
    source : str
        The original text.
    text : str
        NFKC, accents removed, confusable letters folded to Latin, zero-width characters
        removed, apostrophes straightened, every run of whitespace one space; case kept.
    lower : str
        ``text`` with each character in lower case (same length as ``text``).
    origin : tuple of int
        For each character of ``text``, the index in ``source`` of the character it came from.

    """

    source: str
    text: str
    lower: str
    origin: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The span of ``source`` that the span ``[start, end)`` of ``text`` came from.

        It runs from the first original character to the last one, so invisible characters
        inside a match (a zero-width space in a name) are covered too.
        """
        if end <= start:
            return self.origin[start], self.origin[start]
        return self.origin[start], self.origin[end - 1] + 1


@functools.lru_cache(maxsize=8192)
def normalise(text: str) -> Normalised:
    """The normalised form of ``text`` with the origin of every character (see :class:`Normalised`).

    Whitespace of any kind (tabs, new lines, non-breaking and thin spaces) becomes one space
    per run; zero-width and other format characters disappear.
    """
    chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        for c in _fold(ch):
            if c == " " and chars and chars[-1] == " ":
                continue
            chars.append(c)
            origin.append(i)
    folded = "".join(chars)
    lower = "".join(c.lower() if len(c.lower()) == 1 else c for c in folded)
    return Normalised(text, folded, lower, tuple(origin))


# --- Patterns (run on normalised text) -----------------------------------------------------

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
#: Spelled-out e-mail addresses, on lower-case text: "at"/"[at]"/"(at)" and "dot"/"[dot]".
_AT = r"(?:\s*@\s*|\s*[\[\(\{<]\s*at\s*[\]\)\}>]\s*|\s+at\s+)"
_DOT = r"(?:\s*\.\s*|\s*[\[\(\{<]\s*dot\s*[\]\)\}>]\s*|\s+dot\s+)"
_MAILWORD = r"[a-z0-9](?:[a-z0-9_+-]{0,62}[a-z0-9])?"
_TLD = r"(?:uk|com|org|net|gov|info|io|co|ac|nhs|sch|eu|me|biz|email|online|cloud|scot|wales)"
SPELLED_EMAIL = re.compile(
    rf"(?<![a-z0-9_.@-]){_MAILWORD}(?:{_DOT}{_MAILWORD}){{0,6}}{_AT}{_MAILWORD}"
    rf"(?:{_DOT}{_MAILWORD}){{0,6}}{_DOT}{_TLD}(?![a-z0-9])"
)
_SEP = r"[\s.-]?"
NI_NUMBER = re.compile(
    rf"(?<![a-z0-9])[a-z]{{2}}{_SEP}\d{{2}}{_SEP}\d{{2}}{_SEP}\d{{2}}{_SEP}[a-d](?![a-z0-9])"
)
EMPLOYEE_REF = re.compile(r"(?<![A-Za-z0-9])[A-Z]{1,2}\d{5,7}(?![A-Za-z0-9])")
FORM_REF = re.compile(r"(?<![A-Za-z0-9-])[A-Z]{2,4}-\d{4}-\d{1,4}(?![A-Za-z0-9-])")
POSTCODE = re.compile(
    r"(?<![A-Za-z0-9])(?:GIR ?0AA|[A-PR-UWYZ](?:\d[A-HJKPSTUW\d]?|[A-HK-Y]\d[ABEHMNPRVWXY\d]?)"
    r" ?\d[ABD-HJLNP-UW-Z]{2})(?![A-Za-z0-9])",
    re.IGNORECASE,
)
#: A lower-case inward part that is an ordinal ("M2 2nd"): not a postcode.
_ORDINAL_INWARD = re.compile(r"(?:1st|2nd|3rd|[04-9]th)$")
#: A run that could be a UK phone number; accepted by :func:`_uk_phone_digits`.
PHONE_CANDIDATE = re.compile(
    r"(?<![\w£$€.,/:-])(?:\+\s?44[\s.-]?(?:\(0\)[\s.-]?)?|\(\s?0|0)[\s.-]?\d(?:[\d\s().-]*\d)?"
    r"(?![\w%]|[.,/]\d)"
)
TITLES = ("Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof")
#: A capitalised name word (on normalised text, so accents are gone): Okonkwo, O'Brien,
#: McDonald, Smith-Jones, D'Arcy (a possessive 's is left).
_CAP = r"(?:[A-Z]')?[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:-(?:[A-Z]')?[A-Z][a-z]+)?"
TITLED_NAME = re.compile(
    r"\b(?:" + "|".join(TITLES) + r")\.?\s+(?:[A-Z]\.?\s+)?" + _CAP + r"(?:\s+" + _CAP + r")?"
)


#: Common given names in England and Wales, without words that are also ordinary English.
FIRST_NAMES: frozenset[str] = frozenset(
    """
    Aaron Abdul Abigail Adam Adrian Ahmed Aisha Alan Alex Alexander Alexandra Ali Alice Alison
    Amanda Amelia Amir Amy Andrea Andrew Angela Anil Ann Anna Anne Anthony Anwar Asha Ashley
    Barbara Barry Ben Benjamin Beth Bethany Beverley Brian Bridget Callum Carl Carol Caroline
    Catherine Charlie Charlotte Chloe Chris Christine Christopher Claire Clare Colin Craig Daniel
    Danielle Darren David Dean Deborah Debbie Denise Derek Dominic Donna Ellie Eleanor Elizabeth
    Emily Emma Eric Fatima Fiona Gail Gareth Gary Gemma Geoffrey George Gillian Graham Hannah
    Harry Hayley Heather Helen Holly Ian Imran Irene Isabella Isla Jack Jacqueline Jade James
    Jane Janet Jason Jasmine Jayne Jean Jennifer Jenny Jessica Joan Joanne Joe John Jonathan
    Jordan Joseph Joshua Julia Julie Justin Karen Kate Katherine Kathleen Katie Kayleigh Keith
    Kelly Kevin Kieran Kirsty Laura Lauren Leah Lee Leanne Lewis Liam Linda Lindsay Lisa Louise
    Lucy Luke Lynne Mandeep Margaret Maria Marie Martin Mary Matt Matthew Megan Melanie Michael
    Michelle Mohammed Mohammad Muhammad Nadia Naomi Natalie Neil Nicola Nicholas Nigel Oliver
    Olivia Owen Pamela Patricia Paul Pauline Peter Philip Priya Rachel Rajesh Rebecca Richard
    Robert Ryan Sadia Sally Samantha Samuel Sandra Sarah Scott Sean Shabana Sharon Shaun Sian
    Simon Sophie Stephanie Stephen Steven Stuart Susan Suzanne Tanya Teresa Thomas Timothy
    Tracey Tracy Trevor Usha Valerie Vanessa Victoria Vikram Vincent Wayne Wendy William Yasmin
    Zainab Zoe
    Adaeze Agnieszka Aidan Aileen Aisling Akua Amara Ananya Anita Aoife Arjun Ayesha Bartosz
    Bethan Bronwen Carys Cerys Chidi Chinedu Chioma Ciaran Conor Dafydd Declan Deepak Dylan
    Eilidh Emeka Eoin Farah Fergus Gethin Gwen Hamza Hassan Ifan Ioana Jakub Kasia Katarzyna
    Kwame Lesley Lowri Magdalena Malik Marek Mariam Nasreen Ngozi Niamh Nkechi Oisin Olumide
    Oluwaseun Osian Padraig Piotr Pooja Rahul Ravi Renee Rhian Rhys Rohan Rukhsana Sabrina
    Saoirse Sinead Siobhan Siobhain Sunita Tadhg Tariq Tomasz Tunde Wojciech Yusuf Zofia Zuzanna
    """.split()
)
_FIRST_THEN_SURNAME = re.compile(
    r"\b(?:" + "|".join(sorted(FIRST_NAMES, key=len, reverse=True)) + r")\s+" + _CAP + r"\b"
)


@dataclass(frozen=True)
class Found:
    """One piece of personal data found in a text: its kind (a key of :data:`KINDS`) and span."""

    kind: str
    start: int
    end: int
    text: str


def _unclosed_bracket(candidate: str) -> int:
    """Characters to leave out at the start of a phone number found (its unclosed bracket).

    An opening bracket the number does not close ("(024 7683 1172)") is the text's, not the
    number's: the redaction keeps it with the one after the number ("([phone number
    removed])"), never a stray ")". A number that closes it ("(01632) 960961") is one number,
    brackets and all: 0.
    """
    if candidate.startswith("(") and ")" not in candidate:
        return len(candidate) - len(candidate[1:].lstrip())
    return 0


def _uk_phone_digits(candidate: str) -> bool:
    """Whether a candidate run is a UK number: 10 or 11 digits starting 0 once +44 is normalised.

    The digits are grouped either in groups of at least two (the ``0`` of ``(0)`` apart:
    ``07700 900123``) or one by one (``0 7 7 0 0 9 0 0 1 2 3``), never mixed, so a run of small
    numbers ("0 1 2 3 5 8 13 21") is not taken; one by one they must not count up
    (``0 1 2 ... 9`` is a scale); dots and spaces are not mixed (``0.5 0.7 0.25`` are decimals).
    """
    national = candidate.strip()
    if national.startswith("+"):
        national = re.sub(r"^\+\s?44[\s.-]?", "", national)
        national = "0" + re.sub(r"^\(0\)[\s.-]?", "", national)
    groups = re.findall(r"\d+", national)
    digits = "".join(groups)
    if not digits.startswith("0") or digits.startswith("00") or len(digits) not in (10, 11):
        return False
    if "." in national and re.search(r"\s", national):
        return False
    if all(len(g) == 1 for g in groups):
        return digits not in "0123456789"
    return len(groups) <= 5 and all(len(g) >= 2 for g in groups)


@dataclass(frozen=True)
class Detector:
    """Finds personal data; ``names`` are people's names known to the review (any case).

    Every pattern runs on the text's normalised form (:func:`normalise`), and what it finds is
    mapped back to the original text, so redaction removes a match whole.

    Parameters
    ----------
    names : sequence of str
        Full names (``"Matt Hussey"``) of officers and staff: each is matched as whole words in
        any case, accents and look-alike letters, and its surname alone is matched after a
        title or a known first name.

    """

    names: tuple[str, ...] = ()
    _known: re.Pattern | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        parts = sorted(
            {normalise(n).lower.strip() for n in self.names if n and n.strip()},
            key=len,
            reverse=True,
        )
        parts = [p for p in parts if p]
        if parts:
            words = [r"[\s-]+".join(re.escape(w) for w in p.split()) for p in parts]
            object.__setattr__(
                self,
                "_known",
                re.compile(r"(?<![a-z0-9])(?:" + "|".join(words) + r")(?![a-z0-9])"),
            )

    def find(self, text: str) -> list[Found]:
        """Every piece of personal data in ``text``, non-overlapping, in order of position.

        Spans are positions in ``text`` itself (the original, not its normalised form).
        """
        norm = normalise(text)
        spans: list[Found] = []

        def add(kind: str, m: re.Match, lead: int = 0) -> None:
            s, e = norm.span(m.start() + lead, m.end())
            if e <= s or any(s < f.end and f.start < e for f in spans):
                return
            spans.append(Found(kind, s, e, text[s:e]))

        for m in EMAIL.finditer(norm.text):
            add("email", m)
        for m in SPELLED_EMAIL.finditer(norm.lower):
            add("email", m)
        for m in NI_NUMBER.finditer(norm.lower):
            add("ni_number", m)
        for pattern in (FORM_REF, EMPLOYEE_REF):
            for m in pattern.finditer(norm.text):
                add("reference", m)
        for m in POSTCODE.finditer(norm.text):
            if _ORDINAL_INWARD.search(m.group(0)):
                continue
            add("postcode", m)
        for m in PHONE_CANDIDATE.finditer(norm.text):
            if _uk_phone_digits(m.group(0)):
                add("phone", m, _unclosed_bracket(m.group(0)))
        if self._known is not None:
            for m in self._known.finditer(norm.lower):
                add("name", m)
        for pattern in (TITLED_NAME, _FIRST_THEN_SURNAME):
            for m in pattern.finditer(norm.text):
                add("name", m)
        return sorted(spans, key=lambda f: f.start)

    def redact_counted(self, text: str) -> tuple[str, Counter]:
        """``text`` with personal data replaced (see :data:`KINDS`), and how many of each kind.

        Each piece found is replaced whole, with any invisible characters inside it.
        """
        found = self.find(text)
        counts: Counter = Counter(f.kind for f in found)
        out = []
        pos = 0
        for f in found:
            out.append(text[pos : f.start])
            out.append(KINDS[f.kind][2])
            pos = f.end
        out.append(text[pos:])
        return "".join(out), counts

    def redact(self, text: str) -> str:
        """``text`` with personal data replaced by ``[... removed]`` markers."""
        return self.redact_counted(text)[0]


_DEFAULT = Detector()


def detector(names: Iterable[str] = ()) -> Detector:
    """A :class:`Detector` that also knows ``names`` (the default one when there are none)."""
    names = tuple(n for n in names if n)
    return Detector(names) if names else _DEFAULT


def review_names(cfg) -> tuple[str, ...]:
    """Names of people the review's config lists who are not in public office (officers).

    The contact officer; members (councillors) are named in the pack as members of the group and
    are not redacted.
    """
    officer = getattr(cfg, "contact_officer", None)
    return (officer.name,) if officer is not None and officer.name else ()


def find(text: str, *, names: Sequence[str] = ()) -> list[Found]:
    """Personal data in ``text`` (see :meth:`Detector.find`)."""
    return detector(names).find(text)


def redact(text: str, *, names: Sequence[str] = ()) -> str:
    """``text`` with personal data replaced (see :meth:`Detector.redact`)."""
    return detector(names).redact(text)


def redact_counted(text: str, *, names: Sequence[str] = ()) -> tuple[str, Counter]:
    """``text`` redacted and the count of each kind removed (:meth:`Detector.redact_counted`)."""
    return detector(names).redact_counted(text)


def redact_values(values: pd.Series, *, names: Sequence[str] = ()) -> tuple[pd.Series, Counter]:
    """Each text value of ``values`` redacted (others unchanged) and the total count per kind."""
    det = detector(names)
    total: Counter = Counter()

    def one(v: object) -> object:
        if not isinstance(v, str):
            return v
        text, counts = det.redact_counted(v)
        total.update(counts)
        return text

    return values.map(one), total


def counts_phrase(counts: Counter) -> str:
    """Counts as words in the order of :data:`KINDS`: "2 phone numbers, 1 name redacted".

    "Nothing redacted" when every count is zero.
    """
    parts = [
        f"{counts[k]} {KINDS[k][0] if counts[k] == 1 else KINDS[k][1]}"
        for k in KINDS
        if counts.get(k, 0)
    ]
    return (", ".join(parts) + " redacted") if parts else "Nothing redacted"
