from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("access/", include("hearth.access.urls")),
    path("performance/", include("hearth.performance.urls")),
    path("", include("hearth.ui.urls")),
]
