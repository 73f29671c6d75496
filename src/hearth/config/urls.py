from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("access/", include("hearth.access.urls")),
    path("returns/", include("hearth.returns.urls")),
    path("children/", include("hearth.people.urls")),
    path("my-work/", include("hearth.practice.urls")),
    path("", include("hearth.ui.urls")),
]
