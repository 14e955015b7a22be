"""Staff pages of actions: detail, create and edit, status changes with their cause, partners."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import CreateView, DetailView, FormView, UpdateView

from maillage.core.permissions import StaffRequiredMixin
from maillage.programme.forms import ActionForm, PartnerForm, StatusForm
from maillage.programme.models import Action, ActionPartner, Programme
from maillage.programme.views import crumbs


class ActionDetailView(StaffRequiredMixin, DetailView):
    queryset = Action.objects.select_related("programme__centre", "status_cause")
    template_name = "programme/action.html"

    def get_context_data(self, **kwargs):
        action = self.object
        return super().get_context_data(
            title=action.title,
            breadcrumb_data=crumbs(action.title, action.programme),
            sessions=action.sessions.all(),
            partners=action.actionpartner_set.select_related("organisation"),
            history=action.status_changes.select_related("cause", "changed_by"),
            status_form=StatusForm(initial={"status": action.status}),
            partner_form=PartnerForm(),
            **kwargs,
        )


class ActionCreateView(StaffRequiredMixin, CreateView):
    model = Action
    form_class = ActionForm
    template_name = "programme/form.html"

    def dispatch(self, request, *args, **kwargs):
        self.programme = get_object_or_404(Programme, pk=kwargs["programme_pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        title = "Nouvelle action"
        return super().get_context_data(title=title, breadcrumb_data=crumbs(title, self.programme), **kwargs)

    def form_valid(self, form):
        form.instance.programme = self.programme
        messages.success(self.request, "Action enregistrée.")
        return super().form_valid(form)


class ActionUpdateView(StaffRequiredMixin, UpdateView):
    model = Action
    form_class = ActionForm
    template_name = "programme/form.html"

    def get_context_data(self, **kwargs):
        title = f"Modifier « {self.object} »"
        return super().get_context_data(
            title=title, breadcrumb_data=crumbs(title, self.object.programme, self.object), **kwargs
        )

    def form_valid(self, form):
        messages.success(self.request, "Action enregistrée.")
        return super().form_valid(form)


class ActionStatusView(StaffRequiredMixin, FormView):
    form_class = StatusForm
    template_name = "programme/form.html"

    def dispatch(self, request, *args, **kwargs):
        self.action = get_object_or_404(Action, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"status": self.action.status}

    def get_context_data(self, **kwargs):
        title = f"Changer le statut de « {self.action} »"
        return super().get_context_data(
            title=title, breadcrumb_data=crumbs(title, self.action.programme, self.action), **kwargs
        )

    def form_valid(self, form):
        data = form.cleaned_data
        self.action.change_status(
            data["status"],
            cause=data["cause"],
            comment=data["comment"],
            postponed_to=data["postponed_to"],
            user=self.request.user,
        )
        messages.success(self.request, f"Statut : {self.action.get_status_display()}.")
        return redirect(self.action.get_absolute_url())


class ActionPartnerView(StaffRequiredMixin, FormView):
    form_class = PartnerForm
    template_name = "programme/form.html"

    def dispatch(self, request, *args, **kwargs):
        self.action = get_object_or_404(Action, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        title = f"Ajouter un partenaire à « {self.action} »"
        return super().get_context_data(
            title=title, breadcrumb_data=crumbs(title, self.action.programme, self.action), **kwargs
        )

    def form_valid(self, form):
        ActionPartner.objects.update_or_create(
            action=self.action,
            organisation=form.cleaned_data["organisation"],
            defaults={"role": form.cleaned_data["role"]},
        )
        messages.success(self.request, "Partenaire enregistré.")
        return redirect(self.action.get_absolute_url())
