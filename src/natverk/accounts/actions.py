"""Every change to accounts goes through one of these named functions."""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from natverk.accounts import mail, tokens
from natverk.accounts.fields import normalise_email
from natverk.accounts.models import (
    EmailConfirmation,
    Membership,
    Organisation,
    Photo,
    Profile,
    Role,
    User,
)
from natverk.core.images import MAX_PICTURE_BYTES, MAX_PICTURE_SIDE, PictureError, clean_picture

EMAIL_CHANGE = "email-change"
#: Higher roles win when an invitation or a join meets an existing membership.
ROLE_RANK = {Role.MEMBER: 0, Role.LEADER: 1, Role.ADMIN: 2}


class AccountError(ValueError):
    """A change the account's state does not allow; the text says why."""


@transaction.atomic
def create_organisation(
    *, name: str, slug: str, kind: str = Organisation.Kind.ASSOCIATION, country: str = "SE"
) -> Organisation:
    """Create an organisation (a tenant)."""
    organisation = Organisation(name=name, slug=slug, kind=kind, country=country)
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def add_member(organisation: Organisation, user: User, role: str = Role.MEMBER) -> Membership:
    """Give a person a role in an organisation (or change the role they have)."""
    membership, created = Membership.objects.get_or_create(
        organisation=organisation, user=user, defaults={"role": role}
    )
    if not created and membership.role != role:
        membership.role = role
        membership.full_clean()
        membership.save(update_fields=["role"])
    Profile.objects.get_or_create(user=user)
    return membership


@transaction.atomic
def join_organisation(
    organisation: Organisation, user: User, role: str = Role.MEMBER
) -> Membership:
    """Make a person a member with at least ``role``; a higher role they have stays."""
    membership = Membership.objects.filter(organisation=organisation, user=user).first()
    if membership is None or ROLE_RANK[Role(role)] > ROLE_RANK[Role(membership.role)]:
        return add_member(organisation, user, role)
    return membership


def set_catalogue_visibility(organisation: Organisation, catalogue: str) -> Organisation:
    """Choose who sees the organisation's catalogue of open programs."""
    organisation.catalogue = catalogue
    organisation.full_clean()
    organisation.save(update_fields=["catalogue"])
    return organisation


#: The lengths of a pause of notification e-mails a person can choose, in weeks.
PAUSE_WEEKS = (2, 4, 8, 12, 26)
#: The longest rest from networking e-mails one switch gives (then they start again).
LONGEST_REST = dt.timedelta(weeks=max(PAUSE_WEEKS))


def pause_mail(user: User, until: dt.date) -> User:
    """Pause the notification e-mails of every program until a day (networking fatigue)."""
    today = timezone.localdate()
    if not today <= until <= today + LONGEST_REST:
        raise AccountError(_("Choose a day within the next six months."))
    user.mail_paused_until = until
    user.save(update_fields=["mail_paused_until"])
    return user


def resume_mail(user: User) -> User:
    """End a pause of notification e-mails now."""
    user.mail_paused_until = None
    user.save(update_fields=["mail_paused_until"])
    return user


def set_preferred_language(user: User, language: str) -> None:
    """Remember the interface language a person chose."""
    if user.preferred_language != language:
        user.preferred_language = language
        user.full_clean(exclude=["password"])
        user.save(update_fields=["preferred_language"])


def update_profile(profile: Profile, **fields: str) -> Profile:
    """Change a profile's fields after validating them all."""
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.full_clean(exclude=["user"])
    profile.save(update_fields=list(fields))
    return profile


