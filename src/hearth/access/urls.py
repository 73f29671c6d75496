"""Access-audit pages (issue 6), mounted at ``/access/``."""

from __future__ import annotations

from django.urls import path

from hearth.access import views

app_name = "access"

urlpatterns = [
    path("children/<int:child_id>/views/", views.child_access_log, name="child_access_log"),
    path("children/<int:child_id>/changes/", views.child_change_history,
         name="child_change_history"),
    path("me/history/", views.my_access_history, name="my_access_history"),
    path("users/<int:user_id>/history/", views.user_access_history,
         name="user_access_history"),
]
