"""The shared step of pages that confirm an address from an e-mailed link (an
application, an event registration): who is signed in, and the password to choose."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest

from natverk.accounts.actions import NewPassword
from natverk.accounts.forms import NewPasswordForm
from natverk.accounts.models import User


@dataclass(frozen=True)
class AddressConfirmation:
    """Where a confirmation page stands for the person opening the link."""

    signed_in: User | None  # whoever is logged in on this browser
    other_user: User | None  # logged in as someone else: asked to log out first
    form: NewPasswordForm | None  # a name and password to choose (no usable password yet)
    ready: bool  # a POST that may confirm now

    @property
    def password(self) -> NewPassword | None:
        """The name and password chosen, once ``ready`` (None when none was asked)."""
        return self.form.chosen() if self.ready and self.form is not None else None

    @property
    def starts_session(self) -> bool:
        """Whether confirming signs the person in (a new password, or already signed in)."""
        return self.form is not None or self.signed_in is not None


def confirm_address(
    request: HttpRequest, *, email: str, account: User | None, name: str
) -> AddressConfirmation:
    """The step for the link's ``email``: ``account`` is that address's account, if any;
    ``name`` fills the form when there is none."""
    signed_in = request.user if isinstance(request.user, User) else None
    if signed_in is not None and signed_in.email != email:
        return AddressConfirmation(signed_in, signed_in, None, ready=False)
    needs_password = account is None or not account.has_usable_password()
    person = account or User(email=email, name=name)
    form = NewPasswordForm(person, request.POST or None) if needs_password else None
    ready = request.method == "POST" and (form is None or form.is_valid())
    return AddressConfirmation(signed_in, None, form, ready)
