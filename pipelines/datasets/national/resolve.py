"""Which authority and which year: an officer's words resolved against the DfE statistics.

:func:`resolve_authority` turns a name, DfE code or ONS code into the authority's reporting unit
(joint returns, reorganisations and code changes included), or stops with the closest matches;
:func:`authority_of` does so from the national files on disk. :func:`choose_year` picks the
latest year published by a meeting (:func:`published_by`), and :func:`later_caveat` words the
caveat when a pack shows figures published after it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from pathlib import Path

from pipelines.core.errors import ConfigError
from pipelines.datasets.national.dfe import (
    JOINT_SEPARATOR,
    Authority,
    NationalData,
    data_folder,
    load_national,
    load_national_config,
    name_aliases,
    normalise_name,
)

# --------------------------------------------------------------------------- resolving


def _ordinal_years(years: list[int]) -> str:
    if not years:
        return "no years"
    return f"{years[0]}" if len(years) == 1 else f"{years[0]} to {years[-1]}"


def _candidates(data: NationalData) -> dict[str, list[tuple[str, str]]]:
    """Normalised alias -> [(unit key, council name asked)] (cached on ``data``)."""
    if "candidates" in data._cache:
        return data._cache["candidates"]
    out: dict[str, list[tuple[str, str]]] = data._cache.setdefault("candidates", {})

    def add(alias_of: str, key: str, asked: str) -> None:
        for a in name_aliases(alias_of):
            if (key, asked) not in out.setdefault(a, []):
                out[a].append((key, asked))

    for r in data.authorities.drop_duplicates("key", keep="last").itertuples():
        add(r.name, r.key, r.name)
        if JOINT_SEPARATOR in r.key:
            for part in r.name.split(JOINT_SEPARATOR):
                add(part, r.key, part.strip())
    for r in data.neighbours.drop_duplicates("code").itertuples():
        unit = data.member_unit.get(r.code)
        if unit:
            add(r.name, unit, r.name if JOINT_SEPARATOR in unit else data.unit_name(unit))
    return out


def close_matches(data: NationalData, text: str, n: int = 6) -> list[str]:
    """Published names closest to ``text`` (containing it first, then by similarity)."""
    names = sorted({*data.authorities["name"].unique(), *data.neighbours["name"].unique()})
    key = normalise_name(text)
    by_norm: dict[str, str] = {}
    for nm in names:
        for part in [nm, *nm.split(JOINT_SEPARATOR)]:
            by_norm.setdefault(normalise_name(part), part.strip())
    contains = [v for k, v in by_norm.items() if key and (key in k or k in key)]
    similar = [by_norm[k] for k in difflib.get_close_matches(key, list(by_norm), n=n, cutoff=0.6)]
    out: list[str] = []
    for nm in [*similar, *contains]:
        if nm not in out:
            out.append(nm)
    return out[:n]


def _describe(data: NationalData, name: str) -> str:
    """A name with its ONS and DfE codes, for lists of suggestions."""
    hit = data.authorities[data.authorities["name"] == name]
    if len(hit):
        r = hit.iloc[-1]
        return f"{name} ({r['ons_code']}, DfE {r['key']})"
    code = next((c for c, n in data.member_names.items() if n == name), None)
    return f"{name} (DfE {code})" if code else name


def resolve_authority(data: NationalData, text: str) -> Authority:
    """The authority an officer means by a name, ONS code (any year's) or DfE code.

    Parameters
    ----------
    data : NationalData
    text : str
        E.g. "Barnsley", "St Helens", "E10000017", "E06000060" (Buckinghamshire after 2020),
        "821", "Richmond upon Thames" (part of a joint return).

    Returns
    -------
    Authority
        The reporting unit. Where two units share a name (Dorset County Council to 2018 and
        Dorset Council from 2019), the one with the latest figures, the other named in
        ``same_name``.

    Raises
    ------
    ConfigError
        Nothing matches: the message lists the closest published names with their codes.

    """
    asked = str(text or "").strip()
    units: list[tuple[str, str]] = []
    if re.fullmatch(r"[A-Za-z]\d{8}", asked):
        code = asked.upper()
        hit = data.authorities[
            data.authorities["ons_code"]
            .str.split(JOINT_SEPARATOR)
            .map(lambda parts, c=code: c in [p.strip() for p in parts])
        ]
        for key in hit["key"].unique():
            names = dict(
                zip(
                    hit["ons_code"].iloc[-1].split(JOINT_SEPARATOR),
                    hit["name"].iloc[-1].split(JOINT_SEPARATOR),
                    strict=False,
                )
            )
            units.append((key, names.get(code, hit["name"].iloc[-1]).strip()))
    elif (
        re.fullmatch(r"\d{3}", asked)
        or JOINT_SEPARATOR.strip() in asked
        and re.fullmatch(r"[\d /]+", asked)
    ):
        key = data.member_unit.get(asked) or (asked if asked in data.member_unit.values() else None)
        if key:
            units.append((key, data.member_names.get(asked, data.unit_name(key))))
    else:
        units = _candidates(data).get(normalise_name(asked), [])
    if not units:
        suggestions = [_describe(data, n) for n in close_matches(data, asked)]
        what = (
            f'No local authority "{asked}" in the DfE children\'s social work workforce '
            f"statistics ({data.files['indicators'].name})."
        )
        hint = (
            "Closest matches: " + "; ".join(suggestions) + "."
            if suggestions
            else "No published name is close to it."
        )
        raise ConfigError(
            f"{what}\n{hint}\nGive the name as the DfE publishes it, its ONS code "
            "(e.g. E06000032) or its DfE code (e.g. 821)."
        )
    units.sort(key=lambda u: max(data.unit_years(u[0]) or [0]))
    key, asked_name = units[-1]
    return _authority(
        data,
        key,
        asked_name,
        tuple(
            f"{data.unit_name(k)} (DfE {k}, {_ordinal_years(data.unit_years(k))})"
            for k, _ in units[:-1]
        ),
    )


def authority_of(text: str, folder: Path | None = None) -> Authority | None:
    """The authority a review's ``la_code`` names, or None when the DfE files are not found.

    Parameters
    ----------
    text : str
        A DfE code ("331"), an ONS code ("E08000026") or a name ("Barnsley").
    folder : Path, optional
        Folder of the DfE files; default: see :func:`data_folder`.

    Raises
    ------
    ConfigError
        The files are found but nothing in them matches ``text`` (see :func:`resolve_authority`).

    """
    try:
        base = data_folder(load_national_config(), folder)
    except ConfigError:
        return None
    data = load_national(base)
    key = ("authority_of", str(text or "").strip())
    if key not in data._cache:
        data._cache[key] = resolve_authority(data, key[1])
    return data._cache[key]


def _authority(data: NationalData, key: str, asked: str, same_name: tuple[str, ...]) -> Authority:
    rows = data.authorities[data.authorities["key"] == key].sort_values("year")
    codes = [c.strip() for c in key.split(JOINT_SEPARATOR)]
    names = [n.strip() for n in rows["name"].iloc[-1].split(JOINT_SEPARATOR)]
    member = codes[0]
    for c in codes:
        if data.member_names.get(c) == asked:
            member = c
    partners = tuple(n for n in names if n != asked) if len(codes) > 1 else ()
    ons: list[tuple[str, int, int]] = []
    for r in rows.itertuples():
        if ons and ons[-1][0] == r.ons_code:
            ons[-1] = (r.ons_code, ons[-1][1], r.year)
        else:
            ons.append((r.ons_code, r.year, r.year))
    last = rows.iloc[-1]
    return Authority(
        key=key,
        name=str(last["name"]),
        asked=asked,
        member=member,
        years=tuple(int(y) for y in rows["year"]),
        ons_codes=tuple(ons),
        region_code=str(last["region_code"]),
        region_name=str(last["region_name"]),
        partners=partners,
        same_name=same_name,
    )


class NotPublishedByMeeting(ConfigError):
    """Nothing the DfE had published by the meeting, and the review did not opt into later data."""


def published_by(data: NationalData, years, meeting: dt.date) -> list[int]:
    """The reporting years among ``years`` whose release was published on or before ``meeting``.

    A year missing from the release table (``releases`` in ``config/national.yml``) counts as not
    published: figures are never shown as known before their publication date is known.
    """
    out = []
    for y in years:
        day = data.published(y)
        if day is not None and day <= meeting:
            out.append(int(y))
    return out


def choose_year(
    data: NationalData,
    la: Authority,
    year: int | None = None,
    meeting: dt.date | str | None = None,
    *,
    later_data: bool = False,
) -> tuple[int, list[str]]:
    """The reporting year to show, and any caveat to print in the pack.

    Time-true rule: a meeting's pack uses only figures the DfE had *published* by the meeting
    date (the release table in ``config/national.yml``; figures at 30 September of a year are
    published the following February), unless the review opts into later data
    (``national_later_data: true``), in which case the caveat says the figures were published
    after the meeting.

    Parameters
    ----------
    year : int, optional
        Asked for explicitly; must be a year with figures for the authority. A year published
        after the meeting is refused unless ``later_data``.
    meeting : date or ISO text, optional
        Without ``year``: the latest year published on or before the meeting; if there is none,
        the earliest year when ``later_data``, with a caveat, else :class:`NotPublishedByMeeting`.
    later_data : bool
        The review's opt-in to figures published after the meeting.

    Returns
    -------
    (int, list of str)
        Without ``year`` or ``meeting``: the authority's latest year.

    Raises
    ------
    ConfigError
        ``year`` has no figures for the authority; the message lists the years that do.
    NotPublishedByMeeting
        Nothing published by the meeting and the review did not opt into later data.

    """
    caveats: list[str] = []
    have = list(la.years)
    when = None
    if meeting:
        when = dt.date.fromisoformat(str(meeting)) if not isinstance(meeting, dt.date) else meeting
    if year:
        if int(year) not in have:
            raise ConfigError(
                f"No DfE figures for {la.name} in {year}. Years with figures: "
                f"{', '.join(map(str, have))}"
                + (
                    f" (the release covers {data.years[0]} to {data.years[-1]})"
                    if have != data.years
                    else ""
                )
                + "."
            )
        if when is not None and int(year) not in published_by(data, [year], when):
            if not later_data:
                raise NotPublishedByMeeting(
                    f"The DfE figures for {year} were published {later_text(data, int(year))}, "
                    f"after the meeting of {when.day} {when:%B %Y}. Set national_later_data: "
                    "true in the review config to show them (the pack then says so), or choose "
                    "an earlier year."
                )
            caveats.append(later_caveat(data, int(year), when))
        return int(year), caveats
    if when is not None:
        before = published_by(data, have, when)
        if before:
            return max(before), caveats
        if not later_data:
            raise NotPublishedByMeeting(
                f"No DfE children's social work workforce figures had been published by the "
                f"meeting of {when.day} {when:%B %Y}: the earliest in this release (30 September "
                f"{min(have)}) were published {later_text(data, min(have))}. Set "
                "national_later_data: true in the review config to show later figures (the "
                "pack then says they were not available at the meeting), or leave the national "
                "comparison out of this meeting."
            )
        first = min(have)
        caveats.append(later_caveat(data, first, when))
        return first, caveats
    latest = max(have)
    if latest != data.years[-1]:
        caveats.append(f"{la.name} has no figures after {latest}; this pack shows {latest}.")
    return latest, caveats


def later_text(data: NationalData, year: int) -> str:
    """When reporting ``year`` was published, in words ("on 15 February 2018", "later")."""
    day = data.published(year)
    return f"on {day.day} {day:%B %Y}" if day else "after the dates this tool lists"


def later_caveat(data: NationalData, year: int, meeting: dt.date) -> str:
    """The caveat a pack prints when the review opted into figures published after the meeting."""
    return (
        f"Published after this meeting: the review chose to show DfE figures published after "
        f"the meeting ({meeting.day} {meeting:%B %Y}). The figures shown describe 30 September "
        f"{year} and were published {later_text(data, year)}; they were not available to the "
        "group at the time of the meeting."
    )
