from __future__ import annotations

from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[3] / "locale"


@pytest.mark.parametrize("lang", ["ru", "ja"])
def test_every_ui_string_is_translated_and_compiled(lang):
    po_path = LOCALE / lang / "LC_MESSAGES" / "django.po"
    po = polib.pofile(str(po_path))
    untranslated = [e.msgid for e in po.untranslated_entries()]
    assert untranslated == []
    assert [e.msgid for e in po.fuzzy_entries()] == []
    mo = polib.mofile(str(po_path.with_suffix(".mo")))
    assert {e.msgid: e.msgstr for e in mo} == {
        e.msgid: e.msgstr for e in po.translated_entries()
    } | ({"": mo.find("").msgstr} if mo.find("") else {})
