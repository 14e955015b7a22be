from datetime import datetime, time

from django.contrib import messages
from django.core import signing
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from maillage.network.consent import read_unsubscribe_token, record_consent, unsubscribe, withdraw_consent
from maillage.network.forms import ConsentForm
from maillage.network.models import Consent, Person
from maillage.network.views.common import NetworkPageMixin


class ConsentRecordView(NetworkPageMixin, View):
    def post(self, request, pk):
        person = get_object_or_404(Person.objects.not_anonymised(), pk=pk)
        form = ConsentForm(request.POST)
        if not form.is_valid():
            problems = [
                f"{form.fields[name].label} : {' '.join(errors)}" for name, errors in form.errors.items()
            ]
            messages.error(request, "Consentement non enregistré. " + " ".join(problems))
            return redirect(person)
        given_on = form.cleaned_data["given_on"]
        given_at = timezone.make_aware(datetime.combine(given_on, time(12))) if given_on else None
        consent, created = record_consent(
            person, form.cleaned_data["purpose"], form.cleaned_data["source"], given_at
        )
        label = consent.get_purpose_display()
        if created:
            messages.success(request, f"Consentement « {label} » enregistré.")
        else:
            messages.info(
                request,
                f"Le consentement « {label} » était déjà actif depuis le {consent.given_at:%d/%m/%Y}.",
            )
        return redirect(person)


class ConsentWithdrawView(NetworkPageMixin, View):
    def post(self, request, pk, purpose):
        person = get_object_or_404(Person, pk=pk)
        if purpose not in Consent.Purpose.values:
            return redirect(person)
        count = withdraw_consent(person, purpose)
        label = Consent.Purpose(purpose).label
        if count:
            messages.success(request, f"Consentement « {label} » retiré ; l'historique est conservé.")
        else:
            messages.info(request, f"Aucun consentement « {label} » actif à retirer.")
        return redirect(person)


@method_decorator(csrf_exempt, name="dispatch")
class UnsubscribeView(View):
    """Public page reached from an email. GET asks for confirmation (mail scanners follow links);
    POST withdraws the consent (also RFC 8058 one-click: the signed token is the credential)."""

    template_name = "network/unsubscribe.html"

    def get(self, request, token):
        try:
            person_id, purpose = read_unsubscribe_token(token)
        except signing.BadSignature:
            return self.invalid(request)
        person = Person.objects.filter(pk=person_id).first()
        already = person is None or not person.has_consent(purpose)
        return self.render(request, state="already" if already else "confirm", purpose=purpose)

    def post(self, request, token):
        try:
            _person, purpose, withdrawn = unsubscribe(token)
        except signing.BadSignature:
            return self.invalid(request)
        return self.render(request, state="done" if withdrawn else "already", purpose=purpose)

    def render(self, request, state, purpose, status=200):
        context = {
            "title": "Désinscription",
            "state": state,
            "purpose_label": Consent.Purpose(purpose).label if purpose else "",
        }
        return render(request, self.template_name, context, status=status)

    def invalid(self, request):
        return self.render(request, state="invalid", purpose="", status=400)
