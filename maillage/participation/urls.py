from django.urls import path

from maillage.participation.views import public, staff

app_name = "participation"
urlpatterns = [
    # Public (no account)
    path("agenda/", public.AgendaView.as_view(), name="agenda"),
    path("agenda/agenda.ics", public.AgendaFeedView.as_view(), name="agenda_ics"),
    path("agenda/seances/<int:pk>/", public.PublicSessionView.as_view(), name="public_session"),
    path("agenda/seances/<int:pk>/seance.ics", public.SessionFeedView.as_view(), name="session_ics"),
    path("agenda/cycles/<int:pk>/", public.PublicCycleView.as_view(), name="public_cycle"),
    path("inscriptions/confirmation/<str:key>/", public.ConfirmationView.as_view(), name="confirmation"),
    path("inscriptions/annuler/<str:key>/", public.CancelView.as_view(), name="cancel"),
    # Staff
    path(
        "programme/seances/<int:pk>/inscriptions/",
        staff.SessionRegistrationsView.as_view(),
        name="session_registrations",
    ),
    path(
        "programme/seances/<int:pk>/inscriptions/export.<str:fmt>",
        staff.SessionRegistrationsView.as_view(),
        name="session_export",
    ),
    path(
        "programme/seances/<int:pk>/inscriptions/ajouter/",
        staff.StaffRegisterView.as_view(),
        name="staff_register",
    ),
    path(
        "programme/seances/<int:pk>/inscriptions/liste-attente/",
        staff.PromoteWaitingView.as_view(),
        name="promote_waiting",
    ),
    path(
        "programme/actions/<int:pk>/inscriptions/",
        staff.ActionRegistrationsView.as_view(),
        name="action_registrations",
    ),
    path(
        "programme/actions/<int:pk>/inscriptions/export.<str:fmt>",
        staff.ActionRegistrationsView.as_view(),
        name="action_export",
    ),
    path(
        "programme/inscriptions/<int:pk>/organisation/",
        staff.ResolveOrganisationView.as_view(),
        name="resolve_organisation",
    ),
    path(
        "programme/inscriptions/<int:pk>/<slug:decision>/",
        staff.RegistrationDecisionView.as_view(),
        name="decide",
    ),
    path(
        "programme/inscriptions/a-rapprocher/", staff.OrganisationsToResolveView.as_view(), name="to_resolve"
    ),
]
