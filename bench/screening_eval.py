"""Evaluate screening on a labelled JSON Lines file.

Usage: python bench/screening_eval.py FILE [--verbose]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from voice.screening.evaluation import evaluate, load_records  # noqa: E402


def main(argv: list[str]) -> int:
    if not argv:
        print("usage: screening_eval.py FILE [--verbose]", file=sys.stderr)
        return 2
    verbose = "--verbose" in argv
    path = Path([a for a in argv if a != "--verbose"][0])
    records = load_records(path)
    report = evaluate(records, verbose=verbose)
    print(f"file: {path} ({len(records)} items)")
    for line in report.lines():
        print(line)
    print(f"meets targets: {'yes' if report.meets_targets() else 'no'}")
    for error in report.errors:
        print("  " + error)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
