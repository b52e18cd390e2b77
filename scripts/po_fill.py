#!/usr/bin/env python
"""Merge translations from locale/fills/*.json into the .po catalogs, then compile them.

Each JSON file maps an English msgid to {"ru": "...", "ja": "..."}. Run after
`make messages` has extracted new strings; entries already translated are overwritten
by the JSON, so the JSON files are the reviewed source of each capability's wording.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("ru", "ja")


def main() -> int:
    fills: dict[str, dict[str, str]] = {}
    for path in sorted((ROOT / "locale" / "fills").glob("*.json")):
        fills.update(json.loads(path.read_text(encoding="utf-8")))
    missing: list[str] = []
    for lang in LANGS:
        po_path = ROOT / "locale" / lang / "LC_MESSAGES" / "django.po"
        po = polib.pofile(str(po_path))
        po.metadata["Language"] = lang
        po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
        if lang == "ru":
            po.metadata["Plural-Forms"] = (
                "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
                "(n%100<10 || n%100>=20) ? 1 : 2);"
            )
        else:
            po.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
        for entry in po:
            if entry.obsolete:
                continue
            text = fills.get(entry.msgid, {}).get(lang)
            if text:
                entry.msgstr = text
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
            elif (not entry.msgstr or "fuzzy" in entry.flags) and not entry.msgid_plural:
                # A fuzzy guess by makemessages is left out of the .mo: the UI would show English.
                missing.append(f"{lang}: {entry.msgid!r}")
        po.save(str(po_path))
        po.save_as_mofile(str(po_path.with_suffix(".mo")))
    if missing:
        print("Untranslated:\n  " + "\n  ".join(missing), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