def set_photo(user: User, data: bytes) -> Photo:
    """Keep (or replace) the person's photo: a JPEG, PNG or WebP picture (known from its
    bytes) of at most ``MAX_PICTURE_BYTES`` and ``MAX_PICTURE_SIDE`` pixels a side, kept
    without its metadata (EXIF may say where it was taken)."""
    if len(data) > MAX_PICTURE_BYTES:
        raise ValidationError(
            _("The photo is too large: at most %(kb)d kB.") % {"kb": MAX_PICTURE_BYTES // 1024}
        )
    try:
        picture = clean_picture(data)
    except PictureError:
        raise ValidationError(
            _("Choose a photo in JPEG, PNG or WebP format, at most %(px)d pixels a side.")
            % {"px": MAX_PICTURE_SIDE}
        ) from None
    photo = Photo.objects.filter(user=user).first() or Photo(user=user)
    photo.content_type = picture.content_type
    photo.data = base64.b64encode(picture.data).decode("ascii")
    photo.full_clean(exclude=["user"])
    photo.save()
    return photo


def remove_photo(user: User) -> None:
    """Remove the person's photo (the initials of their name show instead)."""
    Photo.objects.filter(user=user).delete()


def fill_profile(user: User, **fields: str) -> Profile:
    """Fill the profile's empty fields (from an application); filled ones stay."""
    profile, _created = Profile.objects.get_or_create(user=user)
    empty = {k: v for k, v in fields.items() if v and not getattr(profile, k)}
    if empty:
        try:
            update_profile(profile, **empty)
        except ValidationError:
            profile.refresh_from_db()  # a code the profile does not accept stays out
    return profile


@transaction.atomic
@dataclass(frozen=True)
class NewPassword:
    """The name and password a person chose when confirming their address by a link
    (an application or an event registration)."""

    name: str
    password: str


def create_account(*, email: str, name: str, password: str, language: str = "sv") -> User:
    """Create a person who has just proved they control ``email``."""
    user = User(email=normalise_email(email), name=name.strip(), preferred_language=language)
    user.set_password(password)
    user.full_clean()
    user.save()
    Profile.objects.get_or_create(user=user)
    return user


def set_password(user: User, password: str, *, name: str = "") -> User:
    """Give a person a (new) password, and their name when they give it."""
    user.set_password(password)
    fields = ["password"]
    if name.strip():
        user.name = name.strip()
        fields.append("name")
    user.full_clean()
    user.save(update_fields=fields)
    return user


def account_of_confirmed_address(
    existing: User | None, *, email: str, password: NewPassword | None, language: str
) -> User | None:
    """The person behind an address just confirmed by a link: their account (given the
    password they chose, if any), or a new one when they chose a password; None when
    there is neither."""
    if existing is not None:
        if password is not None:
            set_password(existing, password.password, name=password.name)
        return existing
    if password is None:
        return None
    return create_account(
        email=email, name=password.name, password=password.password, language=language
    )


def sign_out_everywhere(user: User) -> User:
    """End every session of the person, on every device (including this one)."""
    user.session_generation += 1
    user.save(update_fields=["session_generation"])
    return user


def request_email_change(user: User, new_email: str, request: HttpRequest | None = None) -> None:
    """Send a confirmation link to the new address; nothing changes until it is opened.

    When the address belongs to another account nothing is sent, and the person is told
    the same thing either way, so the form reveals no one's address.
    """
    address = normalise_email(new_email)
    if address == user.email:
        raise AccountError(_("That is already your address."))
    if User.objects.filter(email=address).exists():
        return
    _confirmation, token = tokens.issue(
        EMAIL_CHANGE,
        address,
        user=user,
        lifetime=dt.timedelta(hours=settings.NATVERK_CONFIRMATION_HOURS),
        language=user.preferred_language,
    )
    url = mail.absolute_url(reverse("accounts:email_confirm", args=[token]), request)
    mail.send(
        "accounts/mail/email_change",
        {"user": user, "url": url, "hours": settings.NATVERK_CONFIRMATION_HOURS},
        to=address,
        language=user.preferred_language,
        kind="natverk.accounts.email_change",
        user_id=user.pk,
    )


@transaction.atomic
def confirm_email_change(confirmation: EmailConfirmation) -> User:
    """Move the account to the confirmed address and tell the old one (link used once)."""
    user = confirmation.user
    if user is None:
        raise tokens.LinkError(tokens.INVALID)
    if User.objects.filter(email=confirmation.email).exclude(pk=user.pk).exists():
        raise AccountError(_("That address now belongs to another account."))
    tokens.consume(confirmation)
    old = user.email
    user.email = confirmation.email
    user.full_clean(exclude=["password"])
    user.save(update_fields=["email"])
    mail.send(
        "accounts/mail/email_changed",
        {"user": user, "old": old},
        to=old,
        language=user.preferred_language,
        kind="natverk.accounts.email_changed",
        user_id=user.pk,
    )
    return user


def _admins(organisation: Organisation) -> int:
    return Membership.objects.filter(organisation=organisation, role=Role.ADMIN).count()


@transaction.atomic
def change_role(membership: Membership, role: str, *, by: User) -> Membership:
    """Make a member an administrator, leader or member (never the last admin away)."""
    if role not in Role.values:
        raise AccountError(_("Unknown role."))
    if membership.user_id == by.pk:
        raise AccountError(_("You cannot change your own role; ask another administrator."))
    if (
        membership.role == Role.ADMIN
        and role != Role.ADMIN
        and _admins(membership.organisation) < 2
    ):
        raise AccountError(_("An organisation needs at least one administrator."))
    membership.role = role
    membership.full_clean()
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def remove_member(membership: Membership, *, by: User) -> None:
    """End a person's membership: they lose access; their account and history stay."""
    if membership.user_id == by.pk:
        raise AccountError(_("You cannot remove yourself; ask another administrator."))
    if membership.role == Role.ADMIN and _admins(membership.organisation) < 2:
        raise AccountError(_("An organisation needs at least one administrator."))
    membership.delete()


def prune_confirmations(now: dt.datetime | None = None) -> int:
    """Delete confirmation links a week past their expiry (with the answers they carried)."""
    moment = now or timezone.now()
    deleted, _per_model = EmailConfirmation.objects.filter(
        expires_at__lt=moment - dt.timedelta(days=7)
    ).delete()
    return deleted
