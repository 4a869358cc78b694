"""At login: remember notices to agree to again, and audit administrators' logins."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest

from natverk.accounts.models import Membership, Role, User
from natverk.privacy.audit import audit
from natverk.privacy.consent import pending_notices

#: Session key holding the ids of notice versions the person is asked to agree to.
PENDING_KEY = "natverk.privacy.pending"


@receiver(user_logged_in, dispatch_uid="natverk.privacy.login")
def on_login(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """Ask again for new notice versions; log administrators' logins per organisation."""
    if not isinstance(user, User):
        return
    for membership in Membership.objects.filter(user=user, role=Role.ADMIN).select_related(
        "organisation"
    ):
        audit("natverk.accounts.admin.login", actor=user, organisation=membership.organisation)
    if request is not None and hasattr(request, "session"):
        pending = [notice.pk for notice in pending_notices(user)]
        if pending:
            request.session[PENDING_KEY] = pending
        else:
            request.session.pop(PENDING_KEY, None)
