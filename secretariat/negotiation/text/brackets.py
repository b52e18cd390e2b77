"""Square-bracketed negotiation text: parse, edit, serialise and render provision markup.

Pure Python (no models). The negotiation core stores every provision as a *markup*
string and goes through this module for everything that looks inside it. The markup
rules are in `markup` (and docs/negotiation-text.md); this module is the one place the
rest of the product imports them from:

- `markup`: the model (``Span``, ``Bracket``, ``Text``), ``parse`` and ``serialize``
  (``parse(serialize(t)) == t``; ``serialize(parse(m))`` is the normalised ``m``), the
  read views ``plain_text``, ``clean_text``, ``open_brackets``, ``brackets``,
  ``nesting_depth`` and ``render_html``, the errors and ``MAX_NESTING``.
- `edits`: ``resolve_bracket(text, index, choice)`` (keep option ``choice``, 0-based, or
  ``None`` to agree a single-option bracket), ``drop_bracket``, ``set_holders`` and
  ``add_bracket(markup, start, end, alternatives=(), holders=())`` (offsets into the plain
  rendering).
- `paste`: ``import_word_text(text) -> list[tuple[str, str]]``, text pasted from Word.

Malformed markup raises `BracketSyntaxError` (with the 0-based ``position`` of the
problem); edits that do not fit the text raise `BracketEditError`. Both are
``BracketError``, a ``ValueError``.
"""

from __future__ import annotations

from secretariat.negotiation.text.edits import (
    add_bracket,
    drop_bracket,
    resolve_bracket,
    set_holders,
)
from secretariat.negotiation.text.markup import (
    MAX_NESTING,
    Bracket,
    BracketEditError,
    BracketError,
    BracketInfo,
    BracketSyntaxError,
    Node,
    Span,
    Text,
    brackets,
    clean_text,
    nesting_depth,
    normalise_holders,
    open_brackets,
    parse,
    plain_text,
    render_html,
    serialize,
)
from secretariat.negotiation.text.paste import import_word_text

__all__ = [
    "MAX_NESTING",
    "Bracket",
    "BracketEditError",
    "BracketError",
    "BracketInfo",
    "BracketSyntaxError",
    "Node",
    "Span",
    "Text",
    "add_bracket",
    "brackets",
    "clean_text",
    "drop_bracket",
    "import_word_text",
    "nesting_depth",
    "normalise_holders",
    "open_brackets",
    "parse",
    "plain_text",
    "render_html",
    "resolve_bracket",
    "serialize",
    "set_holders",
]
