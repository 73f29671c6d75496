from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

# The admin signs in through allauth too, so it gets MFA and the lockout like every page.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("access/", include("hearth.access.urls")),
    path("returns/", include("hearth.returns.urls")),
    path("children/", include("hearth.people.urls")),
    path("my-work/", include("hearth.practice.urls")),
    path("governance/", include("hearth.governance.urls")),
    path("frontdoor/", include("hearth.frontdoor.urls")),
    # allauth: sign-in, sign-out, MFA (account/2fa/) and single sign-on (account/oidc/...).
    path("account/", include("allauth.urls")),
    path("performance/", include("hearth.performance.urls")),
    path("", include("hearth.ui.urls")),
]
