"""What the academic set-up pages share: the confirmation page of a deletion."""

from django.db.models import Model
from django.shortcuts import render


def confirm(request, *, obj: Model, back: str):
    """The confirmation page of a deletion: the same URL answers the POST that deletes."""
    return render(request, "web/academics/confirm_delete.html", {"object": obj, "back": back})
