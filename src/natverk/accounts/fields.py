"""E-mail addresses stored and compared in one normal form (lower case, no spaces)."""

from __future__ import annotations

from typing import Any

from django.db import models


def normalise_email(address: str) -> str:
    """The form every address is stored and looked up in: trimmed and lower-case.

    The local part is case-sensitive in theory (RFC 5321) but no mail provider our
    members use treats it so, and people type their address in any case.
    """
    return address.strip().lower()


class EmailAddressField(models.EmailField):  # type: ignore[type-arg]
    """An e-mail column that stores and compares addresses normalised.

    Saving and every lookup (``email=``, ``email__in=``) pass through
    ``get_prep_value``, so ``Lena.Ledare@example.org`` finds ``lena.ledare@example.org``.
    """

    def to_python(self, value: Any) -> Any:
        """Normalise on model cleaning too (``full_clean``)."""
        value = super().to_python(value)
        return normalise_email(value) if isinstance(value, str) else value

    def get_prep_value(self, value: Any) -> Any:
        """Normalise what is saved and what is looked up."""
        value = super().get_prep_value(value)
        return normalise_email(value) if isinstance(value, str) else value

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        """Keep the instance's attribute in the stored form after a save."""
        value = getattr(model_instance, self.attname)
        if isinstance(value, str):
            value = normalise_email(value)
            setattr(model_instance, self.attname, value)
        return value


def axes_username(request: Any, credentials: dict[str, Any] | None = None) -> str:
    """The login-failure counter's key: the address as typed, normalised (django-axes)."""
    source = credentials or getattr(request, "POST", None) or {}
    return normalise_email(str(source.get("username", "") or ""))
