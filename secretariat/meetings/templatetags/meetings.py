"""`{% load meetings %}`: the line markup of minutes and statements as HTML."""

from __future__ import annotations

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from secretariat.meetings.minutes_text import parse_blocks

register = template.Library()


@register.filter
def minutes_html(text: str) -> SafeString:
    parts: list[SafeString] = []
    items: list[str] = []

    def flush() -> None:
        if items:
            parts.append(
                format_html(
                    "<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((i,) for i in items))
                )
            )
            items.clear()

    for kind, line in parse_blocks(text or ""):
        if kind == "item":
            items.append(line)
            continue
        flush()
        tag = {"title": "h3", "heading": "h4"}.get(kind, "p")
        parts.append(format_html("<{}>{}</{}>", SafeString(tag), line, SafeString(tag)))
    flush()
    return SafeString("".join(parts))
