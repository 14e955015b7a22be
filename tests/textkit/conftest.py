"""Fixtures of the OCR repair tests: one Repairer for the session, on the cached knowledge.

The knowledge is built on first use into ``var/textkit`` (about 15 s) and reused afterwards. No database,
no network.
"""

import pytest

from textkit.corpus import iter_paragraphs
from textkit.evaluation.vocabulary import territorial_vocabulary


@pytest.fixture(scope="session")
def repairer():
    from textkit.engine import Repairer

    return Repairer()


@pytest.fixture(scope="session")
def domain_repairer():
    from textkit.engine import Repairer

    return Repairer(territorial_vocabulary())


@pytest.fixture(scope="session")
def test_paragraphs():
    paragraphs = [p for p in iter_paragraphs(split="test") if len(p) <= 800][:150]
    if not paragraphs:
        pytest.skip("corpus_fr is not available")
    return paragraphs
