"""The OCR repair benchmark: generate pairs, repair the test set, score per level and per CER band."""

from __future__ import annotations

import json
import os
import time
from collections import defaultdict

from textkit import knowledge
from textkit.confusion import load_model
from textkit.corpus import iter_paragraphs
from textkit.engine import Repairer
from textkit.evaluation.generate import generate
from textkit.evaluation.render import LEVELS
from textkit.evaluation.score import Tally, cer
from textkit.evaluation.vocabulary import territorial_vocabulary
from textkit.paths import bench_dir

# CER bands of the targets (CER of the OCR text before repair, per paragraph).
BANDS = [
    ("light 1-8%", 0.01, 0.08, 0.50),
    ("moderate 10-20%", 0.10, 0.20, 0.35),
    ("heavy >=30%", 0.30, 10.0, 0.15),
    ("other <1% 8-10% 20-30%", None, None, None),
]
CLEAN_PARAGRAPHS = 400
HARM_LIMIT = 0.001
SPEED_TARGET = 20_000


def band_of(value: float) -> str:
    for name, low, high, _target in BANDS[:-1]:
        if low <= value < high:
            return name
    return BANDS[-1][0]


def evaluate(split: str = "test", workers: int | None = None, repairer: Repairer | None = None) -> dict:
    workers = workers or int(os.environ.get("TEXTKIT_OCR_WORKERS", "2"))
    started = time.monotonic()
    pairs = generate(split, workers=workers)
    generation_seconds = time.monotonic() - started
    repairer = repairer or Repairer(territorial_vocabulary(), knowledge.load(), load_model())
    by_level: dict[str, Tally] = defaultdict(Tally)
    by_band: dict[str, Tally] = defaultdict(Tally)
    chars = 0
    repair_seconds = 0.0
    for pair in pairs:
        begin = time.process_time()
        repaired = repairer.repair(pair["noisy"]).text
        repair_seconds += time.process_time() - begin
        chars += len(pair["noisy"])
        by_level[pair["level"]].add(pair["clean"], pair["noisy"], repaired)
        by_band[band_of(cer(pair["clean"], pair["noisy"]))].add(pair["clean"], pair["noisy"], repaired)
    clean = list(iter_paragraphs(split=split))[:CLEAN_PARAGRAPHS]
    clean_tally = Tally()
    changed = []
    for paragraph in clean:
        begin = time.process_time()
        repaired = repairer.repair(paragraph).text
        repair_seconds += time.process_time() - begin
        chars += len(paragraph)
        clean_tally.add(paragraph, paragraph, repaired)
        if repaired != paragraph:
            changed.append({"clean": paragraph, "repaired": repaired})
    levels = {name: by_level[name].summary() for name in LEVELS if name in by_level}
    bands = {}
    for name, _low, _high, target in BANDS:
        if name in by_band:
            bands[name] = by_band[name].summary() | {"target_reduction": target}
    return {
        "split": split,
        "clean": clean_tally.summary()
        | {"unchanged": len(clean) - len(changed), "changed_examples": changed[:5]},
        "levels": levels,
        "bands": bands,
        "speed_chars_per_second": chars / repair_seconds if repair_seconds else 0.0,
        "repaired_chars": chars,
        "generation_seconds": round(generation_seconds, 1),
    }


def table(results: dict) -> str:
    head = (
        f"{'group':<28} {'pairs':>5} {'CER before':>10} {'CER after':>9} {'reduction':>9} "
        f"{'ceiling':>7} {'WER before':>10} {'WER after':>9} {'harm':>7} {'target':>7} {'met':>4}"
    )
    lines = [head, "-" * len(head)]

    def row(name: str, s: dict, target: float | None, met: bool | None = None) -> str:
        # the targets: a CER reduction per band, a harm rate per degradation level, clean text
        # unchanged
        goal = f">={target:.0%}" if target is not None else ""
        if met is None:
            met = s["cer_reduction"] >= target if target is not None else s["harm_rate"] <= HARM_LIMIT
        return (
            f"{name:<28} {s['pairs']:>5} {s['cer_before']:>10.2%} {s['cer_after']:>9.2%} "
            f"{s['cer_reduction']:>9.1%} {s['ceiling']:>7.1%} {s['wer_before']:>10.2%} {s['wer_after']:>9.2%} "
            f"{s['harm_rate']:>7.3%} {goal:>7} {'yes' if met else 'NO':>4}"
        )

    for name, summary in results["levels"].items():
        lines.append(row(f"level {name}", summary, None))
    for name, summary in results["bands"].items():
        lines.append(row(f"band {name}", summary, summary["target_reduction"]))
    clean = results["clean"]
    lines.append(row("clean paragraphs", clean, None, met=clean["unchanged"] == clean["pairs"]))
    lines.append(f"clean paragraphs unchanged: {clean['unchanged']}/{clean['pairs']}")
    worst = max(results["levels"].values(), key=lambda summary: summary["harm_rate"])["harm_rate"]
    over = [
        f"{name} {summary['harm_rate']:.3%} ({summary['harmed_words']} words)"
        for name, summary in results["bands"].items()
        if summary["harm_rate"] > HARM_LIMIT
    ]
    lines.append(
        f"harm rate at every degradation level <= {HARM_LIMIT:.1%}: {'met' if worst <= HARM_LIMIT else 'NOT met'}"
        f" (max {worst:.3%}); CER bands above it: {', '.join(over) or 'none'}"
    )
    speed = results["speed_chars_per_second"]
    lines.append(
        f"speed: {speed:,.0f} characters/second (one core, CPU time; target 20,000: "
        f"{'met' if speed >= SPEED_TARGET else 'NOT met'})"
    )
    lines.append(
        "ceiling: CER reduction of an oracle that restores every OCR word within half its length in edits "
        "of the reference (textkit/evaluation/score.py)"
    )
    lines.append(f"pair generation: {results['generation_seconds']}s (0 when the cached pairs were reused)")
    return "\n".join(lines)


def main() -> int:
    from textkit.evaluation import scans

    repairer = Repairer(territorial_vocabulary(), knowledge.load(), load_model())
    results = evaluate(repairer=repairer)
    print(table(results))
    print("\nOCR of low-resolution scans (page rendering of the library, with and without smoothing):")
    results["scans"] = scans.evaluate(
        workers=int(os.environ.get("TEXTKIT_OCR_WORKERS", "2")), repairer=repairer
    )
    print(scans.table(results["scans"]))
    out = bench_dir() / "ocr.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"results written to {out}")
    return 0
