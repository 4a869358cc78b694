"""A small world where two people have data in every registered model.

The marker tests need rows of every registered model for a person. When an app adds a
model with personal data, add a line to ``give_person_data`` that creates a row for the
person the way the app does (its actions); the tests name the model that has none.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.utils import timezone

from natverk.accounts import actions as accounts
from natverk.accounts import invitations
from natverk.accounts.models import Organisation, Profile, Role, User
from natverk.contacts import actions as contacts
from natverk.contacts.importing import apply_import, start_import
from natverk.feedback import actions as feedback
from natverk.feedback.models import Kind
from natverk.formats.contacts_base import ContactRecord
from natverk.formats.employees import Employee
from natverk.formats.invitees import Invitee
from natverk.formats.webvtt import parse_transcript
from natverk.live.access import Owner
from natverk.live.actions import events as live_events
from natverk.live.actions import polls as live_polls
from natverk.live.actions import talk as live_talk
from natverk.live.models import Event, Poll
from natverk.live.people import Person
from natverk.meetings.actions.notes import add_action_item, save_notes, save_private_note
from natverk.meetings.actions.parking import park_question
from natverk.meetings.actions.run import mark_attendance, start_turn
from natverk.meetings.actions.themes import propose_theme
from natverk.meetings.models import Meeting
from natverk.networks import actions as networks
from natverk.outbox.actions import Mail, queue_mail
from natverk.pairing import actions as pairing
from natverk.pairing import rounds
from natverk.pairing.models import MeetupMember, PairingProgram
from natverk.privacy import actions as privacy
from natverk.privacy.audit import audit
from natverk.privacy.consent import ConsentForm
from natverk.privacy.models import InactivityWarning
from natverk.programs import actions as programs
from natverk.programs import board, goals
from natverk.programs.models import Application, Group, GroupMember, Program
from tests.pictures import PNG

PASSWORD = "integritet-2027-test"  # noqa: S105


@dataclass
class PrivacyWorld:
    """One organisation, its leader and administrator, a published program with a group,
    a second program, and the people in them."""

    organisation: Organisation
    leader: User
    admin: User
    program: Program
    other_program: Program
    group: Group
    people: dict[str, User] = field(default_factory=dict)


def build_world(keys: tuple[str, ...] = ("a", "b")) -> PrivacyWorld:
    """The organisation and the people ``keys`` ("a", "b"), each with data everywhere."""
    organisation = accounts.create_organisation(name="Integritetsnätverket", slug="integritet")
    leader = User.objects.create_user("lea.ledare@example.org", PASSWORD, name="Lea Ledare")
    admin = User.objects.create_user("ada.admin@example.org", PASSWORD, name="Ada Admin")
    accounts.add_member(organisation, leader, Role.LEADER)
    accounts.add_member(organisation, admin, Role.ADMIN)
    program = programs.create_program(
        organisation, by=leader, title="Kommunikatörer 2027", group_min=2, group_max=4
    )
    other = programs.create_program(organisation, by=leader, title="Ledare 2027")
    for each in (program, other):
        programs.open_intake(each)
    group = Group.objects.create(program=program, number=1)
    world = PrivacyWorld(organisation, leader, admin, program, other, group)
    for key in keys:
        world.people[key] = give_person_data(world, key)
    program.published_at = timezone.now()
    program.status = Program.Status.RUNNING
    program.save(update_fields=["published_at", "status"])
    return world


def _apply(world: PrivacyWorld, program: Program, user: User, status: str) -> Application:
    consent = ConsentForm(organisation=world.organisation, user=user)
    application = programs.submit_application(
        program,
        user=user,
        email=user.email,
        name=user.name,
        profession="2432",
        industry="35",
        employer=f"Arbetsgivare {user.pk}",
        region="SE-AB",
        seniority="mid",
        languages="sv, en",
        hopes=f"Hopp från {user.name}",
        offers=f"Erbjudande från {user.name}",
        availability="tue-evening",
        answers={"1": f"Svar från {user.name}"},
        goals=[f"Mål för {user.name}", f"Ett andra mål {user.name}"],
    )
    consent.record(email=user.email, user=user)
    programs.set_application_status(application, status)
    programs.add_note(application, by=world.leader, text=f"Anteckning om {user.name}")
    return application


def _logins(user: User) -> None:
    """A login (axes' access log) and a mistyped password elsewhere (a failed attempt)."""
    Client().post("/accounts/login/", {"username": user.email, "password": PASSWORD})
    Client().post("/accounts/login/", {"username": user.email, "password": "fel-lösenord"})


def _meeting_data(world: PrivacyWorld, user: User, application: Application) -> None:
    """A meeting of the group of the person's own, where they have attendance, a turn, the
    notes, a question, a theme with their vote and a to-do (natverk.meetings' actions).
    No placement: a published place would also bring them the group's board mails."""
    number = world.group.meetings.count() + 1
    start = timezone.now() + dt.timedelta(days=7 * number)
    meeting = Meeting.objects.create(
        group=world.group, number=number, starts_at=start, ends_at=start + dt.timedelta(hours=1)
    )
    propose_theme(meeting, user, f"Tema från {user.name}")
    mark_attendance(meeting, application, "present")
    start_turn(meeting, application)
    park_question(meeting, user, f"Parkerad fråga från {user.name}")
    save_notes(meeting, f"Anteckningar av {user.name}", version=0, by=user)
    save_private_note(meeting, user, f"Privat anteckning av {user.name}", version=0)
    add_action_item(
        meeting, kind="todo", text=f"Uppgift för {user.name}", who=None, due_on=None, by=user
    )


def _pairing(world: PrivacyWorld, user: User, key: str) -> None:
    """The organisation's colleague pairing with the person and a colleague, a round
    with both, and the person's check-in."""
    program = PairingProgram.objects.filter(
        organisation=world.organisation
    ).first() or pairing.create_program(
        world.organisation, by=world.admin, title="Fika", first_round_on=timezone.localdate()
    )
    pairing.import_employees(
        program,
        [
            Employee(user.name, user.email, "Kommunikation", "Stockholm", None, "Kommunikatör"),
            Employee(f"Kollega {key}", f"kollega.{key}@example.org", "Ekonomi"),
        ],
    )
    person = program.participants.get(email=user.email)
    pairing.set_wishes(
        person, curious=["Ekonomi"], offers=f"Kaffe med {user.name}", hopes="Nya kontakter"
    )
    day = timezone.localdate() + dt.timedelta(days=program.rounds.count())
    made = rounds.make_round(program.pk, day)
    assert made is not None
    pairing.check_in(MeetupMember.objects.get(meetup__round=made, participant=person), "met")


def _live(world: PrivacyWorld, user: User, application: Application) -> None:
    """Talk time in a meeting (from a transcript naming them), an event registration and
    an answer to a named poll."""
    start = timezone.now()
    meeting, _created = Meeting.objects.get_or_create(
        group=world.group,
        number=1,
        defaults={"starts_at": start, "ends_at": start + dt.timedelta(hours=1)},
    )
    transcript = parse_transcript(f"WEBVTT\n\n00:01.000 --> 00:09.000\n{user.name}: hej\n")
    record = live_talk.import_transcript(meeting, transcript, by=user)
    person = Person(application.pk, user.name, user.email, frozenset(), user.pk)
    live_talk.confirm_transcript(record, {user.name: application.pk}, [person])
    event = Event.objects.filter(organisation=world.organisation).first() or (
        live_events.create_event(
            world.organisation,
            by=world.leader,
            theme="Tematräff",
            starts_at=start + dt.timedelta(days=2),
            ends_at=start + dt.timedelta(days=2, hours=1),
        )
    )
    live_events.register(event, name=user.name, email=user.email, user=user)
    poll = Poll.objects.filter(event=event).first() or live_polls.open_poll(
        live_polls.create_poll(Owner(event=event), question="Vem?", kind="text", anonymous=False)
    )
    live_polls.cast_vote(poll, f"u:{user.pk}", [f"Svar {user.name}"], user=user)


def give_person_data(world: PrivacyWorld, key: str) -> User:
    """A person with a row in every registered model (add new apps' models here)."""
    user = User.objects.create_user(f"{key}.person@example.org", PASSWORD, name=f"Person {key}")
    accounts.add_member(world.organisation, user, Role.MEMBER)
    accounts.update_profile(
        Profile.objects.get(user=user),
        employer=f"Arbetsgivare {key}",
        department="Kommunikation",
        bio=f"Om {user.name}",
        linkedin_url=f"https://www.linkedin.com/in/{key}-person",
    )
    accounts.set_photo(user, PNG)
    application = _apply(world, world.program, user, Application.Status.ACCEPTED)
    GroupMember.objects.create(group=world.group, application=application)
    _meeting_data(world, user, application)
    _apply(world, world.other_program, user, Application.Status.DECLINED)
    queue_mail(
        Mail(
            to=user.email,
            subject=f"Välkommen {user.name}",
            body=f"Hej {user.name}!",
            kind="natverk.test.welcome",
            user_id=user.pk,
            organisation_id=world.organisation.pk,
        )
    )
    audit(
        "natverk.program.note.read",
        actor=world.leader,
        subject=user,
        organisation=world.organisation,
        target=application,
    )
    export = privacy.request_export(user)
    privacy.run_export(export.pk)
    InactivityWarning.objects.create(
        user=user, organisation=world.organisation, activity_at=timezone.now()
    )
    _logins(user)
    _pairing(world, user, key)
    evaluation = feedback.open_survey(world.program, Kind.EVALUATION)
    feedback.invite(evaluation, user, base_url="http://testserver")
    _live(world, user, application)
    # accounts: an invitation and a pending e-mail change; programs: a board post.
    invitations.invite_people(
        world.organisation,
        [Invitee(user.email, user.name)],
        by=world.leader,
        topic=f"program:{world.other_program.pk}",
        title=world.other_program.title,
    )
    accounts.request_email_change(user, f"{key}.ny@example.org")
    board.post_message(world.group, author=user, text=f"Inlägg av {user.name}")
    # programs: a forms export the person uploaded (as a leader would) and did not import.
    programs.upload_application_file(
        world.program, by=user, data=b"Namn,E-post\n", filename=f"svar-{key}.csv"
    )
    LogEntry.objects.create(
        user=world.admin,
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(user.pk),
        object_repr=str(user),
        action_flag=CHANGE,
        change_message=f"Changed the name of {user.name}.",
    )
    _contacts(user, key)
    _networks(user, key, application)
    return user


def _networks(user: User, key: str, application: Application) -> None:
    """A note on a goal for taking part, a network outside natverk with a review, the
    reminder setting and a pause of e-mails."""
    goal = application.goals.get(number=1)
    goals.note_progress(goal, progress="on_track", note=f"Anteckning om målet {key}")
    network = networks.add_network(
        user,
        kind="association",
        name=f"Förening {key}",
        purpose=f"Syftet för {user.name}",
        cost=f"{key} 500 kr",
        hours_per_month=2,
    )
    networks.review_network(network, value=4, energy=1, gave=f"Gav {key}", got=f"Fick {key}")
    networks.set_review_reminders(user, False)
    accounts.pause_mail(user, timezone.localdate())


def _contacts(user: User, key: str) -> None:
    """A contact with a tag and a log entry, an import and the digest setting."""
    contact = contacts.create_contact(
        user,
        ContactRecord(
            name=f"Kontakt till {user.name}",
            emails=(f"kontakt.{key}@example.org",),
            company=f"Företag {key}",
            notes=f"Anteckning om kontakten till {user.name}",
            tags=(f"tagg-{key}",),
        ),
    )
    contacts.log_interaction(contact, kind="met", on=timezone.localdate(), note=f"Träff {key}")
    contacts.set_weekly_digest(user, True)
    card = f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Importerad {key}\r\nEND:VCARD\r\n"
    apply_import(start_import(user, card.encode(), "telefon.vcf"))
