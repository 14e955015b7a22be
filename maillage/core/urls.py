from django.urls import path

from maillage.core import views

app_name = "core"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("tableau-de-bord/", views.DashboardView.as_view(), name="dashboard"),
    path("connexion/", views.LoginView.as_view(), name="login"),
    path("deconnexion/", views.LogoutView.as_view(), name="logout"),
    path(
        "donnees-personnelles/",
        views.StaticPageView.as_view(template_name="core/privacy.html", title="Données personnelles"),
        name="privacy",
    ),
    path(
        "accessibilite/",
        views.StaticPageView.as_view(template_name="core/accessibility.html", title="Accessibilité"),
        name="accessibility",
    ),
    path(
        "mentions-legales/",
        views.StaticPageView.as_view(template_name="core/legal.html", title="Mentions légales"),
        name="legal",
    ),
]
