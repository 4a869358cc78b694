"""Store applications' e-mail addresses in lower case, where that is safe.

An address is lowered unless another application to the same program already has the
lowered form (that pair is left for the leader: lowering would break "one application
per address").
"""

from collections import Counter
from typing import Any

from django.db import migrations


def normalise(apps: Any, schema_editor: Any) -> None:
    Application = apps.get_model("programs", "Application")
    rows = list(Application.objects.values_list("pk", "program_id", "email"))
    counts = Counter((program, email.strip().lower()) for _pk, program, email in rows)
    for pk, program, email in rows:
        lowered = email.strip().lower()
        if lowered != email and counts[(program, lowered)] == 1:
            Application.objects.filter(pk=pk).update(email=lowered)


class Migration(migrations.Migration):
    dependencies = [("programs", "0003_participation_board_withdrawn")]

    operations = [migrations.RunPython(normalise, migrations.RunPython.noop)]
