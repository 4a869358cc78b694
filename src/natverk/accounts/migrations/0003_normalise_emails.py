"""Store every account's e-mail address in lower case, where that is safe.

An address is lowered unless another account already has the lowered form (two
accounts that differ only in letter case are left as they are for an administrator to
merge: lowering one would break the unique address).
"""

from collections import Counter
from typing import Any

from django.db import migrations


def normalise(apps: Any, schema_editor: Any) -> None:
    User = apps.get_model("accounts", "User")
    rows = list(User.objects.values_list("pk", "email"))
    counts = Counter(email.strip().lower() for _pk, email in rows)
    for pk, email in rows:
        lowered = email.strip().lower()
        if lowered != email and counts[lowered] == 1:
            User.objects.filter(pk=pk).update(email=lowered)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_invitations_confirmations_phone")]

    operations = [migrations.RunPython(normalise, migrations.RunPython.noop)]
