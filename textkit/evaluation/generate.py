"""Generate (noisy, clean) pairs: render corpus paragraphs as degraded scans and OCR them with Tesseract.

Each paragraph is set in 10-point type, scanned at its level's resolution and stored as a one-image PDF
page, then rendered at 300 dpi and read exactly as the library's ingestion renders and reads a scanned
page (``ocr_render.render_page``, then Tesseract with ``-l fra --dpi 300``). Seeded and deterministic:
the paragraphs are chosen by hash, each image by a seed derived from the paragraph, and Tesseract runs
single-threaded. Pairs are cached as JSON lines in
``<cache>/pairs/<split>.jsonl`` with a key of the generator settings; a changed setting regenerates them.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict
from pathlib import Path

from pypdf import PdfReader

from textkit import ocr, ocr_render
from textkit.corpus import iter_paragraphs
from textkit.evaluation.render import LEVELS, MASTER_DPI, TYPE_SIZE, scan
from textkit.extraction import Limits
from textkit.paths import cache_dir

GENERATOR_VERSION = 4
BATCH = 12  # images per Tesseract call (one model load per batch)
SIZES = {"dev": 500, "test": 200}  # paragraphs per level (dev: the confusion models are learned on it)


def select(split: str, per_level: int, min_len: int = 200, max_len: int = 650) -> list[tuple[str, str]]:
    """Choose ``per_level`` paragraphs for each level, by hash order, each paragraph used once."""
    paragraphs = [p for p in iter_paragraphs(split=split) if min_len <= len(p) <= max_len]
    paragraphs.sort(key=lambda p: hashlib.sha1(p.encode(), usedforsecurity=False).hexdigest())
    names = list(LEVELS)
    chosen = paragraphs[: per_level * len(names)]
    return [(names[i % len(names)], text) for i, text in enumerate(chosen)]


def seed_of(text: str, level: str) -> int:
    return int.from_bytes(
        hashlib.sha1(f"{level}\n{text}".encode(), usedforsecurity=False).digest()[:8], "big"
    )


def ocr_batch(items: list[tuple[str, str]]) -> list[str]:
    """Scan, render and OCR a batch of (level, clean) items as ingestion would; returns the OCR text of
    each, lines joined by spaces. One Tesseract run reads the whole batch (one model load)."""
    with tempfile.TemporaryDirectory(prefix="textkit-ocr-") as tmp:
        paths = []
        for number, (name, text) in enumerate(items):
            level, folder = LEVELS[name], Path(tmp) / f"{number:03d}"
            folder.mkdir()
            pdf = folder / "scan.pdf"
            scan(text, level, seed_of(text, name)).save(pdf, "PDF", resolution=level.scale * MASTER_DPI)
            page = PdfReader(pdf).pages[0]
            paths.append(str(ocr_render.render_page(pdf, page, 1, folder, ocr.DPI, Limits().max_pixels)))
        listing = Path(tmp) / "images.txt"
        listing.write_text("\n".join(paths) + "\n", encoding="utf-8")
        env = dict(os.environ, OMP_THREAD_LIMIT="1")
        result = subprocess.run(
            ["tesseract", str(listing), "stdout", "-l", ocr.LANG, "--dpi", str(ocr.DPI)],
            capture_output=True,
            check=True,
            env=env,
        )
    pages = result.stdout.decode("utf-8", errors="replace").split("\f")
    pages = (pages + [""] * len(items))[: len(items)]
    return [" ".join(line.strip() for line in page.splitlines() if line.strip()) for page in pages]


def settings_key(split: str, per_level: int) -> str:
    settings = {
        "version": GENERATOR_VERSION,
        "split": split,
        "per_level": per_level,
        "levels": {name: asdict(level) for name, level in LEVELS.items()},
        "type_size": TYPE_SIZE,
        "render_dpi": ocr.DPI,
    }
    return hashlib.sha1(json.dumps(settings, sort_keys=True).encode(), usedforsecurity=False).hexdigest()[:16]


def pairs_path(split: str) -> Path:
    return cache_dir() / "pairs" / f"{split}.jsonl"


def load_pairs(split: str) -> list[dict]:
    path = pairs_path(split)
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle][1:]


def generate(split: str, per_level: int | None = None, workers: int = 1, force: bool = False) -> list[dict]:
    """Return the cached pairs of ``split``, generating them when missing or stale."""
    per_level = per_level or SIZES[split]
    path = pairs_path(split)
    key = settings_key(split, per_level)
    if path.exists() and not force:
        with path.open(encoding="utf-8") as handle:
            header = json.loads(handle.readline() or "{}")
        if header.get("key") == key:
            return load_pairs(split)
    if shutil.which("tesseract") is None:
        raise RuntimeError("tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-fra)")
    items = select(split, per_level)
    batches = [items[i : i + BATCH] for i in range(0, len(items), BATCH)]
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            outputs = list(pool.map(ocr_batch, batches))
    else:
        outputs = [ocr_batch(batch) for batch in batches]
    noisy = [text for batch in outputs for text in batch]
    pairs = [
        {"level": level, "clean": clean, "noisy": ocr}
        for (level, clean), ocr in zip(items, noisy, strict=True)
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as handle:
        handle.write(json.dumps({"key": key, "count": len(pairs)}) + "\n")
        for pair in pairs:
            handle.write(json.dumps(pair, ensure_ascii=False) + "\n")
    tmp.replace(path)
    return pairs
