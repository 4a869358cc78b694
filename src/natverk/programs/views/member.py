"""The group's own space for its members: group page, board, sharing, e-mails, pause/leave.

Every view loads the group through ``access.get_group_space_for`` (404 for anyone who is
not in the group or leading its program) and writes through the actions in
``programs.board`` and ``programs.space``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from natverk.accounts import tokens
from natverk.accounts.access import current_user
from natverk.accounts.models import Profile
from natverk.accounts.views._links import link_problem
from natverk.programs import access, board, notify, space
from natverk.programs import goals as goal_actions
from natverk.programs.access import GroupSpace
from natverk.programs.cards import member_cards
from natverk.programs.forms_space import NotificationForm, PostForm, ReasonForm, SharingForm
from natverk.programs.intake import participation_of
from natverk.programs.models import BoardPost, Goal, Participation
from natverk.site.numbers import whole_number


def _to_group(space_: GroupSpace, anchor: str = "") -> HttpResponse:
    group = space_.group
    response = redirect("programs:group", slug=group.program.organisation.slug, group_id=group.pk)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def _threads(space_: GroupSpace) -> list[dict[str, Any]]:
    posts = list(
        BoardPost.objects.select_related("author", "hidden_by")
        .filter(group=space_.group)
        .order_by("created_at", "id")
    )
    replies: dict[int, list[BoardPost]] = {}
    for post in posts:
        if post.parent_id is not None:
            replies.setdefault(post.parent_id, []).append(post)
    return [
        {"post": post, "replies": replies.get(post.pk, [])}
        for post in reversed([p for p in posts if p.parent_id is None])
    ]


@login_required
def group_page(request: HttpRequest, slug: str, group_id: int) -> HttpResponse:
    """The group: meetings, members' cards with the contacts they share, and the board."""
    space_ = access.get_group_space_for(request.user, slug, group_id)
    group = space_.group
    participation = participation_of(space_.place.application) if space_.place else None
    context: dict[str, Any] = {
        "space": space_,
        "group": group,
        "program": group.program,
        "organisation": group.program.organisation,
        "cards": member_cards(group),
        "meetings": group.meetings.filter(ends_at__gte=timezone.now(), cancelled_at=None)[:8],
        "threads": _threads(space_),
        "post_form": PostForm(),
        "participation": participation,
    }
    if participation is not None:
        own = Profile.objects.filter(user=current_user(request)).first()
        context |= {
            "sharing_form": SharingForm.for_participation(participation),
            "notification_form": NotificationForm(
                initial={"notify": participation.notify, "reminders": participation.reminders}
            ),
            "reason_form": ReasonForm(),
            "goals": list(participation.application.goals.all()),
            "progress_choices": Goal.Progress.choices,
            "missing_phone": not (own and own.phone),
            "missing_linkedin": not (own and own.linkedin_url),
        }
    return render(request, "programs/member/group.html", context)


@login_required
@require_POST
def post(request: HttpRequest, slug: str, group_id: int) -> HttpResponse:
    """Post to the board, or reply to a post (``parent``)."""
    space_ = access.get_group_space_for(request.user, slug, group_id)
    if not space_.can_post:
        messages.error(request, _("The board of a closed program is read-only for leaders."))
        return _to_group(space_, "board")
    parent_id = whole_number(request.POST.get("parent"))
    parent = access.get_post_in(space_, parent_id) if parent_id is not None else None
    form = PostForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(str(e) for e in errors))
        return _to_group(space_, "board")
    try:
        created = board.post_message(
            space_.group,
            author=current_user(request),
            text=form.cleaned_data["text"],
            parent=parent,
            request=request,
        )
    except board.BoardError:
        messages.error(request, _("Write something first."))
        return _to_group(space_, "board")
    messages.success(request, _("Posted to the group."))
    return _to_group(space_, f"post-{created.parent_id or created.pk}")


@login_required
@require_POST
def hide(request: HttpRequest, slug: str, group_id: int, post_id: int) -> HttpResponse:
    """Hide a post: its author removes it, or the leader moderates (or restores) it."""
    space_ = access.get_group_space_for(request.user, slug, group_id)
    target = access.get_post_in(space_, post_id)
    user = current_user(request)
    own = target.author_id == user.pk
    if not (own or space_.can_moderate):
        messages.error(request, _("Only its author or the leader can remove a post."))
    elif request.POST.get("restore") == "1" and space_.can_moderate:
        board.restore_post(target)
        messages.success(request, _("The post is shown again."))
    else:
        board.hide_post(target, by=user)
        messages.success(request, _("The post is removed from the board."))
    return _to_group(space_, "board")


