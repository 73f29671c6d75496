"""The child record and child search (issue 4), mounted at ``/children/``.

``people:child`` is the name other pages link to (the Returns page's child links use it).
"""

from __future__ import annotations

from django.urls import path

from hearth.people import views

app_name = "people"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("<int:child_id>/", views.child_record, name="child"),
    path("<int:child_id>/reason/", views.child_reason, name="child_reason"),
]
