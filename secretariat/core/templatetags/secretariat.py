"""Template helpers shared by every capability: `{% load secretariat %}`."""

from __future__ import annotations

from django import template
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString

from secretariat.core.templatetags import times

register = template.Library()
# The time tags (`{% when %}`, `|instant`, …) come with `{% load secretariat %}` too.
register.tags.update(times.register.tags)
register.filters.update(times.register.filters)


@register.simple_tag
def flag(state: object, size: str = "") -> SafeString:
    """The state's flag as an SVG image (flag-icons, MIT), decorative: the name stands beside it.

    Emoji flags are not drawn by every system (Windows and many Linux desktops show letters or
    boxes), so pages use images; the API still offers the emoji.
    """
    iso2 = str(getattr(state, "iso2", "")).lower()
    if not iso2:
        return SafeString("")
    css = f"flag-img flag-{size}" if size else "flag-img"
    return format_html(
        '<img class="{}" src="{}" alt="" aria-hidden="true" width="20" height="15">',
        css,
        static(f"secretariat/flags/{iso2}.svg"),
    )
