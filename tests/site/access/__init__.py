"""Rows of the access matrix, one module per app (tests/site/test_access_matrix.py).

Each module here defines ``ROWS`` (URL name -> Row) and may define ``populate(world)`` to
add the objects its URLs need to ``world.values`` (keyed by the URL's argument names).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from natverk.accounts.demo import DemoWorld
from natverk.accounts.models import User
from natverk.programs.models import Program

#: Who asks: nobody, an organisation member outside the group, a member of the program's
#: first group, the organisation's leader and administrator, another organisation's leader.
ROLES = ("anonymous", "member", "group_member", "leader", "admin", "other_leader")
LOGIN = 302  # anonymous people are sent to the login page


@dataclass
class World:
    """The demo organisation with a matched and published program, and its people."""

    demo: DemoWorld
    program: Program
    people: dict[str, User | None]
    values: dict[str, Any] = field(default_factory=dict)


Data = Mapping[str, str] | Callable[[World], Mapping[str, str]]


@dataclass(frozen=True)
class Row:
    """How one URL is requested and what each role gets back."""

    method: str
    expect: Mapping[str, int]
    data: Data = field(default_factory=dict)
    # Run the request last for each role (it logs out or ends something).
    last: bool = False

    def status_for(self, role: str) -> int:
        """The expected status (an administrator gets what a leader gets unless told)."""
        if role in self.expect:
            return self.expect[role]
        if role == "admin":
            return self.expect["leader"]
        if role == "group_member":
            return self.expect["member"]
        raise KeyError(role)


def everyone(status: int) -> dict[str, int]:
    """The same answer for every role."""
    return dict.fromkeys(ROLES, status)


def logged_in(status: int, anonymous: int = LOGIN) -> dict[str, int]:
    """Anyone logged in gets ``status``; anonymous people go to the login page."""
    return everyone(status) | {"anonymous": anonymous}


def org_members(status: int) -> dict[str, int]:
    """Members, leaders and admins of the organisation; 404 for another organisation."""
    return logged_in(status) | {"other_leader": 404}


def group_members(status: int) -> dict[str, int]:
    """Members of the group and the organisation's leaders; 404 for everyone else."""
    return org_members(status) | {"member": 404}


def leaders(status: int) -> dict[str, int]:
    """The organisation's leaders and admins only."""
    return group_members(status) | {"group_member": 404}
