"""The canonical form is exactly as documented, so outsiders can recompute the hash."""

from __future__ import annotations

import hashlib

from secretariat.negotiation.text.canonical import canonical_bytes, text_hash

PROVISIONS = [
    ("", "heading", "Programme  Document"),
    ("1", "operative", "The participants\u00a0agree\tto cooperate.\n"),
    ("2", "operative", "Cafe\u0301 and 日本\u3000協力"),
]


def test_canonical_form_is_documented_bytes():
    assert (
        canonical_bytes(title=" Programme\nDocument ", language="en", provisions=PROVISIONS)
        == (
            "secretariat-canonical-text/1\n"
            "title\tProgramme Document\n"
            "language\ten\n"
            "\theading\tProgramme Document\n"
            "1\toperative\tThe participants agree to cooperate.\n"
            "2\toperative\tCafé and 日本 協力\n"
        ).encode()
    )


def test_nfc_normalisation():
    composed = canonical_bytes(title="Café", language="en", provisions=[])
    decomposed = canonical_bytes(title="Cafe\u0301", language="en", provisions=[])
    assert composed == decomposed


def test_hash_is_sha256_of_canonical_bytes():
    expected = hashlib.sha256(
        canonical_bytes(title="T", language="ru", provisions=PROVISIONS)
    ).hexdigest()
    assert text_hash(title="T", language="ru", provisions=PROVISIONS) == expected
    assert len(expected) == 64


def test_hash_changes_with_any_field():
    base = text_hash(title="T", language="en", provisions=PROVISIONS)
    assert text_hash(title="T2", language="en", provisions=PROVISIONS) != base
    assert text_hash(title="T", language="ru", provisions=PROVISIONS) != base
    assert text_hash(title="T", language="en", provisions=PROVISIONS[:2]) != base
    changed = [*PROVISIONS[:2], ("3", "operative", PROVISIONS[2][2])]
    assert text_hash(title="T", language="en", provisions=changed) != base


def test_known_value():
    # Pinned so that a change of the canonical form cannot pass unnoticed.
    assert text_hash(title="A", language="en", provisions=[("1", "operative", "B")]) == (
        hashlib.sha256(
            b"secretariat-canonical-text/1\ntitle\tA\nlanguage\ten\n1\toperative\tB\n"
        ).hexdigest()
    )


def test_recipe_in_the_documentation_gives_the_same_hash():
    from pathlib import Path

    docs = Path(__file__).resolve().parents[4] / "docs" / "negotiation-text.md"
    recipe = next(
        block.split("```", 1)[0]
        for block in docs.read_text(encoding="utf-8").split("```python")[1:]
        if "def text_hash" in block
    )
    namespace: dict[str, object] = {}
    exec(recipe, namespace)  # noqa: S102 - our own documentation, under test
    outside = namespace["text_hash"]
    assert outside(" Programme\nDocument ", "en", PROVISIONS) == text_hash(  # type: ignore[operator]
        title=" Programme\nDocument ", language="en", provisions=PROVISIONS
    )
