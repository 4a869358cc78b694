"""Access rows of the accounts app and the site root."""

from __future__ import annotations

from tests.site.access import LOGIN, Row, everyone, logged_in, org_members

ROWS: dict[str, Row] = {
    "home": Row("GET", everyone(302)),
    "set_language": Row("POST", everyone(302), data={"language": "sv"}),
    "accounts:login": Row("GET", logged_in(302, anonymous=200)),
    "accounts:logout": Row("POST", everyone(302), last=True),
    "accounts:profile": Row("GET", logged_in(200)),
    "accounts:dashboard": Row("GET", logged_in(302)),
    "accounts:organisation": Row("GET", org_members(200)),
}
assert LOGIN == 302
