"""The emails sent to people who register: plain text and HTML, in French, with an .ics when useful.

Each message names the session(s), the person's status, a cancellation link for every registration still
active and, when the directory offers it, the unsubscribe link for the purpose "evenements".
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation

from maillage.participation import ics, links
from maillage.participation.models import Registration

Status = Registration.Status


@dataclass(frozen=True)
class Kind:
    subject: str
    intro: str
    calendar: bool = False  # attach the confirmed sessions as an .ics


KINDS = {
    "confirmation": Kind(
        "Inscription confirmée : {title}",
        "Votre inscription est enregistrée. Voici le récapitulatif ; le fichier joint ajoute la date à votre agenda.",
        calendar=True,
    ),
    "pending": Kind(
        "Inscription reçue : {title}",
        "Nous avons bien reçu votre demande d'inscription. L'équipe la valide et vous écrit dès que c'est fait.",
    ),
    "waiting": Kind(
        "Liste d'attente : {title}",
        "La séance est complète : vous êtes inscrit·e sur la liste d'attente. Si une place se libère, "
        "elle vous est attribuée dans l'ordre d'inscription et nous vous prévenons aussitôt.",
    ),
    "promoted": Kind(
        "Une place s'est libérée : {title}",
        "Bonne nouvelle : une place s'est libérée et vous quittez la liste d'attente.",
        calendar=True,
    ),
    "approved": Kind(
        "Inscription validée : {title}",
        "L'équipe a validé votre inscription. Le fichier joint ajoute la date à votre agenda.",
        calendar=True,
    ),
    "rejected": Kind(
        "Inscription non retenue : {title}",
        "L'équipe n'a pas pu retenir votre inscription à cette séance. N'hésitez pas à consulter l'agenda "
        "pour les prochaines dates.",
    ),
    "reminder": Kind(
        "Rappel : {title}, {date}",
        "Nous vous retrouvons bientôt. Si vous ne pouvez plus venir, merci d'annuler votre inscription : "
        "votre place ira à une personne en liste d'attente.",
        calendar=True,
    ),
    "cancelled": Kind(
        "Annulation enregistrée : {title}",
        "Votre annulation est enregistrée. Merci de nous avoir prévenus : votre place est proposée à la "
        "liste d'attente.",
    ),
    "cancelled_by_staff": Kind(
        "Inscription annulée : {title}",
        "L'équipe a annulé votre inscription à cette séance. Pour toute question, répondez à ce message.",
    ),
}


def session_title(session) -> str:
    return session.title or session.action.title


def _context(kind: Kind, registrations: list[Registration]) -> dict:
    person = registrations[0].person
    items = []
    for registration in registrations:
        session = registration.session
        items.append(
            {
                "registration": registration,
                "session": session,
                "title": session_title(session),
                "place": ics.location(session, private=True),
                "cancel_url": links.cancel_url(registration) if registration.is_active else "",
                "page_url": links.absolute(session.get_public_url()),
            }
        )
    action = registrations[0].session.action
    return {
        "person": person,
        "intro": kind.intro,
        "items": items,
        "is_cycle": len(registrations) > 1,
        "action": action,
        "unsubscribe_url": links.unsubscribe_url(person),
        "site_url": settings.SITE_URL.rstrip("/"),
        "agenda_url": links.absolute("/agenda/"),
    }


def build_message(kind_name: str, registrations: list[Registration]) -> EmailMultiAlternatives:
    kind = KINDS[kind_name]
    first = registrations[0]
    with translation.override("fr"):
        context = _context(kind, registrations)
        if len(registrations) > 1:
            title = f"cycle « {first.session.action.title} »"
        else:
            title = session_title(first.session)
        date = timezone.localtime(first.session.starts_at).strftime("%d/%m/%Y")
        subject = kind.subject.format(title=title, date=date)
        text = render_to_string("participation/emails/message.txt", context)
        html = render_to_string("participation/emails/message.html", context | {"subject": subject})
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[first.person.email],
    )
    message.attach_alternative(html, "text/html")
    if context["unsubscribe_url"]:
        message.extra_headers["List-Unsubscribe"] = f"<{context['unsubscribe_url']}>"
    confirmed = [r.session for r in registrations if r.status == Status.CONFIRMED]
    if kind.calendar and confirmed:
        message.attach(
            "invitation.ics", ics.calendar(confirmed, private=True), "text/calendar; charset=utf-8"
        )
    return message


def send(kind_name: str, registration_ids: list[int]) -> int:
    """Send one email about these registrations (one person). Returns the number of messages sent."""
    registrations = list(
        Registration.objects.filter(pk__in=registration_ids)
        .select_related("person", "session__action", "session__commune")
        .order_by("session__date", "session__start_time")
    )
    if not registrations or not registrations[0].person.email:
        return 0
    sent = build_message(kind_name, registrations).send()
    if kind_name in ("confirmation", "pending", "waiting"):
        Registration.objects.filter(pk__in=[r.pk for r in registrations]).update(
            confirmation_sent_at=timezone.now()
        )
    return sent
