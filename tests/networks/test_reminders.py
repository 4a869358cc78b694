"""The quarterly review reminder (once a quarter, switchable off, waiting out a pause) and
the one pause that every notification e-mail of every program honours."""

from __future__ import annotations

import datetime as dt

from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from natverk.accounts import actions as accounts
from natverk.accounts.demo import DemoWorld
from natverk.contacts import actions as contacts
from natverk.contacts.digest import send_weekly_digests
from natverk.formats.contacts_base import ContactRecord
from natverk.meetings.demo.space import load_demo_group_space
from natverk.meetings.models import Meeting
from natverk.meetings.reminders import queue_reminders
from natverk.networks import actions
from natverk.networks.models import Review
from natverk.networks.reminders import send_review_reminders
from natverk.outbox.actions import Mail, deliver_due, queue_mail
from natverk.outbox.models import Message
from natverk.programs import board, intake, space
from natverk.programs.models import Placement

DECEMBER = dt.date(2027, 12, 2)


def test_the_review_reminder_goes_once_in_the_last_month_of_a_quarter(demo: DemoWorld) -> None:
    member = demo.member
    network = actions.add_network(member, kind="association", name="Föreningen")
    assert send_review_reminders(dt.date(2027, 11, 30)) == 0  # not the quarter's last month
    assert send_review_reminders(DECEMBER) == 1
    assert send_review_reminders(DECEMBER + dt.timedelta(days=1)) == 0
    deliver_due()
    [sent] = [m for m in mail.outbox if m.to == [member.email]]
    assert "Föreningen" in sent.body and "2027-Q4" in sent.subject
    assert send_review_reminders(dt.date(2028, 3, 1)) == 1  # the next quarter
    Review.objects.create(network=network, quarter="2028-Q2", value=4, energy=1)
    assert send_review_reminders(dt.date(2028, 6, 1)) == 0  # everything reviewed


def test_the_reminder_can_be_turned_off_and_waits_out_a_pause(demo: DemoWorld) -> None:
    member, other = demo.member, demo.leader
    actions.add_network(member, kind="linkedin", name="Gruppen")
    actions.add_network(other, kind="alumni", name="Alumni")
    actions.set_review_reminders(other, False)
    User = type(member)
    User.objects.filter(pk=member.pk).update(mail_paused_until=DECEMBER + dt.timedelta(days=9))
    assert send_review_reminders(DECEMBER) == 0  # paused: the reminder waits
    assert send_review_reminders(DECEMBER + dt.timedelta(days=9)) == 0
    assert send_review_reminders(DECEMBER + dt.timedelta(days=10)) == 1  # the pause is over
    assert not Message.objects.filter(to=other.email, kind="natverk.networks.review_reminder")
    client = Client()
    client.force_login(other)
    client.post(reverse("networks:settings"), {"reminders": "1"})
    assert send_review_reminders(DECEMBER + dt.timedelta(days=11)) == 1


def test_one_pause_holds_every_notification_of_every_program(demo: DemoWorld) -> None:
    running = load_demo_group_space(demo)
    member = demo.member
    place = Placement.objects.get(group__program=running, application__user=member)
    own = intake.participation_of(place.application)
    space.set_notifications(own, notify_posts="each", reminders=True)
    client = Client()
    client.force_login(member)
    client.post(reverse("accounts:pause_mail"), {"weeks": "4"})
    member.refresh_from_db()
    assert member.mail_paused_until == timezone.localdate() + dt.timedelta(weeks=4)
    page = client.get(reverse("programs:group", args=[demo.organisation.slug, place.group_id]))
    assert "har pausat" in page.content.decode()  # the member sees it is on
    # A board post, a meeting reminder and the contacts digest: none for the member.
    author = Placement.objects.filter(group=place.group).exclude(pk=place.pk).first()
    assert author is not None and author.application.user is not None
    board.post_message(place.group, author=author.application.user, text="Hej alla!")
    meeting = Meeting.objects.filter(group=place.group, starts_at__gt=timezone.now()).first()
    assert meeting is not None
    queue_reminders(meeting.starts_at - dt.timedelta(hours=2))
    contact = contacts.create_contact(member, ContactRecord(name="Kim Kontakt"))
    contact.next_follow_up = timezone.localdate()
    contact.save(update_fields=["next_follow_up"])
    send_weekly_digests(timezone.localdate())
    assert not Message.objects.filter(user=member).exclude(kind="natverk.test.decision")
    assert Message.objects.filter(kind="natverk.programs.board_post").exclude(user=member)
    # What is not a notification still goes: here, any mail not marked pausable.
    assert queue_mail(Mail(to=member.email, subject="s", body="b", kind="x", user_id=member.pk))
    # Ending the pause: notifications go again.
    client.post(reverse("accounts:pause_mail"), {"resume": "1"})
    board.post_message(place.group, author=author.application.user, text="Igen!")
    assert Message.objects.filter(user=member, kind="natverk.programs.board_post").exists()


def test_a_pause_ends_by_itself_and_is_never_longer_than_six_months(demo: DemoWorld) -> None:
    member = demo.member
    today = timezone.localdate()
    accounts.pause_mail(member, today)
    assert member.mail_paused_on(today) and not member.mail_paused_on(today + dt.timedelta(1))
    mail_ = Mail(to=member.email, subject="s", body="b", kind="k", user_id=member.pk, pausable=True)
    assert queue_mail(mail_) is None
    try:
        accounts.pause_mail(member, today + dt.timedelta(weeks=30))
    except accounts.AccountError:
        pass
    else:
        raise AssertionError("a pause of 30 weeks was accepted")
