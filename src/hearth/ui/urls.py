"""URLs of the shell. ``login``, ``logout`` and ``home`` are the names settings refer to."""

from __future__ import annotations

from django.contrib.auth.views import LogoutView
from django.urls import path

from hearth.ui import views

urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", views.SignInView.as_view(), name="login"),
    # POST only (Django 5 refuses GET), so a link or an image cannot sign anyone out.
    path("sign-out/", LogoutView.as_view(), name="logout"),
]
