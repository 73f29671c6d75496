"""The Returns page (issue 5), mounted at ``/returns/``."""

from __future__ import annotations

from django.urls import path

from hearth.returns import views

app_name = "returns"

urlpatterns = [
    path("", views.returns_home, name="home"),
    path("runs/<int:run_id>/", views.run_detail, name="run"),
    path("runs/<int:run_id>/status/", views.run_status, name="run_status"),
    path("runs/<int:run_id>/files/<str:name>", views.run_file, name="run_file"),
]
