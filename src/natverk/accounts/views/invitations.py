"""Invitations: the inviter's list and form, resend and withdraw, and the invitee's link."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from natverk.accounts import access, actions, invitations, ratelimit, tokens
from natverk.accounts.access import current_user
from natverk.accounts.forms import InviteForm, NewPasswordForm
from natverk.accounts.models import Invitation, Membership, Organisation, Role, User
from natverk.accounts.views._links import link_problem
from natverk.accounts.views.core import start_session


def roles_for(membership: Membership) -> list[str]:
    """Whom a person may invite: leaders invite members, administrators anyone."""
    if membership.role == Role.ADMIN:
        return [Role.MEMBER, Role.LEADER, Role.ADMIN]
    return [Role.MEMBER]


def send_invitations(
    request: HttpRequest,
    membership: Membership,
    form: InviteForm,
    *,
    topic: str = "",
    title: str = "",
    landing: str = "",
) -> bool:
    """Invite the form's people (rate-limited per inviter); True when they were sent."""
    people = form.invitees.people
    if not ratelimit.allow(
        "invite.user",
        str(current_user(request).pk),
        limit=settings.NATVERK_INVITE_LIMIT_PER_HOUR,
        cost=len(people),
    ):
        return False
    result = invitations.invite_people(
        membership.organisation,
        people,
        by=current_user(request),
        role=form.cleaned_data["role"],
        language=form.cleaned_data["language"],
        topic=topic,
        title=title,
        landing=landing,
        request=request,
    )
    messages.success(request, _("%(n)d invitations sent.") % {"n": result.sent})
    if result.already_invited:
        messages.info(
            request,
            _("Already invited (use “Send again” in the list): %(who)s")
            % {"who": ", ".join(result.already_invited)},
        )
    if result.already_members:
        messages.info(
            request,
            _("Already members: %(who)s") % {"who": ", ".join(result.already_members)},
        )
    return True


def invitation_rows(organisation: Organisation, topic: str | None = None) -> list[Invitation]:
    """The organisation's invitations (of one topic when given), newest first."""
    rows = Invitation.objects.filter(organisation=organisation)
    if topic is not None:
        rows = rows.filter(topic=topic)
    return list(rows[:500])


@login_required
def invitation_list(request: HttpRequest, slug: str) -> HttpResponse:
    """Invite people to the organisation and follow the invitations (leaders, admins)."""
    membership = access.get_led_organisation_for(request.user, slug)
    form = InviteForm(request.POST or None, request.FILES or None, roles=roles_for(membership))
    if request.method == "POST" and form.is_valid():
        if not send_invitations(request, membership, form):
            return ratelimit.too_many(request)
        return redirect("accounts:invitations", slug=slug)
    return render(
        request,
        "accounts/invitations.html",
        {
            "organisation": membership.organisation,
            "form": form,
            "invitations": invitation_rows(membership.organisation),
            "invite_days": settings.NATVERK_INVITATION_DAYS,
        },
    )


def _back(request: HttpRequest, slug: str) -> HttpResponse:
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}
    ):
        return HttpResponseRedirect(target)
    return redirect("accounts:invitations", slug=slug)


@login_required
@require_POST
def invitation_resend(request: HttpRequest, slug: str, invitation_id: int) -> HttpResponse:
    """Send an invitation again with a new link."""
    membership = access.get_led_organisation_for(request.user, slug)
    invitation = access.get_invitation_in(membership.organisation, invitation_id)
    if invitation.accepted_at is not None:
        messages.error(request, _("%(email)s has already accepted.") % {"email": invitation.email})
    else:
        invitations.resend_invitation(invitation, request)
        messages.success(request, _("Sent again to %(email)s.") % {"email": invitation.email})
    return _back(request, slug)


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, slug: str, invitation_id: int) -> HttpResponse:
    """Withdraw an invitation (its link then does nothing)."""
    membership = access.get_led_organisation_for(request.user, slug)
    invitation = access.get_invitation_in(membership.organisation, invitation_id)
    invitations.revoke_invitation(invitation)
    messages.success(
        request, _("The invitation to %(email)s is withdrawn.") % {"email": invitation.email}
    )
    return _back(request, slug)


def _landing(invitation: Invitation) -> str:
    return invitation.landing or reverse(
        "accounts:organisation", args=[invitation.organisation.slug]
    )


def accept(request: HttpRequest, invitation_token: str) -> HttpResponseBase:
    """The invitee's link: join with the account they have, or set a password for a new one."""
    try:
        invitation = invitations.read_invitation(invitation_token)
    except tokens.LinkError as problem:
        return link_problem(request, problem)
    invitations.open_invitation(invitation)
    existing = User.objects.filter(email=invitation.email).first()
    signed_in = request.user if isinstance(request.user, User) else None
    if signed_in is not None and signed_in.email != invitation.email:
        if request.method == "POST" and request.POST.get("action") == "logout":
            logout(request)
            return redirect(request.path)
        return render(
            request,
            "accounts/invitation_accept.html",
            {
                "invitation": invitation,
                "other_user": signed_in,
            },
        )
    needs_password = existing is None or not existing.has_usable_password()
    person = existing or User(
        email=invitation.email, name=invitation.name, preferred_language=invitation.language
    )
    form = NewPasswordForm(person, request.POST or None) if needs_password else None
    if request.method == "POST" and (form is None or form.is_valid()):
        return _accept(request, invitation, existing, form)
    return render(
        request,
        "accounts/invitation_accept.html",
        {"invitation": invitation, "form": form, "existing": existing, "signed_in": signed_in},
    )


def _accept(
    request: HttpRequest,
    invitation: Invitation,
    existing: User | None,
    form: NewPasswordForm | None,
) -> HttpResponseBase:
    try:
        with transaction.atomic():
            user = _account_for(invitation, existing, form)
            invitations.accept_invitation(invitation, user)
    except tokens.LinkError as problem:
        return link_problem(request, problem)
    messages.success(request, _("Welcome to %(org)s!") % {"org": invitation.organisation.name})
    if form is not None or request.user == user:
        return start_session(request, user, redirect(_landing(invitation)))
    query = urlencode({"next": _landing(invitation), "email": user.email})
    return redirect(f"{reverse('accounts:login')}?{query}")


def _account_for(
    invitation: Invitation, existing: User | None, form: NewPasswordForm | None
) -> User:
    """The invitee's account: new, given its first password, or as it is."""
    if form is not None:
        data = form.cleaned_data
        if existing is None:
            return actions.create_account(
                email=invitation.email,
                name=data["name"],
                password=data["new_password1"],
                language=invitation.language,
            )
        return actions.set_password(existing, data["new_password1"], name=data["name"])
    assert existing is not None
    return existing
