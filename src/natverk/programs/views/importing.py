"""Importing applications from a forms export: upload, see how each column is read and
change it, then import (all or nothing)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from natverk.accounts.access import current_user
from natverk.formats.applicants import CONSTRAINT_FIELDS, WHY_NEEDED
from natverk.programs import access, actions, importing
from natverk.programs.models import Application, ApplicationFile
from natverk.schedule import slot_label
from natverk.site.uploads import UploadRejectedError, received_file
from natverk.taxonomy import label


@login_required
def import_start(request: HttpRequest, slug: str, program_id: int) -> HttpResponse:
    """Upload a Google Forms, Microsoft Forms or Typeform export (CSV or XLSX)."""
    program = access.get_program_for_leader(request.user, slug, program_id)
    problem = ""
    if request.method == "POST":
        try:
            upload = received_file(request)
        except UploadRejectedError as exc:
            problem = exc.message
        else:
            stored = actions.upload_application_file(
                program, by=current_user(request), data=upload.read(), filename=upload.name or ""
            )
            return redirect(
                "programs:import_columns", slug=slug, program_id=program.pk, file_id=stored.pk
            )
    context = {"program": program, "organisation": program.organisation, "problem": problem}
    return render(request, "programs/import.html", context, status=400 if problem else 200)


def _shown(reading: importing.Reading) -> str:
    """The reading the page showed, so that an import is of what the leader saw."""
    return ",".join(f"{f}:{k}" for f, k in sorted(reading.index.items()))


@login_required
def import_columns(request: HttpRequest, slug: str, program_id: int, file_id: int) -> HttpResponse:
    """How each column is read, the leader's changes, and the import once confirmed."""
    upload = access.get_file_for_leader(request.user, slug, program_id, file_id)
    if request.method != "POST":
        return _columns_page(request, upload, importing.read_file(upload))
    given, without = importing.choices_from(request.POST, importing.width(upload))
    go_without = {f for f in CONSTRAINT_FIELDS if request.POST.get(f"go_without_{f}")}
    reading = importing.read_file(upload, given, without, go_without)
    confirmed = request.POST.get("shown") == _shown(reading)
    if "import" in request.POST and reading.ready and confirmed:
        return _import(request, upload, reading)
    if "import" in request.POST and reading.ready:
        messages.info(request, _("The columns changed: check how they are read, then import."))
    return _columns_page(request, upload, reading)


def _import(
    request: HttpRequest, upload: ApplicationFile, reading: importing.Reading
) -> HttpResponse:
    program = upload.program
    status = request.POST.get("status", Application.Status.SUBMITTED)
    try:
        done = actions.import_applications(upload, reading.applicants, status=status)
    except actions.ProgramError as exc:
        messages.error(request, str(exc))
        return _columns_page(request, upload, reading)
    messages.success(
        request,
        _(
            "%(added)s applications imported; %(already)s had applied already and were "
            "left as they were."
        )
        % {"added": done.added, "already": len(done.already)},
    )
    return redirect("programs:detail", slug=program.organisation.slug, program_id=program.pk)


def _columns_page(
    request: HttpRequest, upload: ApplicationFile, reading: importing.Reading
) -> HttpResponse:
    lang = request.LANGUAGE_CODE
    rows = [
        {
            "field": name,
            "name": title,
            "column": reading.index.get(name),
            "how": reading.how.get(name, ""),
        }
        for name, title in importing.field_names()
    ]
    sample = [
        {
            "name": a.name,
            "email": a.email,
            "profession": label("occupation", a.profession, lang),
            "employer": a.employer,
            "times": ", ".join(slot_label(s, lang) for s in sorted(a.availability)),
        }
        for a in reading.applicants[: importing.SAMPLE]
    ]
    context = {
        "program": upload.program,
        "organisation": upload.program.organisation,
        "upload": upload,
        "reading": reading,
        "rows": rows,
        "headers": list(enumerate(reading.header)),
        "sample": sample,
        "shown": _shown(reading),
        "not_in_file": importing.NOT_IN_FILE,
        "lacking": [{"field": f, "why": _(WHY_NEEDED[f])} for f in reading.lacking],
    }
    status = 400 if reading.problems or not reading.header else 200
    return render(request, "programs/import_columns.html", context, status=status)
