"""``natverk compile_translations``: build the .mo catalogues from the .po files.

Django's compilemessages needs GNU gettext installed on the machine; this does the
same with Babel, so a fresh install needs nothing but pip.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile the translation catalogues (.po -> .mo) of natverk."

    def handle(self, *args: Any, **options: Any) -> None:
        # The shared catalogue, and each natverk app's own (src/natverk/<app>/locale).
        app_dirs = sorted(Path(settings.PACKAGE_DIR).glob("*/locale"))
        for locale_dir in [*map(Path, settings.LOCALE_PATHS), *app_dirs]:
            for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
                with po_path.open("rb") as handle:
                    catalog = read_po(handle)
                with po_path.with_suffix(".mo").open("wb") as handle:
                    write_mo(handle, catalog)
                self.stdout.write(f"compiled {po_path.relative_to(locale_dir)}")
