"""Front-door pages (issue 6), mounted at ``/frontdoor/``."""

from __future__ import annotations

from django.urls import path

from hearth.frontdoor import views

app_name = "frontdoor"

urlpatterns = [
    path("my-referrals/", views.my_referrals, name="my_referrals"),
]
