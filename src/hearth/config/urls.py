from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("access/", include("hearth.access.urls")),
    path("returns/", include("hearth.returns.urls")),
    path("governance/", include("hearth.governance.urls")),
    path("frontdoor/", include("hearth.frontdoor.urls")),
    path("", include("hearth.ui.urls")),
]
