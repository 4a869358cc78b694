"""An HR list uploaded by an administrator: read it, or say in words what is wrong."""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from natverk.formats.employees import (
    Employee,
    EmployeeFileError,
    EmployeeProblem,
    read_employees,
)
from natverk.pairing.actions import ImportRefusedError

#: Field names of the reader, as people call them.
_FIELDS = {
    "name": gettext_lazy("name"),
    "email": gettext_lazy("e-mail"),
    "department": gettext_lazy("department"),
}


def describe(problem: EmployeeProblem) -> str:
    """One problem of the file as a sentence in the active language."""
    values = {"row": problem.row, "value": problem.value, "other": problem.other}
    texts = {
        "empty": _("The file is empty."),
        "unreadable": _("The file cannot be read as CSV or XLSX."),
        "too_large": _("The file is larger than the import limit."),
        "too_many_rows": _("The file has more than %(value)s rows: split it."),
        "no_rows": _("The file has a header row but no people."),
        "empty_name": _("Row %(row)s: the name is empty."),
        "bad_email": _("Row %(row)s: %(value)s is not an e-mail address."),
        "duplicate_email": _("Row %(row)s: %(value)s is also on row %(other)s."),
        "bad_date": _("Row %(row)s: cannot read the start date %(value)s (write 2027-03-01)."),
        "implausible_date": _("Row %(row)s: the start date %(value)s cannot be right."),
    }
    if problem.code == "missing_columns":
        missing = ", ".join(str(_FIELDS.get(f.strip(), f)) for f in problem.value.split(","))
        return _("Columns missing: %(missing)s. Columns in the file: %(found)s.") % {
            "missing": missing,
            "found": problem.other,
        }
    return texts.get(problem.code, problem.code) % values


def read_upload(upload: UploadedFile) -> list[Employee]:
    """The employees of an uploaded file, or ImportRefusedError with every problem."""
    limit = settings.NATVERK_MAX_IMPORT_BYTES
    if upload.size is not None and upload.size > limit:
        raise ImportRefusedError([describe(EmployeeProblem("too_large"))])
    data = upload.read(limit + 1)
    try:
        found = read_employees(
            data, filename=upload.name or "", max_bytes=limit, today=timezone.localdate()
        )
    except EmployeeFileError as exc:
        raise ImportRefusedError([describe(p) for p in exc.problems]) from None
    return found.employees
