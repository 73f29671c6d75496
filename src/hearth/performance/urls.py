"""Performance dashboards (issue 7), mounted at ``/performance/``."""

from __future__ import annotations

from django.urls import path

from hearth.performance import views

app_name = "performance"

urlpatterns = [
    path("", views.start, name="start"),
    path("council/", views.dashboard, name="council"),
    path("council/areas/", views.areas, name="areas"),
    path("council/measures/<slug:measure_id>/", views.drill, name="council_drill"),
    path("<slug:kind>/<int:pk>/", views.dashboard, name="place"),
    path("<slug:kind>/<int:pk>/measures/<slug:measure_id>/", views.drill, name="place_drill"),
]
