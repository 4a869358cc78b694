"""The organisation's catalogue: every open program (and, through ``add_source``, other
kinds of listing such as open events) with what people choose a network by.

A ``Listing`` is plain data: purpose and theme, who runs it, who it is for and who has
joined (counts nobody can be singled out of: ``natverk.insights.counts``), format and
place, time, period, fee, language, places left and the day to apply by. Programs makes
its own listings here; an app above programs adds its kind with ``add_source`` from its
AppConfig.ready (programs never imports it).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from natverk.accounts.languages import MEETING_LANGUAGES
from natverk.accounts.models import Organisation, Photo, Profile, User
from natverk.insights.counts import Counts, released_counts
from natverk.language import fold
from natverk.programs.models import Application, Program
from natverk.taxonomy import UnknownCodeError, industry, label, occupation

#: The smallest group of people a count of "who has joined" may show.
CATALOGUE_K = 3
#: The attributes "who has joined" counts by.
DIMENSIONS = ("profession", "industry", "region")
TITLES = {
    "profession": gettext_lazy("Professions"),
    "industry": gettext_lazy("Industries"),
    "region": gettext_lazy("Regions"),
}
#: Longest leader bio shown in the catalogue.
BIO_CHARS = 300


@dataclass(frozen=True)
class Leader:
    """Who runs a listing: name, initials (the picture) and a short bio."""

    name: str
    bio: str = ""
    user_id: int = 0
    photo: str = ""  # the address of their photo, when they chose one

    @property
    def initials(self) -> str:
        """The first letters of the first and last name."""
        words = [w for w in self.name.split() if w[:1].isalpha()]
        return "".join(w[0] for w in (words[:1] + words[1:][-1:])).upper() or "?"


@dataclass(frozen=True)
class Joined:
    """Who has joined so far, as labelled counts (only what ``released_counts`` shows)."""

    total: int
    by: Mapping[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)
    other: Mapping[str, int] = field(default_factory=dict)

    def tables(self) -> list[tuple[str, tuple[tuple[str, int], ...], int]]:
        """Per attribute: its title, the shown (label, count) rows and "other or not given"."""
        return [(str(TITLES[d]), self.by.get(d, ()), self.other.get(d, 0)) for d in DIMENSIONS]


@dataclass(frozen=True)
class Listing:
    """One entry of the catalogue, whatever its kind."""

    kind: str  # "program", or another app's kind ("event")
    key: int
    title: str
    url: str  # the page to apply or register on
    page: str  # the listing's own page in the catalogue (shared on LinkedIn)
    theme: str = ""
    purpose: str = ""
    description: str = ""
    audience: str = ""
    professions: tuple[str, ...] = ()
    leader: Leader | None = None
    speaker: str = ""
    format: str = "digital"
    place: str = ""
    meetings: int = 1
    minutes: int = 60
    weeks: int = 0
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    fee: str = ""
    language: str = "sv"
    places_left: int | None = None
    deadline: dt.date | None = None
    joined: Joined | None = None

    @property
    def hours(self) -> float:
        """The time the meetings take in all, in hours."""
        return self.meetings * self.minutes / 60

    @property
    def month(self) -> str:
        """The month it starts in, "YYYY-MM" (empty when not known)."""
        return self.starts_on.strftime("%Y-%m") if self.starts_on else ""

    @property
    def language_name(self) -> str:
        """The language of the meetings, in its own name ("Svenska")."""
        return dict(MEETING_LANGUAGES).get(self.language, self.language)


Source = Callable[[Organisation, str], list[Listing]]
_SOURCES: list[Source] = []


Leaders = Callable[[Organisation], set[int]]
_LEADERS: list[Leaders] = []


def add_source(source: Source, leaders: Leaders | None = None) -> None:
    """Add a kind of listing, and who leads its listings (called once, from the app's
    AppConfig.ready)."""
    if source not in _SOURCES:
        _SOURCES.append(source)
    if leaders is not None and leaders not in _LEADERS:
        _LEADERS.append(leaders)


def leads_listing(organisation: Organisation, user_id: int) -> bool:
    """Whether the person leads a listing of the organisation's catalogue (cheaply: no
    counts are made)."""
    if _open_programs(organisation).filter(created_by_id=user_id).exists():
        return True
    return any(user_id in leaders(organisation) for leaders in _LEADERS)


def _open_programs(organisation: Organisation) -> QuerySet[Program]:
    today = timezone.localdate()
    return (
        Program.objects.filter(organisation=organisation, status=Program.Status.INTAKE, listed=True)
        .filter(Q(application_deadline__isnull=True) | Q(application_deadline__gte=today))
        .select_related("created_by")
        .annotate(accepted=Count("applications", filter=Q(applications__status="accepted")))
        .order_by("application_deadline", "first_meeting_on", "title")
    )


def _profession_group(code: str) -> str:
    try:
        return occupation(code[:2]).code if len(code) >= 2 else ""
    except UnknownCodeError:
        return ""


def _section(code: str) -> str:
    try:
        return industry(code).section if code else ""
    except UnknownCodeError:
        return ""


def coarse(profession: str, industry_code: str, region: str) -> dict[str, str]:
    """A person as the catalogue counts them: ISCO sub-major group, NACE section, region."""
    return {
        "profession": _profession_group(profession),
        "industry": _section(industry_code),
        "region": region,
    }


def _joined_rows(programs: Iterable[Program]) -> dict[int, list[dict[str, str]]]:
    """The accepted applicants of each program, as coarse attributes in joining order."""
    rows: dict[int, list[dict[str, str]]] = defaultdict(list)
    accepted = (
        Application.objects.filter(program__in=list(programs), status=Application.Status.ACCEPTED)
        .order_by("id")
        .values_list("program_id", "profession", "industry", "region")
    )
    for program_id, profession, industry_code, region in accepted:
        rows[program_id].append(coarse(profession, industry_code, region))
    return rows


def joined_of(rows: list[dict[str, str]], lang: str) -> Joined:
    """Who has joined, from ``coarse`` rows in joining order: only what nobody can be
    singled out of (groups of at least ``CATALOGUE_K``), labelled in ``lang``."""
    return _labelled(released_counts(rows, DIMENSIONS, k=CATALOGUE_K), lang)


def _labelled(counts: Counts, lang: str) -> Joined:
    kinds = {"profession": "occupation", "industry": "industry", "region": "region"}
    return Joined(
        total=counts.total,
        by={
            d: tuple((label(kinds[d], value, lang), n) for value, n in counts.by[d])
            for d in DIMENSIONS
        },
        other=dict(counts.other),
    )


def bios(leaders: Iterable[int | None]) -> dict[int, str]:
    """The bio of each of these people (by user id; none for who has no profile)."""
    ids = {pk for pk in leaders if pk}
    return dict(Profile.objects.filter(user_id__in=ids).values_list("user_id", "bio"))


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= BIO_CHARS else text[: BIO_CHARS - 1].rsplit(" ", 1)[0] + "…"


def leader_of(user: User | None, bio: str, photo: str = "") -> Leader | None:
    """Who runs a listing, with the first words of their bio and their photo's address."""
    return Leader(user.name, _short(bio), user.pk, photo) if user is not None else None


