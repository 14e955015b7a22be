"""The public session page, the busiest page of the registration form, served from its rendered HTML.

For anonymous visitors the page is rendered once per session, state and content version, then kept in
the shared cache. What differs between two visitors (the CSRF token, the form's submission key) and what
changes with every registration (the seats left) are holes in the cached HTML, filled on each request.
Any change to sessions, actions, themes or the site settings bumps the content version (signals below),
so a staff edit shows at once; entries also expire after `TTL` seconds.

Staff, bound forms (errors) and visitors with pending messages always get a fresh rendering.
"""

import time
import uuid

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from dsfr.models import DsfrConfig

from maillage.programme.models import Action, Session, Theme

TTL = 600
VERSION_KEY = "participation:public-pages:version"
# Holes: plain ASCII words that the templates' autoescaping leaves untouched.
CSRF_HOLE = "maillageholecsrftoken"
KEY_HOLE = "maillageholesubmissionkey"
SEATS_HOLE = "maillageholeseatsleft"


def content_version() -> int:
    """A number that changes with any change of the pages' content. When the cache lost it (evicted,
    cleared), it starts again from the clock, never from a value that older entries may carry."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(VERSION_KEY, 0)
    return version


@receiver([post_save, post_delete], sender=Session, dispatch_uid="participation_pages_session")
@receiver([post_save, post_delete], sender=Action, dispatch_uid="participation_pages_action")
@receiver([post_save, post_delete], sender=Theme, dispatch_uid="participation_pages_theme")
@receiver([post_save, post_delete], sender=DsfrConfig, dispatch_uid="participation_pages_site")
@receiver(m2m_changed, sender=Action.themes.through, dispatch_uid="participation_pages_themes")
def bump_content_version(**kwargs) -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not set yet, or evicted
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)


def can_serve_cached(request) -> bool:
    """For anonymous visitors without pending messages (the form of a GET is never bound)."""
    user = getattr(request, "user", None)
    return not (user and user.is_authenticated) and "messages" not in request.COOKIES


def render_session_page(request, template_name: str, context: dict, form_class):
    """The page for `context` (its `session` and seats state) with an empty `form_class` form, from the
    cache if possible (the form is only built on a miss)."""
    session = context["session"]
    state = ":".join(str(context[name]) for name in ("registration_open", "is_full", "requires_approval"))
    cycle = len(context.get("cycle_sessions") or ())
    key = f"participation:public-pages:session:{content_version()}:{session.pk}:{state}:{cycle}"
    html = cache.get(key)
    if html is None:
        form = form_class(initial={"submission_key": KEY_HOLE})
        hollow = context | {"form": form, "csrf_token": CSRF_HOLE, "seats_hole": SEATS_HOLE}
        html = render(request, template_name, hollow).content.decode()
        cache.set(key, html, TTL)
    seats = render_to_string(
        "participation/_seats_left.html", {"session": session, "seats_left": context["seats_left"]}
    )
    page = (
        html.replace(CSRF_HOLE, get_token(request))
        .replace(KEY_HOLE, str(uuid.uuid4()))
        .replace(SEATS_HOLE, seats.strip())
    )
    return HttpResponse(page)
