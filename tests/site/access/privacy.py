"""Access rows of the privacy app: a person's own pages, the public notice, and the
administrators' privacy page (administrators only: leaders get 404 like everyone else)."""

from __future__ import annotations

from collections.abc import Mapping

from natverk.accounts.models import Membership, Role
from natverk.privacy import actions
from natverk.privacy.models import DataRequest
from natverk.privacy.registry import retention_rules
from tests.site.access import LOGIN, Row, World, everyone, leaders, logged_in


def admins(status: int) -> dict[str, int]:
    """The organisation's administrators only."""
    return leaders(404) | {"admin": status}


def own(status: int, owner: str = "member") -> dict[str, int]:
    """The person the object belongs to; everyone else 404."""
    return logged_in(404) | {owner: status, "anonymous": LOGIN}


def _settings(world: World) -> Mapping[str, str]:
    return {
        "controller_name": world.demo.organisation.name,
        "controller_contact": "dataskydd@example.org",
        "notice_extra": "",
        **{f"months_{n}": str(rule.months) for n, rule in enumerate(retention_rules())},
    }


def populate(world: World) -> None:
    """A finished export of the member, and an administrator's export and erasure."""
    demo = world.demo
    export = actions.request_export(demo.member)
    actions.run_export(export.pk)
    request = actions.request_for_person(
        demo.organisation, email=demo.member.email, kind=DataRequest.Kind.EXPORT, by=demo.admin
    )
    actions.run_export(request.pk)
    roles = {u.pk for u in world.people.values() if u is not None}
    someone = (
        Membership.objects.filter(organisation=demo.organisation, role=Role.MEMBER)
        .exclude(user__in=roles)
        .select_related("user")
        .first()
    )
    assert someone is not None
    erasure = actions.request_for_person(
        demo.organisation, email=someone.user.email, kind=DataRequest.Kind.ERASE, by=demo.admin
    )
    world.values |= {"export_id": export.pk, "request_id": request.pk, "erasure_id": erasure.pk}


ROWS: dict[str, Row] = {
    "privacy:mine": Row("GET", logged_in(200)),
    "privacy:export": Row("POST", logged_in(302)),
    "privacy:export_status": Row("GET", own(200)),
    "privacy:export_download": Row("GET", own(200)),
    "privacy:delete_account": Row("GET", logged_in(200)),
    "privacy:deleted": Row("GET", everyone(200)),
    "privacy:agree": Row("GET", logged_in(302)),
    "privacy:notice": Row("GET", everyone(200)),
    "privacy:organisation": Row("GET", admins(200)),
    "privacy:settings": Row("POST", admins(302), data=_settings),
    "privacy:retention_preview": Row("POST", admins(302)),
    "privacy:new_request": Row(
        "POST", admins(302), data=lambda w: {"email": w.demo.member.email, "kind": "export"}
    ),
    "privacy:request": Row("GET", admins(200)),
    "privacy:confirm_erasure": Row("POST", admins(302)),
    "privacy:request_download": Row("GET", admins(200)),
    "privacy:audit": Row("GET", admins(200)),
}
