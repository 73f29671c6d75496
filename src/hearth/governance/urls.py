"""Information governance pages (issue 6), mounted at ``/governance/``."""

from __future__ import annotations

from django.urls import path

from hearth.governance import views

app_name = "governance"

urlpatterns = [
    path("children/<int:child_id>/subject-access/", views.subject_access,
         name="subject_access"),
    path("retention/", views.retention_report, name="retention_report"),
    path("retention/children/<int:child_id>/", views.child_retention, name="child_retention"),
]
