"""Where each official file comes from: the data directory setting, or a download."""

import hashlib
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

MAX_DOWNLOAD_BYTES = 50 * 1024 * 1024


class SourceError(Exception):
    pass


@dataclass(frozen=True)
class Source:
    filename: str
    publisher_url: str  # documentation: the publisher's page for the original data


def read_source(
    source: Source, data_dir: Path | None = None, base_url: str | None = None
) -> tuple[bytes, str]:
    """The file's bytes and where they came from.

    Read from `data_dir` (setting MAILLAGE_DATA_DIR, default ../shared/data) when the file is there,
    else downloaded from `base_url` (setting MAILLAGE_DATA_BASE_URL) + file name.
    """
    data_dir = data_dir if data_dir is not None else settings.MAILLAGE_DATA_DIR
    base_url = base_url if base_url is not None else settings.MAILLAGE_DATA_BASE_URL
    if data_dir is not None:
        path = Path(data_dir) / source.filename
        if path.is_file():
            return path.read_bytes(), str(path)
    if not base_url:
        raise SourceError(
            f"Fichier {source.filename} introuvable : ni dans le répertoire de données "
            f"({data_dir or 'non configuré'}, réglage MAILLAGE_DATA_DIR), ni d'adresse de téléchargement "
            f"(réglage MAILLAGE_DATA_BASE_URL). Données d'origine : {source.publisher_url}"
        )
    url = base_url.rstrip("/") + "/" + source.filename
    if not url.startswith(("http://", "https://")):
        raise SourceError(f"Adresse de téléchargement non prise en charge : {url}")
    try:
        with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 (scheme checked above)
            data = response.read(MAX_DOWNLOAD_BYTES + 1)
    except OSError as exc:
        raise SourceError(f"Téléchargement impossible de {url} : {exc}") from exc
    if len(data) > MAX_DOWNLOAD_BYTES:
        raise SourceError(f"{url} dépasse la taille maximale de {MAX_DOWNLOAD_BYTES // 1_048_576} Mo.")
    return data, url


def checksum(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
