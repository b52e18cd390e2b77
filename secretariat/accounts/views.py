from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from secretariat.accounts.services import user_profile_update
from secretariat.core.timezones import available_time_zones
from secretariat.formats.selectors import delegation_seats_for


class ProfileForm(forms.Form):
    full_name = forms.CharField(label=gettext_lazy("Full name"), max_length=200)
    time_zone = forms.ChoiceField(
        label=gettext_lazy("Time zone"),
        help_text=gettext_lazy("Times are shown in this zone, beside each capital's local time."),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["time_zone"].choices = [(z, z) for z in sorted(available_time_zones())]  # type: ignore[attr-defined]


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = ProfileForm(
        request.POST or None,
        initial={"full_name": user.full_name, "time_zone": user.time_zone},  # type: ignore[union-attr]
    )
    if request.method == "POST" and form.is_valid():
        try:
            user_profile_update(actor=user, user=user, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Your profile is saved."))
            return redirect("accounts:profile")
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "seats": delegation_seats_for(user),
            "secretariat_seats": user.secretariat_memberships.select_related("format"),  # type: ignore[union-attr]
            "observer_seats": user.observer_seats.select_related("format"),  # type: ignore[union-attr]
        },
    )
