from django.urls import NoReverseMatch, reverse

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
