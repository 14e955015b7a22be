from django.conf import settings
from django.contrib.auth import views as auth_views
from django.views.generic import TemplateView

from maillage.core.forms import LoginForm
from maillage.core.permissions import StaffRequiredMixin
from maillage.core.stats import dashboard_figures
from maillage.programme.models import Session


class HomeView(TemplateView):
    template_name = "core/home.html"

    def get_context_data(self, **kwargs):
        upcoming = Session.objects.published().upcoming().select_related("action")[:3]
        return super().get_context_data(upcoming_sessions=upcoming, **kwargs)


class DashboardView(StaffRequiredMixin, TemplateView):
    template_name = "core/dashboard.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(title="Tableau de bord", figures=dashboard_figures(), **kwargs)


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True
    extra_context = {"title": "Connexion à l'espace équipe"}


class LogoutView(auth_views.LogoutView):
    pass


class StaticPageView(TemplateView):
    title = ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=self.title,
            legal=settings.MAILLAGE_LEGAL,
            retention_years=settings.MAILLAGE_RETENTION_YEARS,
            **kwargs,
        )
