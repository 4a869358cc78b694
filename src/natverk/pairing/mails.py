"""The e-mails of colleague pairing, each in its reader's language, through the outbox.

Introductions are written for a whole round at once (one translation switch per
language, one calendar file per meetup) so that a round of 10,000 people stays fast.
Every mail carries a signed link to the person's own page (pause, skip, leave, curious
about) and, after a meetup, one to the check-in.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

from django.utils import formats, timezone
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _

from natverk.accounts.models import Profile
from natverk.formats.ical import CalendarMeeting, suggestion_calendar
from natverk.matching.meetups import LEFT_OUT_LOCATION, LEFT_OUT_NO_LOCATION
from natverk.outbox.actions import Attachment, Mail, queue_mail, queue_mails
from natverk.pairing import tokens
from natverk.pairing.models import Meetup, MeetupMember, PairingProgram, Participant, Round
from natverk.pairing.starters import starter_for
from natverk.taxonomy import label

KIND = "natverk.pairing"


def _me(participant: Participant) -> str:
    return tokens.link("pairing:me", tokens.PARTICIPANT, participant.pk, participant.program_id)


def _checkin(member: MeetupMember, program_id: int) -> str:
    return tokens.link("pairing:checkin", tokens.CHECKIN, member.pk, program_id)


def _mail(
    participant: Participant, subject: str, body: str, kind: str, key: str, me: str, **extra: object
) -> Mail:
    program = participant.program
    return Mail(
        to=participant.email,
        subject=subject,
        body=body,
        kind=f"{KIND}.{kind}",
        language=participant.language,
        key=key,
        topic=f"pairing:{participant.program_id}",
        organisation_id=program.organisation_id,
        user_id=participant.user_id,
        headers={"List-Unsubscribe": f"<{me}>"},
        **extra,  # type: ignore[arg-type]
    )


def _others(person: Participant, people: Sequence[Participant]) -> list[Participant]:
    return [p for p in people if p.pk != person.pk]


def _profile(p: Participant) -> Profile | None:
    """The person's natverk profile, when their account has one (already loaded)."""
    if p.user_id is None or p.user is None:
        return None
    try:
        return p.user.profile
    except Profile.DoesNotExist:
        return None


def _card(p: Participant) -> str:
    """A few lines about one colleague: name, department, role, offers and hopes (what
    they wrote for the pairing, else their natverk profile's profession and bio)."""
    profile = _profile(p)
    role = p.role or (
        label("occupation", profile.profession, get_language() or "sv") if profile else ""
    )
    offers = p.offers or (profile.bio if profile else "")
    facts = " · ".join(x for x in (p.department, role, p.location) if x)
    lines = [p.name + (f" ({facts})" if facts else "")]
    if offers:
        lines.append("  " + _("Can offer: %(text)s") % {"text": offers})
    if p.hopes:
        lines.append("  " + _("Hopes for: %(text)s") % {"text": p.hopes})
    return "\n".join(lines)


