"""Fail when a translation catalogue is incomplete or its compiled .mo is out of date.

Every msgid of the uz, ru and en catalogues must have a translation, none may be fuzzy, and the
committed .mo must be what msgfmt makes of the .po.
"""

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "hemis" / "locale"
LANGS = ("uz", "ru", "en")


def entries(po: Path):
    """(msgid, msgstr list, fuzzy) for each entry, from a .po file written by makemessages."""
    text = po.read_text(encoding="utf-8")
    for block in text.split("\n\n"):
        lines = [ln for ln in block.strip().splitlines() if ln]
        fuzzy = any(ln.startswith("#,") and "fuzzy" in ln for ln in lines)
        msgid, msgstrs, current = [], [], None
        for ln in lines:
            if ln.startswith("#"):
                continue
            if ln.startswith("msgid "):
                current = msgid
                current.append(ln[6:])
            elif ln.startswith("msgid_plural "):
                current = None
            elif ln.startswith("msgstr"):
                msgstrs.append([ln.split(" ", 1)[1]])
                current = msgstrs[-1]
            elif ln.startswith('"') and current is not None:
                current.append(ln)
        mid = "".join(s.strip('"') for s in msgid)
        strs = ["".join(s.strip('"') for s in part) for part in msgstrs]
        if msgid and mid:
            yield mid, strs, fuzzy


def main() -> int:
    problems = []
    for lang in LANGS:
        po = LOCALE / lang / "LC_MESSAGES" / "django.po"
        mo = po.with_suffix(".mo")
        if not po.exists():
            problems.append(f"{po.relative_to(ROOT)} is missing")
            continue
        for mid, strs, fuzzy in entries(po):
            if fuzzy:
                problems.append(f"{lang}: fuzzy: {mid[:70]}")
            elif not strs or any(not s for s in strs):
                problems.append(f"{lang}: untranslated: {mid[:70]}")
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "django.mo"
            subprocess.run(["msgfmt", "--check-format", "-o", str(out), str(po)], check=True)
            if not mo.exists() or mo.read_bytes() != out.read_bytes():
                problems.append(f"{mo.relative_to(ROOT)} is out of date: run scripts/messages.sh")
    for line in problems:
        print(line)
    print(f"catalogues: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
