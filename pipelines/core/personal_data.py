"""Personal data in free text and labels: detection and redaction, offline, for every audience.

One module used wherever a free-text or label value could carry personal data (staff survey
comments, exit-form answers, the new-employer label, every text cell and sentence of the
public pack through :func:`pipelines.core.disclosure.redact`). It finds:

- ``email``: e-mail addresses;
- ``phone``: UK telephone numbers in the common written forms (``07700 900123``,
  ``(01632) 960961``, ``+44 (0)20 7946 0018``, ``020-7946-0018``, ``+447700900123``): a
  candidate is accepted only when it has the 10 or 11 digits of a UK number starting ``0``
  (after ``+44``/``(0)`` is normalised), so money amounts, dates and years are never taken;
- ``ni_number``: National Insurance numbers (``QQ123456C``, ``QQ 12 34 56 C``): two letters,
  six digits and A to D (any prefix: HMRC's own example ``QQ`` is not an allocated one, and
  people copy it), so a grade such as ``M2`` or a postcode is never taken;
- ``postcode``: UK postcodes in capitals (``LU1 2BQ``, ``SW1A 1AA``, ``LU12BQ``);
- ``reference``: employee references (one or two capitals and 5 to 7 digits, ``E149269``) and
  form numbers (two to four capitals, year, number: ``EX-2015-001``);
- ``name``: personal names: a title (Mr, Mrs, Ms, Miss, Mx, Dr, Prof) followed by a
  capitalised word or two; a common first name (:data:`FIRST_NAMES`) followed by a capitalised
  surname; and any name passed in ``names`` (the review's officers, staff named in an export),
  matched as whole words in any case, with its surname alone after a first name or title.

Presidio (``presidio-analyzer``) was considered: its pattern recognisers need no language model,
but the package requires spaCy and about twenty compiled and networked dependencies
(``thinc``, ``blis``, ``tldextract``), and ships no recogniser for UK phone numbers in bracketed
or ``+44 (0)`` forms or for UK postcodes, so the patterns here are written directly and tested
in ``tests/core/test_personal_data.py``. No names dataset package was taken either: the
maintained one (``names-dataset``) loads hundreds of megabytes; the first names below are the
most common given names in England and Wales (ONS baby-name and census lists), without those that
are also everyday words (Grace, Hope, Will, Mark, May, Rose ...), which would garble sentences.

Names in public office (councillors named as members of the group) are not personal data in
this sense and are not matched unless passed in ``names``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import pandas as pd

__all__ = [
    "FIRST_NAMES",
    "KINDS",
    "Detector",
    "Found",
    "counts_phrase",
    "detector",
    "find",
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

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
NI_NUMBER = re.compile(
    r"(?<![A-Za-z0-9])[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D](?![A-Za-z0-9])", re.IGNORECASE
)
EMPLOYEE_REF = re.compile(r"(?<![A-Za-z0-9])[A-Z]{1,2}\d{5,7}(?![A-Za-z0-9])")
FORM_REF = re.compile(r"(?<![A-Za-z0-9-])[A-Z]{2,4}-\d{4}-\d{1,4}(?![A-Za-z0-9-])")
POSTCODE = re.compile(
    r"(?<![A-Za-z0-9])(?:GIR ?0AA|[A-PR-UWYZ](?:\d[A-HJKPSTUW\d]?|[A-HK-Y]\d[ABEHMNPRVWXY\d]?)"
    r" ?\d[ABD-HJLNP-UW-Z]{2})(?![A-Za-z0-9])"
)
#: A run that could be a UK phone number; accepted by :func:`_uk_phone_digits`.
PHONE_CANDIDATE = re.compile(
    r"(?<![\w£$€.,/:-])(?:\+\s?44\s?(?:\(0\)\s?)?|\(\s?0|0)\d(?:[\d\s()-]*\d)?(?![\w%/.]\d|[\w%])"
)
TITLES = ("Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof")
#: A capitalised name word: Okonkwo, O'Brien, McDonald, Smith-Jones (a possessive 's is left).
_CAP = r"(?:[A-Z]['’])?[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:-[A-Z][a-z]+)?"
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


def _uk_phone_digits(candidate: str) -> bool:
    """Whether a candidate run is a UK number: 10 or 11 digits starting 0 once +44 is normalised.

    Every digit group must be at least two digits long (the ``0`` of ``(0)`` apart), so a run of
    small numbers ("0 1 2 3 ...") is not taken.
    """
    national = candidate.strip()
    if national.startswith("+"):
        national = re.sub(r"^\+\s?44\s?", "", national)
        national = "0" + re.sub(r"^\(0\)\s?", "", national)
    groups = re.findall(r"\d+", national)
    digits = "".join(groups)
    if not digits.startswith("0") or digits.startswith("00") or len(digits) not in (10, 11):
        return False
    return len(groups) <= 5 and all(len(g) >= 2 for g in groups)


@dataclass(frozen=True)
class Detector:
    """Finds personal data; ``names`` are people's names known to the review (any case).

    Parameters
    ----------
    names : sequence of str
        Full names (``"Matt Hussey"``) of officers and staff: each is matched as whole words in
        any case, and its surname alone is matched after a title or a known first name.

    """

    names: tuple[str, ...] = ()
    _known: re.Pattern | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        parts = sorted({n.strip() for n in self.names if n and n.strip()}, key=len, reverse=True)
        if parts:
            words = [r"\s+".join(re.escape(w) for w in p.split()) for p in parts]
            object.__setattr__(
                self,
                "_known",
                re.compile(r"(?<![\w])(?:" + "|".join(words) + r")(?![\w])", re.IGNORECASE),
            )

    def find(self, text: str) -> list[Found]:
        """Every piece of personal data in ``text``, non-overlapping, in order of position."""
        spans: list[Found] = []

        def add(kind: str, m: re.Match) -> None:
            s, e = m.span()
            if any(s < f.end and f.start < e for f in spans):
                return
            spans.append(Found(kind, s, e, m.group(0)))

        for m in EMAIL.finditer(text):
            add("email", m)
        for m in NI_NUMBER.finditer(text):
            add("ni_number", m)
        for pattern in (FORM_REF, EMPLOYEE_REF):
            for m in pattern.finditer(text):
                add("reference", m)
        for m in POSTCODE.finditer(text):
            add("postcode", m)
        for m in PHONE_CANDIDATE.finditer(text):
            if _uk_phone_digits(m.group(0)):
                add("phone", m)
        if self._known is not None:
            for m in self._known.finditer(text):
                add("name", m)
        for pattern in (TITLED_NAME, _FIRST_THEN_SURNAME):
            for m in pattern.finditer(text):
                add("name", m)
        return sorted(spans, key=lambda f: f.start)

    def redact_counted(self, text: str) -> tuple[str, Counter]:
        """``text`` with personal data replaced (see :data:`KINDS`), and how many of each kind."""
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
