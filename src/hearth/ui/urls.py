"""URLs of the shell. Sign-in and sign-out are allauth's (``account_login``, ``account_logout``)."""

from __future__ import annotations

from django.urls import path

from hearth.ui import views

urlpatterns = [
    path("", views.home, name="home"),
]