def photos(organisation: Organisation, leaders: Iterable[int | None]) -> dict[int, str]:
    """The catalogue's address of the photo of each of these people who chose one."""
    ids = {pk for pk in leaders if pk}
    kept = Photo.objects.filter(user_id__in=ids).only("user_id", "updated_at")
    return {
        p.user_id: reverse("programs:leader_photo", args=[organisation.slug, p.user_id, p.version])
        for p in kept
    }


def program_listing(program: Program, joined: Joined, bio: str, photo: str = "") -> Listing:
    """A program as a catalogue entry."""
    leader = program.created_by
    accepted = int(getattr(program, "accepted", 0))
    return Listing(
        kind="program",
        key=program.pk,
        title=program.title,
        url=reverse("programs:apply", args=[program.apply_token]),
        page=reverse("programs:listing", args=[program.organisation.slug, program.pk]),
        theme=program.theme,
        purpose=program.purpose,
        description=program.description,
        audience=program.audience,
        professions=tuple(program.profession_codes),
        leader=leader_of(leader, bio, photo),
        format=program.format,
        place=program.place,
        meetings=program.meeting_count,
        minutes=program.meeting_minutes,
        weeks=program.span_weeks,
        starts_on=program.first_meeting_on,
        ends_on=program.period_ends_on,
        fee=program.fee_text,
        language=program.language,
        places_left=max(0, program.capacity - accepted) if program.capacity else None,
        deadline=program.application_deadline,
        joined=joined,
    )


def program_listings(
    organisation: Organisation, lang: str, only: int | None = None
) -> list[Listing]:
    """Every open, listed program of the organisation whose deadline has not passed (or
    only the one of that id)."""
    programs = list(
        _open_programs(organisation).filter(pk=only)
        if only is not None
        else _open_programs(organisation)
    )
    rows = _joined_rows(programs)
    found = bios(p.created_by_id for p in programs)
    faces = photos(organisation, (p.created_by_id for p in programs))
    out = []
    for program in programs:
        program.organisation = organisation
        joined = joined_of(rows.get(program.pk, []), lang)
        leader = program.created_by_id or 0
        out.append(program_listing(program, joined, found.get(leader, ""), faces.get(leader, "")))
    return out


def listings(organisation: Organisation, lang: str) -> list[Listing]:
    """The whole catalogue: programs, then every added kind, by the day to apply by."""
    found = program_listings(organisation, lang)
    for source in _SOURCES:
        found.extend(source(organisation, lang))
    return sorted(found, key=lambda x: (x.deadline or dt.date.max, x.starts_on or dt.date.max))


@dataclass(frozen=True)
class Filters:
    """What a visitor narrows the catalogue by (empty: anything)."""

    format: str = ""
    language: str = ""
    profession: str = ""
    free: bool = False
    places: bool = False
    text: str = ""
    hours: int = 0  # at most this many hours in all (0: any)
    month: str = ""  # starts in this month, "YYYY-MM"
    place: str = ""  # meets in person (or hybrid) at this place
    open_on: dt.date | None = None  # still open for applications on this day


def _matches(listing: Listing, chosen: Filters) -> bool:
    # folded with plain letters, as contact search is: "okonomi", "Ökonomi" find "Økonomi"
    words = fold(chosen.text, plain=True).split()
    haystack = fold(
        " ".join(
            (listing.title, listing.theme, listing.purpose, listing.audience, listing.description)
        ),
        plain=True,
    )
    return (
        (not chosen.format or listing.format == chosen.format)
        and (not chosen.language or listing.language == chosen.language)
        and (not chosen.profession or chosen.profession in listing.professions)
        and (not chosen.free or not listing.fee)
        and (not chosen.places or listing.places_left is None or listing.places_left > 0)
        and (not chosen.hours or listing.hours <= chosen.hours)
        and (not chosen.month or listing.month == chosen.month)
        and (not chosen.place or listing.place == chosen.place)
        and (
            chosen.open_on is None or listing.deadline is None or listing.deadline >= chosen.open_on
        )
        and all(word in haystack for word in words)
    )


def narrowed(found: Iterable[Listing], chosen: Filters) -> list[Listing]:
    """The listings that pass every chosen filter."""
    return [listing for listing in found if _matches(listing, chosen)]
