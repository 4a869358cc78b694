"""Access rows of the meetings app."""

from __future__ import annotations

from tests.site.access import Row, group_members

ROWS: dict[str, Row] = {
    "meetings:calendar": Row("GET", group_members(200)),
}
