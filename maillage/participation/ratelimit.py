"""At most N registration attempts per client address in a time window (Django's cache).

Settings (optional): `MAILLAGE_REGISTRATION_RATE = (10, 600)` (attempts, seconds; None disables it), and
`MAILLAGE_TRUST_X_FORWARDED_FOR = True` behind a reverse proxy that sets that header. With several
gunicorn workers the cache must be shared (database or Redis cache) for the limit to be exact.
"""

from django.conf import settings
from django.core.cache import cache

DEFAULT_RATE = (10, 600)
MESSAGE = (
    "Trop d'inscriptions ont été envoyées depuis votre connexion en peu de temps. "
    "Merci de réessayer dans quelques minutes, ou de nous écrire."
)


def client_address(request) -> str:
    if getattr(settings, "MAILLAGE_TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


def allow(request, scope: str = "registration") -> bool:
    """Count one attempt; False once the address went over the limit for the current window."""
    rate = getattr(settings, "MAILLAGE_REGISTRATION_RATE", DEFAULT_RATE)
    if not rate:
        return True
    limit, window = rate
    key = f"maillage:ratelimit:{scope}:{client_address(request)}"
    if cache.add(key, 1, timeout=window):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        return True
    return count <= limit
