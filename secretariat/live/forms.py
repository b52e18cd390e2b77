from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class AnnouncementForm(forms.Form):
    text = forms.CharField(
        label=_("Announcement"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Everyone following this format sees it at once, without reloading."),
    )
