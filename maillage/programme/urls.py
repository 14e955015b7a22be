from django.urls import path

from maillage.programme import action_views, session_views, views

app_name = "programme"
urlpatterns = [
    path("", views.ProgrammeListView.as_view(), name="index"),
    path("nouveau/", views.ProgrammeCreateView.as_view(), name="programme_create"),
    path("calendrier/", session_views.CalendarView.as_view(), name="calendar"),
    path("<int:pk>/", views.ProgrammeDetailView.as_view(), name="programme"),
    path("<int:pk>/modifier/", views.ProgrammeUpdateView.as_view(), name="programme_update"),
    path("<int:pk>/vote/", views.ProgrammeVoteView.as_view(), name="programme_vote"),
    path("<int:pk>/revision/", views.ProgrammeReviseView.as_view(), name="programme_revise"),
    path(
        "<int:programme_pk>/actions/nouvelle/", action_views.ActionCreateView.as_view(), name="action_create"
    ),
    path("actions/<int:pk>/", action_views.ActionDetailView.as_view(), name="action"),
    path("actions/<int:pk>/modifier/", action_views.ActionUpdateView.as_view(), name="action_update"),
    path("actions/<int:pk>/statut/", action_views.ActionStatusView.as_view(), name="action_status"),
    path("actions/<int:pk>/partenaires/", action_views.ActionPartnerView.as_view(), name="action_partner"),
    path(
        "actions/<int:action_pk>/seances/nouvelle/",
        session_views.SessionCreateView.as_view(),
        name="session_create",
    ),
    path("seances/<int:pk>/", session_views.SessionDetailView.as_view(), name="session"),
    path("seances/<int:pk>/modifier/", session_views.SessionUpdateView.as_view(), name="session_update"),
]
