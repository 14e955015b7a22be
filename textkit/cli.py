"""``maillage-ocr``: repair OCR text line for line, rebuild the knowledge, run the benchmark."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path


def _repair(args: argparse.Namespace) -> int:
    from textkit.engine import Repairer

    vocabulary: list[str] = []
    for path in args.vocabulary or ():
        vocabulary.extend(Path(path).read_text(encoding="utf-8").splitlines())
    repairer = Repairer(vocabulary)
    data = sys.stdin.buffer.read().decode("utf-8", errors="replace")
    lines = data.split("\n")
    out = sys.stdout
    for number, line in enumerate(lines):
        ending = "\r" if line.endswith("\r") else ""
        result = repairer.repair(line[: len(line) - len(ending)])
        out.write(result.text + ending)
        if number < len(lines) - 1:
            out.write("\n")
        if args.edits:
            for edit in result.edits:
                record = {"line": number + 1, **edit.__dict__}
                print(json.dumps(record, ensure_ascii=False), file=sys.stderr)
    out.flush()
    return 0


def _build(args: argparse.Namespace) -> int:
    from textkit import confusion, knowledge, symbols, wordconfusion

    started = time.monotonic()
    if args.confusions:
        from textkit.evaluation.generate import generate

        pairs = generate("dev", workers=args.workers)
        table = confusion.learn((pair["noisy"], pair["clean"]) for pair in pairs)
        confusion.save(table)
        print(
            f"confusion model: {len(table)} rules from {len(pairs)} dev pairs -> {confusion.CONFUSIONS_FILE}"
        )
        readings = symbols.learn((pair["noisy"], pair["clean"]) for pair in pairs)
        symbols.save(readings)
        print(f"symbol readings: {len(readings)} -> {symbols.SYMBOLS_FILE}")
        words = wordconfusion.learn((pair["noisy"], pair["clean"]) for pair in pairs)
        wordconfusion.save(words)
        print(f"word confusions: {len(words)} pairs -> {wordconfusion.WORD_CONFUSIONS_FILE}")
    built = knowledge.build(Path(args.corpus) if args.corpus else None)
    path = knowledge.save(built)
    print(f"knowledge: {built.sources} -> {path}")
    print(f"built in {time.monotonic() - started:.1f}s")
    return 0


def _bench(_args: argparse.Namespace) -> int:
    from textkit.evaluation.bench import main as bench_main

    return bench_main()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="maillage-ocr", description="French OCR repair (textkit).")
    commands = parser.add_subparsers(dest="command", required=True)
    repair = commands.add_parser("repair", help="repair stdin to stdout, one paragraph per line")
    repair.add_argument("--vocabulary", action="append", metavar="FILE", help="domain words, one a line")
    repair.add_argument("--edits", action="store_true", help="also write the edits as JSON lines on stderr")
    repair.set_defaults(handler=_repair)
    build = commands.add_parser("build", help="rebuild the lexicon and language model (and confusions)")
    build.add_argument("--corpus", metavar="DIR", help="clean corpus directory (default: TEXTKIT_CORPUS_DIR)")
    build.add_argument("--confusions", action="store_true", help="relearn the confusion model from dev pairs")
    build.add_argument(
        "--workers", type=int, default=1, help="OCR processes when dev pairs must be generated"
    )
    build.set_defaults(handler=_build)
    bench = commands.add_parser("bench", help="run the evaluation (same as python -m textkit.evaluation)")
    bench.set_defaults(handler=_bench)
    args = parser.parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
