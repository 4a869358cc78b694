"""Account models, split by concept."""

from natverk.accounts.models.confirmation import EmailConfirmation
from natverk.accounts.models.invitation import Invitation
from natverk.accounts.models.organisation import Membership, Organisation, Role
from natverk.accounts.models.photo import Photo
from natverk.accounts.models.profile import Profile
from natverk.accounts.models.ratelimit import RateCounter
from natverk.accounts.models.user import User

__all__ = [
    "EmailConfirmation",
    "Invitation",
    "Membership",
    "Organisation",
    "Photo",
    "Profile",
    "RateCounter",
    "Role",
    "User",
]
