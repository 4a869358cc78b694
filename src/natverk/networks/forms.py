"""Forms of the networks pages: a network and its quarterly review."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from natverk.networks.actions import INSIDE_FIELDS, OUTSIDE_FIELDS
from natverk.networks.models import Network, Review


class NetworkForm(forms.ModelForm[Network]):
    """What the member says about a network (a natverk program: purpose, time and cost)."""

    class Meta:
        model = Network
        fields = OUTSIDE_FIELDS
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "hours_per_month": forms.NumberInput(attrs={"step": "0.5", "min": "0"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = [c for c in Network.Kind.choices if c[0] != Network.Kind.NATVERK]
        self.fields["purpose"].help_text = _("Why you are in it: what you want to give and to get.")
        if self.instance.pk and self.instance.inside:
            for name in set(OUTSIDE_FIELDS) - set(INSIDE_FIELDS):
                del self.fields[name]
        else:
            self.fields["status"].required = False  # taking part, unless chosen

    def clean_status(self) -> str:
        """Taking part when nothing was chosen."""
        return str(self.cleaned_data.get("status") or Network.Status.ACTIVE)


class ReviewForm(forms.ModelForm[Review]):
    """The quarterly review: value, energy, and what I gave and got."""

    class Meta:
        model = Review
        fields = ("value", "energy", "gave", "got")
        widgets = {
            "value": forms.RadioSelect(choices=[(n, str(n)) for n in range(1, 6)]),
            "energy": forms.RadioSelect,
            "gave": forms.Textarea(attrs={"rows": 2}),
            "got": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["value"].help_text = _("1: nothing worth the time. 5: among the best I have.")
        energy = self.fields["energy"]
        assert isinstance(energy, forms.TypedChoiceField)
        energy.choices = [c for c in Review.Energy.choices]
