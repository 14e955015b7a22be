import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

USERNAME = "equipe"


class Command(BaseCommand):
    help = "Crée (si besoin) le compte de l'équipe et affiche ses identifiants de connexion."

    def add_arguments(self, parser):
        parser.add_argument("--username", default=USERNAME)

    def handle(self, *args, **options):
        username = options["username"]
        login_file = settings.VAR_DIR / f"identifiants-{username}.txt"
        user, created = get_user_model().objects.get_or_create(
            username=username,
            defaults={
                "first_name": "Équipe",
                "last_name": "du centre",
                "is_staff": True,
                "is_superuser": True,
            },
        )
        password = login_file.read_text(encoding="utf-8").strip() if login_file.exists() else ""
        if created or not password or not user.check_password(password):
            password = secrets.token_urlsafe(12)
            user.set_password(password)
            user.is_staff = user.is_superuser = user.is_active = True
            user.save()
            login_file.write_text(password, encoding="utf-8")
            login_file.chmod(0o600)
        self.stdout.write(
            self.style.SUCCESS(f"Compte de l'équipe — identifiant : {username} — mot de passe : {password}")
        )
