"""Staff review of a file's page texts: what the OCR repair changed, and corrections by hand.

A correction is saved only if the page still has the text the form was opened with (a checksum travels
with the form): two people correcting the same page, or a form posted again after a later change, get a
French message instead of silently overwriting each other. The resource is reindexed in the same
transaction.
"""

import difflib
import hashlib
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from maillage.library.models import Page
from maillage.library.services import indexing


class PageConflict(Exception):
    """The page changed since the correction form was opened."""


@dataclass(frozen=True)
class Segment:
    before: str  # the raw OCR words
    after: str  # the words after repair (or correction)

    @property
    def changed(self) -> bool:
        return self.before != self.after


def checksum(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def word_diff(raw: str, text: str) -> list[Segment]:
    """Word-level segments of raw OCR text against the repaired text, unchanged runs merged."""
    before, after = raw.split(), text.split()
    segments: list[Segment] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for _tag, b0, b1, a0, a1 in matcher.get_opcodes():
        segments.append(Segment(" ".join(before[b0:b1]), " ".join(after[a0:a1])))
    return segments


def correct(page: Page, text: str, expected: str, user) -> bool:
    """Save ``text`` as the page's text; False when it was already that text (a form posted twice)."""
    text = text.replace("\r\n", "\n").strip()
    with transaction.atomic():
        # lock the page row only: the file and resource rows stay free for other staff edits
        current = (
            Page.objects.select_for_update(of=("self",)).select_related("file__resource").get(pk=page.pk)
        )
        if current.text == text:
            return False
        if checksum(current.text) != expected:
            raise PageConflict(
                "Cette page a été modifiée depuis l'ouverture du formulaire : rechargez-la avant de corriger."
            )
        current.text = text
        current.edited_at = timezone.now()
        current.edited_by = user
        current.save(update_fields=["text", "edited_at", "edited_by"])
        indexing.reindex([current.file.resource])
    page.text, page.edited_at, page.edited_by = current.text, current.edited_at, current.edited_by
    return True
