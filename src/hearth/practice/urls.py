"""A worker's own pages (issue 4), mounted at ``/my-work/``."""

from __future__ import annotations

from django.urls import path

from hearth.practice import views

app_name = "practice"

urlpatterns = [
    path("", views.my_work_page, name="my_work"),
]
