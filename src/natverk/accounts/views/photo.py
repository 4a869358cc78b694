"""A person's photo: choosing or removing it on the profile page, and sending it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from natverk.accounts import actions
from natverk.accounts.access import current_user
from natverk.accounts.models import Photo
from natverk.core.images import MAX_PICTURE_BYTES
from natverk.site.uploads import UploadRejectedError, received_file


def photo_response(photo: Photo) -> HttpResponse:
    """The picture itself, typed by what its bytes are and never run as anything else."""
    response = HttpResponse(photo.content, content_type=photo.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, max-age=86400"
    return response


@login_required
@require_POST
def change_photo(request: HttpRequest) -> HttpResponse:
    """Keep the chosen photo, or remove the one kept."""
    user = current_user(request)
    if request.POST.get("remove"):
        actions.remove_photo(user)
        messages.success(request, _("Your photo was removed."))
        return redirect("accounts:profile")
    try:
        upload = received_file(request, "photo")
        if upload.size is not None and upload.size > MAX_PICTURE_BYTES:
            raise ValidationError(
                _("The photo is too large: at most %(kb)d kB.") % {"kb": MAX_PICTURE_BYTES // 1024}
            )
        actions.set_photo(user, upload.read(MAX_PICTURE_BYTES + 1))
    except (UploadRejectedError, ValidationError) as exc:
        text = exc.message if isinstance(exc, UploadRejectedError) else " ".join(exc.messages)
        messages.error(request, text)
    else:
        messages.success(request, _("Your photo was saved."))
    return redirect("accounts:profile")


@login_required
def own_photo(request: HttpRequest, version: str) -> HttpResponse:
    """The person's own photo (the profile page shows it)."""
    photo = Photo.objects.filter(user=current_user(request)).first()
    if photo is None:
        raise Http404
    return photo_response(photo)
