"""The form the announcements page renders. It only draws the field: the page validates
what is posted with the API's own input schema and the service (see `commands.py`)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from secretariat.announcements.models import TEXT_MAX_LENGTH


class AnnouncementForm(forms.Form):
    text = forms.CharField(
        label=_("Announcement"),
        required=False,  # checked by the schema and the service, with the API's messages
        strip=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": TEXT_MAX_LENGTH, "required": True}),
        help_text=_("Everyone following this format sees it at once, without reloading."),
    )