def _own_place(request: HttpRequest, slug: str, group_id: int) -> tuple[GroupSpace, Participation]:
    """The group and the person's own place in it (leaders have none: 404)."""
    space_ = access.get_group_space_for(request.user, slug, group_id)
    if space_.place is None:
        raise Http404
    return space_, participation_of(space_.place.application)


@login_required
@require_POST
def sharing(request: HttpRequest, slug: str, group_id: int) -> HttpResponse:
    """Choose which contact details the group sees."""
    space_, participation = _own_place(request, slug, group_id)
    form = SharingForm(request.POST)
    if form.is_valid():
        space.set_sharing(participation, form.cleaned_data["share"])
        messages.success(request, _("Your choices of what to share are saved."))
    else:
        messages.error(request, _("Choose one of the options."))
    return _to_group(space_, "me")


@login_required
@require_POST
def notifications(request: HttpRequest, slug: str, group_id: int) -> HttpResponse:
    """Choose e-mails about new posts and meeting reminders."""
    space_, participation = _own_place(request, slug, group_id)
    form = NotificationForm(request.POST)
    if form.is_valid():
        space.set_notifications(
            participation,
            notify_posts=form.cleaned_data["notify"],
            reminders=form.cleaned_data["reminders"],
        )
        messages.success(request, _("Your e-mail settings are saved."))
    else:
        messages.error(request, _("Choose one of the options."))
    return _to_group(space_, "me")


@login_required
@require_POST
def pause(request: HttpRequest, slug: str, group_id: int) -> HttpResponse:
    """Pause taking part (or resume, with ``resume=1``)."""
    space_, participation = _own_place(request, slug, group_id)
    form = ReasonForm(request.POST)
    try:
        if request.POST.get("resume") == "1":
            space.resume(participation)
            messages.success(request, _("Welcome back: you take part again."))
        elif form.is_valid():
            space.pause(participation, form.cleaned_data["reason"])
            messages.success(request, _("You have paused. The leader can see it; resume any time."))
    except space.SpaceError:
        messages.error(request, _("That cannot be changed now."))
    return _to_group(space_, "me")


@login_required
@require_POST
def goals(request: HttpRequest, slug: str, group_id: int) -> HttpResponse:
    """Note how each of the member's goals is going (seen only by them)."""
    space_, participation = _own_place(request, slug, group_id)
    try:
        for goal in participation.application.goals.all():
            progress = request.POST.get(f"progress_{goal.number}", goal.progress)
            note = request.POST.get(f"note_{goal.number}", goal.note)[:500]
            if progress in Goal.Progress.values:
                goal_actions.note_progress(goal, progress=progress, note=note)
    except ValidationError:
        messages.error(request, _("The note cannot be saved as written."))
    else:
        messages.success(request, _("Saved: how your goals are going."))
    return _to_group(space_, "goals")


@login_required
def leave(request: HttpRequest, slug: str, group_id: int) -> HttpResponse:
    """Leave the program (a page first says what leaving means)."""
    space_, participation = _own_place(request, slug, group_id)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        space.leave(participation, form.cleaned_data["reason"])
        messages.success(
            request,
            _("You have left %(program)s. Thank you for taking part.")
            % {"program": space_.group.program.title},
        )
        return redirect("accounts:dashboard")
    return render(
        request,
        "programs/member/leave.html",
        {"space": space_, "group": space_.group, "program": space_.group.program, "form": form},
    )


@csrf_exempt
def unsubscribe(request: HttpRequest, unsubscribe_token: str) -> HttpResponseBase:
    """Stop board e-mails or reminders from a mail's link (GET asks; POST, also the mail
    program's one-click, turns them off). The signed link is the only authority."""
    try:
        participation, what = notify.read_unsubscribe(unsubscribe_token)
    except tokens.LinkError as problem:
        return link_problem(request, problem)
    done = request.method == "POST"
    if done:
        space.unsubscribe(participation, what)
    return render(
        request,
        "programs/member/unsubscribe.html",
        {"what": what, "done": done, "program": participation.application.program},
    )
