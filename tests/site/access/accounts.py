"""Access rows of the accounts app and the site root."""

from __future__ import annotations

import datetime as dt

from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from natverk.accounts import actions, invitations, tokens
from natverk.accounts.models import Membership, Role
from natverk.formats.invitees import Invitee
from tests.site.access import LOGIN, Row, World, everyone, leaders, logged_in, org_members

#: Administrators only; everyone else in the organisation gets 404 like outsiders.
ADMINS = leaders(404) | {"admin": 302}

ROWS: dict[str, Row] = {
    "home": Row("GET", everyone(302)),
    "set_language": Row("POST", everyone(302), data={"language": "sv"}),
    "accounts:login": Row("GET", logged_in(302, anonymous=200)),
    "accounts:logout": Row("POST", everyone(302), last=True),
    "accounts:profile": Row("GET", logged_in(200)),
    "accounts:account": Row("GET", logged_in(200)),
    "accounts:change_photo": Row("POST", logged_in(302), data={"remove": "1"}, last=True),
    # Each person's own photo: only the leader has one in this world.
    "accounts:own_photo": Row("GET", everyone(404) | {"anonymous": LOGIN, "leader": 200}),
    "accounts:pause_mail": Row("GET", logged_in(200)),
    "accounts:email_confirm": Row("GET", everyone(200)),
    "accounts:sign_out_everywhere": Row("POST", everyone(302), last=True),
    "accounts:password_reset": Row("GET", everyone(200)),
    "accounts:password_reset_done": Row("GET", everyone(200)),
    # A link with a wrong token: the page says so, for anyone.
    "accounts:password_reset_confirm": Row("GET", everyone(200)),
    "accounts:password_reset_complete": Row("GET", everyone(200)),
    "accounts:password_change": Row("GET", logged_in(200)),
    "accounts:invitation": Row("GET", everyone(200)),
    "accounts:dashboard": Row("GET", logged_in(302)),
    "accounts:organisation": Row("GET", org_members(200)),
    "accounts:members": Row("GET", leaders(200)),
    "accounts:member_role": Row("POST", ADMINS, data={"role": "member"}),
    "accounts:member_remove": Row("GET", ADMINS | {"admin": 200}),
    "accounts:invitations": Row("GET", leaders(200)),
    "accounts:invitation_resend": Row("POST", leaders(302)),
    "accounts:invitation_revoke": Row("POST", leaders(302)),
}
assert LOGIN == 302


def populate(world: World) -> None:
    """Tokens, an invitation and a membership the account URLs need."""
    demo = world.demo
    _confirmation, email_token = tokens.issue(
        actions.EMAIL_CHANGE,
        "magnus.ny@example.org",
        user=demo.member,
        lifetime=dt.timedelta(hours=1),
    )
    invitations.invite_people(
        demo.organisation,
        [Invitee("ny.person@example.org", "Ny Person"), Invitee("annan@example.org", "Annan")],
        by=demo.leader,
    )
    invitation = demo.organisation.invitations.get(email="ny.person@example.org")
    other = demo.organisation.invitations.get(email="annan@example.org")
    membership = (
        Membership.objects.filter(organisation=demo.organisation, role=Role.MEMBER)
        .exclude(user__in=[p for p in world.people.values() if p is not None])
        .first()
    )
    assert membership is not None
    world.values |= {
        "email_token": email_token,
        "invitation_token": invitations.link_token(invitation),
        "invitation_id": other.pk,
        "membership_id": membership.pk,
        "uidb64": urlsafe_base64_encode(force_bytes(demo.member.pk)),
    }