def _names(people: Sequence[Participant]) -> str:
    names = [p.name for p in people]
    if len(names) == 1:
        return names[0]
    return _("%(names)s and %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}


def _calendar(program: PairingProgram, meetup: Meetup, people: Sequence[Participant]) -> bytes:
    """One calendar suggestion per meetup (times in UTC: no time-zone blocks needed)."""
    start = meetup.suggested_at.astimezone(dt.UTC)
    where = people[0].location if program.format == program.Format.IN_PERSON else ""
    event = CalendarMeeting(
        series_id=f"pairing-{meetup.uid}",
        number=1,
        start=start,
        end=start + dt.timedelta(minutes=program.meeting_minutes),
        summary=f"{program.title}: " + ", ".join(p.name for p in people),
        description="\n".join(_card(p).split("\n")[0] for p in people),
        location=where,
    )
    return suggestion_calendar(event, name=program.title, stamp=timezone.now())


class _Words:
    """An introduction's sentences in the active language, looked up once per round, and
    the parts shared by the members of a meetup (cards, the suggested time)."""

    def __init__(self, program: PairingProgram) -> None:
        self.program = program
        self.hi = _("Hi %(name)s,")
        self.catch_up = _("Your last meeting did not happen, so here is a new one sooner.")
        self.meet = _("This round of %(program)s you meet %(names)s:")
        self.starter = _("A question to start with: %(starter)s")
        self.time = _("Suggested time: %(when)s, %(minutes)s minutes.")
        self.in_person = _("Meet in person in %(place)s.")
        self.video = _("Meet by video or phone, or in person if you are in the same place.")
        self.book = _(
            "The attached file puts the suggestion in your calendar; %(name)s books the final time."
        )
        self.checkin = _("After you have met, tell us with one click: %(url)s")
        self.own = _(
            "Pause, skip the next round, leave, or say which departments interest you: %(url)s"
        )
        self.subject = _("%(program)s: meet %(names)s")
        self.zone = timezone.get_default_timezone()
        self._cards: dict[int, str] = {}
        self._when: dict[int, str] = {}

    def card(self, person: Participant) -> str:
        """One colleague's lines (the same in every mail of this language)."""
        if person.pk not in self._cards:
            self._cards[person.pk] = _card(person)
        return self._cards[person.pk]

    def when(self, meetup: Meetup) -> str:
        """The suggested time of a meetup, as people of this language write it."""
        if meetup.pk not in self._when:
            moment = meetup.suggested_at.astimezone(self.zone)
            self._when[meetup.pk] = formats.date_format(moment, "DATETIME_FORMAT")
        return self._when[meetup.pk]


def _introduction(
    words: _Words,
    round_: Round,
    meetup: Meetup,
    member: MeetupMember,
    people: Sequence[Participant],
    me: str,
) -> tuple[str, str]:
    """Subject and body of one introduction, in the active language."""
    program = words.program
    person = member.participant
    others = _others(person, people)
    names = _names(others)
    booker = min(people, key=lambda p: p.name.casefold())
    parts = [words.hi % {"name": person.name.split(" ")[0]}, ""]
    if round_.kind == Round.Kind.CATCH_UP:
        parts += [words.catch_up, ""]
    parts += [
        words.meet % {"program": program.title, "names": names},
        "",
        *(words.card(o) for o in others),
        "",
        words.starter % {"starter": starter_for(round_.number, meetup.number, person.language)},
        "",
        words.time % {"when": words.when(meetup), "minutes": program.meeting_minutes},
        (
            words.in_person % {"place": person.location}
            if program.format == program.Format.IN_PERSON
            else words.video
        ),
        words.book % {"name": booker.name},
        "",
        words.checkin % {"url": _checkin(member, program.pk)},
        "",
        words.own % {"url": me},
    ]
    return words.subject % {"program": program.title, "names": names}, "\n".join(parts)


def introductions(round_: Round, meetups: Sequence[tuple[Meetup, Sequence[MeetupMember]]]) -> int:
    """Queue the introduction of every member of every meetup of a round."""
    program = round_.program
    by_language: dict[str, list[tuple[Meetup, MeetupMember, list[Participant], Attachment]]]
    by_language = defaultdict(list)
    for meetup, members in meetups:
        people = [m.participant for m in members]
        ics = Attachment("natverk-pairing.ics", _calendar(program, meetup, people), "text/calendar")
        for member in members:
            by_language[member.participant.language].append((meetup, member, people, ics))
    mails = []
    for language, items in by_language.items():
        with override(language):
            words = _Words(program)
            for meetup, member, people, ics in items:
                me = _me(member.participant)
                subject, body = _introduction(words, round_, meetup, member, people, me)
                key = f"pairing:introduction:{member.pk}"
                mails.append(
                    _mail(
                        member.participant,
                        subject,
                        body,
                        "introduction",
                        key,
                        me,
                        attachments=(ics,),
                    )
                )
    return queue_mails(mails)


def _why(reason: str) -> str:
    """Why the engine could not place someone, in the active language."""
    if reason == LEFT_OUT_LOCATION:
        return _("Nobody else at your location takes part in this round.")
    if reason == LEFT_OUT_NO_LOCATION:
        return _("We meet in person and your location is not known.")
    return _("Nobody else in this round speaks one of your languages.")


def left_out(round_: Round, people: Sequence[tuple[Participant, str]]) -> int:
    """Tell people the round could not place why (instead of silence), and what helps."""
    program = round_.program
    mails = []
    for person, reason in people:
        person.program = program
        me = _me(person)
        with override(person.language):
            subject = _("No meeting for you in %(program)s this time") % {"program": program.title}
            body = "\n".join(
                [
                    _("Hi %(name)s,") % {"name": person.name.split(" ")[0]},
                    "",
                    _("This round of %(program)s could not pair you.") % {"program": program.title},
                    _why(reason),
                    _("You stay in the program; the next round tries again."),
                    "",
                    _("Check your location and languages, or pause or leave: %(url)s")
                    % {"url": me},
                ]
            )
        key = f"pairing:left-out:{round_.pk}:{person.pk}"
        mails.append(_mail(person, subject, body, "left_out", key, me))
    return queue_mails(mails)


def checkin(member: MeetupMember, people: Sequence[Participant]) -> None:
    """Ask one member whether their meetup took place (once per member)."""
    person = member.participant
    program = person.program
    with override(person.language):
        names = _names(_others(person, people))
        subject = _("Did you meet %(names)s?") % {"names": names}
        body = "\n".join(
            [
                _("Hi %(name)s,") % {"name": person.name.split(" ")[0]},
                "",
                _("Did you meet %(names)s in %(program)s? One click tells us: %(url)s")
                % {"names": names, "program": program.title, "url": _checkin(member, program.pk)},
                "",
                _("If it did not happen, you will be paired again sooner."),
                "",
                _("Pause, skip the next round or leave: %(url)s") % {"url": _me(person)},
            ]
        )
    me = _me(person)
    queue_mail(_mail(person, subject, body, "checkin", f"pairing:checkin:{member.pk}", me))


def welcome(participant: Participant, *, invited: bool) -> None:
    """Tell someone from the HR list that they take part (or are invited to)."""
    program = participant.program
    me = _me(participant)
    with override(participant.language):
        if invited:
            subject = _("Join %(program)s?") % {"program": program.title}
            first = _(
                "%(organisation)s pairs colleagues across departments for a coffee or lunch "
                "now and then. Would you like to take part? Join with one click: %(url)s"
            ) % {"organisation": program.organisation.name, "url": me}
        else:
            subject = _("You take part in %(program)s") % {"program": program.title}
            first = _(
                "%(organisation)s pairs colleagues across departments for a coffee or lunch "
                "now and then, and you are on the list. You will get an e-mail when you "
                "have been paired. Pause, skip a round, leave, or say which departments you "
                "are curious about here: %(url)s"
            ) % {"organisation": program.organisation.name, "url": me}
        body = "\n".join([_("Hi %(name)s,") % {"name": participant.name.split(" ")[0]}, "", first])
    kind = "invitation" if invited else "welcome"
    queue_mail(_mail(participant, subject, body, kind, f"pairing:{kind}:{participant.pk}", me))


def confirm_join(participant: Participant, *, today: dt.date) -> None:
    """Ask someone who joined from the link to confirm their address (once a day)."""
    program = participant.program
    me = _me(participant)
    with override(participant.language):
        subject = _("Confirm that you join %(program)s") % {"program": program.title}
        body = "\n".join(
            [
                _("Hi %(name)s,") % {"name": participant.name.split(" ")[0]},
                "",
                _(
                    "Someone, hopefully you, asked to join %(program)s with this address. "
                    "Confirm with one click: %(url)s"
                )
                % {"program": program.title, "url": me},
                "",
                _("If it was not you, ignore this e-mail and nothing happens."),
            ]
        )
    key = f"pairing:confirm:{participant.pk}:{today.isoformat()}"
    queue_mail(_mail(participant, subject, body, "confirm", key, me))


def new_link(participant: Participant, *, today: dt.date) -> None:
    """Send someone whose link expired a fresh link to their own page (once a day)."""
    program = participant.program
    me = _me(participant)
    with override(participant.language):
        subject = _("Your link to %(program)s") % {"program": program.title}
        body = "\n".join(
            [
                _("Hi %(name)s,") % {"name": participant.name.split(" ")[0]},
                "",
                _(
                    "Here is a new link to your part in %(program)s: take part, pause, "
                    "resume, skip the next round or leave: %(url)s"
                )
                % {"program": program.title, "url": me},
                "",
                _("If you did not ask for it, ignore this e-mail and nothing happens."),
            ]
        )
    key = f"pairing:new-link:{participant.pk}:{today.isoformat()}"
    queue_mail(_mail(participant, subject, body, "new_link", key, me))
