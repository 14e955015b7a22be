from django.urls import reverse


def navigation(request):
    """Main menu and skip links, according to who is signed in."""
    items = [("Accueil", reverse("core:home"))]
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.is_staff:
        items += [
            ("Tableau de bord", reverse("core:dashboard")),
            ("Territoires", reverse("territory:index")),
            ("Annuaire", reverse("network:organisations")),
            ("Personnes", reverse("network:people")),
        ]
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
