"""A person's photo, shown beside their name where they lead (the catalogue)."""

from __future__ import annotations

import base64

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

#: The picture types a photo may have (checked from the bytes: natverk.core.images).
PHOTO_TYPES = (("image/jpeg", "JPEG"), ("image/png", "PNG"), ("image/webp", "WebP"))


class Photo(models.Model):
    """One photo per person, stored as base64 text so that it exports as it is kept."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="photo"
    )
    content_type = models.CharField(_("type"), max_length=20, choices=PHOTO_TYPES)
    data = models.TextField(_("picture (base64)"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return f"photo of {self.user_id}"

    @property
    def content(self) -> bytes:
        """The picture's bytes."""
        return base64.b64decode(self.data)

    @property
    def version(self) -> str:
        """Changes whenever the photo does (part of its address, so caches never go stale)."""
        return str(int(self.updated_at.timestamp()))
