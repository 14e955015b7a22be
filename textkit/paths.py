"""Where the toolkit finds its inputs and keeps its built artefacts.

Everything is overridable by environment variables so that the library can run outside the checkout:

- ``TEXTKIT_CACHE_DIR``: built knowledge (lexicon, language model) and evaluation pairs.
  Default: ``<repo>/var/textkit``.
- ``TEXTKIT_CORPUS_DIR``: clean French prose used to train the language model.
  Default: ``<repo>/../shared/data/corpus_fr``.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent
DATA_DIR = PACKAGE_DIR / "data"
HUNSPELL_DIRS = (Path("/usr/share/hunspell"), Path("/usr/share/myspell/dicts"))
FONT_DIRS = (Path("/usr/share/fonts/truetype/liberation"), Path("/usr/share/fonts/truetype/dejavu"))


def cache_dir() -> Path:
    return Path(os.environ.get("TEXTKIT_CACHE_DIR") or REPO_DIR / "var" / "textkit")


def corpus_dir() -> Path:
    return Path(os.environ.get("TEXTKIT_CORPUS_DIR") or REPO_DIR.parent / "shared" / "data" / "corpus_fr")


def bench_dir() -> Path:
    return REPO_DIR / "var" / "bench"
