"""The group board: posts and replies among a group's members."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from natverk.programs.models.group import Group


class BoardPost(models.Model):
    """A post (``parent`` empty) or a reply; hidden posts keep their place, not their text.

    When the author's data is erased the post stays as "a former member" with its text
    removed (``erased``), so the replies around it still read in order.
    """

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="posts")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("message"), max_length=4000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    erased = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("board post")
        verbose_name_plural = _("board posts")
        ordering = ("created_at", "id")
        indexes = [models.Index(fields=["group", "created_at"], name="board_group_time")]

    def __str__(self) -> str:
        return f"post {self.pk} in {self.group_id}"

    @property
    def visible(self) -> bool:
        """Whether the text is shown (not hidden, not erased)."""
        return self.hidden_at is None and not self.erased
