"""Account models, split by concept."""

from natverk.accounts.models.organisation import Membership, Organisation, Role
from natverk.accounts.models.profile import Profile
from natverk.accounts.models.user import User

__all__ = ["Membership", "Organisation", "Profile", "Role", "User"]
