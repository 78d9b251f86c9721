"""Lint step: the Dutch catalogue covers every translatable string in the code and templates,
and the compiled .mo matches the .po. Needs GNU gettext (xgettext, msgfmt); without it, says so
and skips."""

import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "meedoen" / "locale" / "nl" / "LC_MESSAGES"
MAKEMESSAGES = [
    sys.executable,
    "-m",
    "meedoen",
    "makemessages",
    "-l",
    "nl",
    "--no-obsolete",
    "--ignore=bench/*",
    "--ignore=e2e/*",
    "--ignore=meedoen/static/*",
    "--ignore=var/*",
    "--ignore=scripts/*",
    "--ignore=docs/*",
]


def main() -> int:
    if not (shutil.which("xgettext") and shutil.which("msgfmt")):
        print("translations: SKIPPED — GNU gettext is not installed (apt-get install gettext)")
        return 0
    po, mo = CATALOGUE / "django.po", CATALOGUE / "django.mo"
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        compiled = Path(tmp) / "django.mo"
        subprocess.run(["msgfmt", "--check", "-o", str(compiled), str(po)], check=True)  # noqa: S603, S607
        if not mo.exists() or not filecmp.cmp(compiled, mo, shallow=False):
            problems.append("django.mo is not compiled from the current django.po")
        saved = Path(tmp) / "saved.po"
        shutil.copy2(po, saved)
        try:
            env = {**os.environ, "DJANGO_SETTINGS_MODULE": "meedoen.settings.test"}
            subprocess.run(MAKEMESSAGES, cwd=ROOT, env=env, check=True, capture_output=True)  # noqa: S603
            stats = subprocess.run(  # noqa: S603
                ["msgfmt", "--statistics", "-o", os.devnull, str(po)],  # noqa: S607
                capture_output=True,
                text=True,
                check=True,
            ).stderr.strip()
        finally:
            shutil.copy2(saved, po)
    if "untranslated" in stats or "fuzzy" in stats:
        problems.append(f"the Dutch catalogue is incomplete: {stats}")
    if problems:
        print("translations: " + "; ".join(problems))
        print("run `make messages`, translate the new entries, and run it again to compile")
        return 1
    print(f"translations: ok ({stats})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
