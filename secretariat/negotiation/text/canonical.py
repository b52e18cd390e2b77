"""The canonical form of an adopted text, and its SHA-256 hash.

At adoption the product stores ``text_hash(...)`` of every language version; anyone can
recompute it outside the product from the exported text (docs/negotiation-text.md).

Canonical form (version 1), as bytes:

1. Every field (title, language, each provision's number, kind and markup) is
   normalised: Unicode NFC; every run of white space (``str.isspace``: spaces, tabs,
   line breaks, no-break spaces, ideographic spaces...) becomes one U+0020 SPACE;
   leading and trailing white space is removed.
2. Lines, in this order:
   - ``secretariat-canonical-text/1``
   - ``title`` TAB <title>
   - ``language`` TAB <language code, e.g. en>
   - one line per provision in document order: <number> TAB <kind> TAB <markup>
     (an empty number stays empty: the line then starts with TAB).
3. Every line ends with one LF (U+000A), the last one included; no BOM.
4. Encoded as UTF-8. The hash is the lower-case hexadecimal SHA-256 of these bytes.

The markup is the provision text as stored: an adopted text has no brackets, so it is
the text itself, where a literal ``[``, ``]``, ``{`` or ``\\`` is preceded by a backslash.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence

__all__ = ["CANONICAL_VERSION", "canonical_bytes", "normalise_field", "text_hash"]

CANONICAL_VERSION = "secretariat-canonical-text/1"
_WHITE_SPACE = re.compile(r"\s+")


def normalise_field(value: str) -> str:
    """NFC, white-space runs collapsed to one space, stripped."""
    return _WHITE_SPACE.sub(" ", unicodedata.normalize("NFC", value)).strip()


def canonical_bytes(
    *, title: str, language: str, provisions: Sequence[tuple[str, str, str]]
) -> bytes:
    """The canonical form of one language version; provisions are (number, kind, markup)."""
    lines = [
        CANONICAL_VERSION,
        f"title\t{normalise_field(title)}",
        f"language\t{normalise_field(language)}",
    ]
    lines.extend(
        "\t".join(normalise_field(field) for field in (number, kind, markup))
        for number, kind, markup in provisions
    )
    return ("\n".join(lines) + "\n").encode("utf-8")


def text_hash(*, title: str, language: str, provisions: Sequence[tuple[str, str, str]]) -> str:
    """SHA-256 (hex) of `canonical_bytes`."""
    return hashlib.sha256(
        canonical_bytes(title=title, language=language, provisions=provisions)
    ).hexdigest()
