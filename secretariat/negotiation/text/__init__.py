"""Negotiated text: bracket markup (brackets.py), word diffs (diff.py), canonical hash
(canonical.py). Pure Python; no models. See docs/negotiation-text.md."""
