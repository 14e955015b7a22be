import time

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language
from dsfr.models import DsfrConfig

SITE_CONFIG_TTL = 60  # seconds; other processes see a change of the site settings within this delay
_site_config: dict[str, tuple[float, DsfrConfig | None]] = {}

PUBLIC_MENU = [
    ("Accueil", "core:home"),
    ("Agenda", "participation:agenda"),
    ("Ressources", "library:search"),
]
STAFF_MENU = [
    ("Tableau de bord", "core:dashboard"),
    ("Programme", "programme:index"),
    ("Bilan", "reporting:index"),
    ("Médiathèque", "library:staff_list"),
    ("Annuaire", "network:organisations"),
    ("Personnes", "network:people"),
    ("Territoires", "territory:index"),
]


def _resolve(entries):
    items = []
    for label, name in entries:
        try:
            items.append((label, reverse(name)))
        except NoReverseMatch:  # an app not installed in this deployment
            continue
    return items


def navigation(request):
    """Main menu and skip links, according to who is signed in."""
    items = _resolve(PUBLIC_MENU)
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.is_staff:
        items += _resolve(STAFF_MENU)
    path = request.path
    menu = [
        {"label": label, "url": url, "active": path == url or (url != "/" and path.startswith(url))}
        for label, url in items
    ]
    return {
        "main_menu": menu,
        "skiplinks_items": [
            {"link": "#content", "label": "Contenu"},
            {"link": "#navigation", "label": "Menu"},
            {"link": "#pied-de-page", "label": "Pied de page"},
        ],
    }


def site_config(request):
    """django-dsfr's `SITE_CONFIG` (header, footer, notice), read once a minute per process instead of
    once or twice per request. Saving the settings clears this process's copy at once."""
    language = get_language()
    now = time.monotonic()
    cached = _site_config.get(language)
    if cached is None or now - cached[0] > SITE_CONFIG_TTL:
        config = DsfrConfig.objects.filter(language=language).first() or DsfrConfig.objects.first()
        cached = _site_config[language] = (now, config)
    return {"SITE_CONFIG": cached[1]}


@receiver([post_save, post_delete], sender=DsfrConfig, dispatch_uid="maillage_site_config_cache")
def _forget_site_config(**kwargs):
    _site_config.clear()
