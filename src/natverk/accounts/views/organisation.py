"""Organisation administration in the product: members, roles, removing a member."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from natverk.accounts import access, actions
from natverk.accounts.access import current_user
from natverk.accounts.forms import MemberSearchForm
from natverk.accounts.models import Membership, Role

PAGE_SIZE = 25


@login_required
def members(request: HttpRequest, slug: str) -> HttpResponse:
    """The organisation's members with search, role filter and pages (leaders, admins)."""
    membership = access.get_led_organisation_for(request.user, slug)
    organisation = membership.organisation
    form = MemberSearchForm(request.GET or None)
    rows = Membership.objects.select_related("user").filter(organisation=organisation)
    if form.is_valid():
        if query := form.cleaned_data["q"].strip():
            rows = rows.filter(Q(user__name__icontains=query) | Q(user__email__icontains=query))
        if role := form.cleaned_data["role"]:
            rows = rows.filter(role=role)
    page = Paginator(rows.order_by("user__name", "id"), PAGE_SIZE).get_page(request.GET.get("page"))
    query_string = request.GET.copy()
    query_string.pop("page", None)
    return render(
        request,
        "accounts/members.html",
        {
            "organisation": organisation,
            "membership": membership,
            "form": form,
            "page": page,
            "query": query_string.urlencode(),
            "roles": Role.choices,
            "is_admin": membership.role == Role.ADMIN,
        },
    )


@login_required
@require_POST
def member_role(request: HttpRequest, slug: str, membership_id: int) -> HttpResponse:
    """Change a member's role (administrators only)."""
    admin = access.get_administered_organisation_for(request.user, slug)
    target = access.get_membership_in(admin.organisation, membership_id)
    try:
        actions.change_role(target, request.POST.get("role", ""), by=current_user(request))
        messages.success(
            request,
            _("%(name)s is now %(role)s.")
            % {"name": target.user.name, "role": target.get_role_display().lower()},
        )
    except actions.AccountError as exc:
        messages.error(request, str(exc))
    return redirect("accounts:members", slug=slug)


@login_required
def member_remove(request: HttpRequest, slug: str, membership_id: int) -> HttpResponse:
    """Remove a member after saying what happens to their data (administrators only)."""
    admin = access.get_administered_organisation_for(request.user, slug)
    target = access.get_membership_in(admin.organisation, membership_id)
    if request.method == "POST":
        try:
            actions.remove_member(target, by=current_user(request))
        except actions.AccountError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, _("%(name)s is no longer a member.") % {"name": target.user.name}
            )
        return redirect("accounts:members", slug=slug)
    return render(
        request,
        "accounts/member_remove.html",
        {"organisation": admin.organisation, "target": target},
    )
