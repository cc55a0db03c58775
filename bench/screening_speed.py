"""Screening throughput on one core: texts of about 300 characters per second.

The machine is shared, so wall-clock time is noisy.  The figure that counts
is CPU time of this process (``time.process_time()``) spent in the screening
loop, which runs on one core.  The loop is warmed up first (caches, compiled
data), then repeated for several rounds; the median and best are printed.

By default the texts are dense with details and disclosures in several languages (most are
urgent, which skips the second opinion and the language check). ``--ordinary`` uses ordinary
feedback instead: the texts labelled ``none`` in ``voice/screening/training/`` (all five
languages), joined to about 300 characters, which is what most of a takeover day looks like.

Usage: python bench/screening_speed.py [N] [--rounds R] [--ordinary]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from voice.screening import screen  # noqa: E402

TARGET = 2000
TRAINING = Path(__file__).resolve().parent.parent / "voice" / "screening" / "training"

FRAGMENTS = [
    "I like the youth club on Tuesdays and the staff actually listen to us.",
    "The buses are always late and the park has no lights in winter.",
    "CAMHS waiting lists are far too long, my friend waited a year.",
    "my step dad hits me when mum is at work and i dont want to go home",
    "i want to kill myself tonight nobody would care",
    "text me on 07700 900123 or email jade.r2009@example.com",
    "I live at 14 Harehills Lane LS8 4AB and the street lights are broken.",
    "Mr Patel at Leeds West Academy helped me loads with my GCSEs.",
    "there is no food in the house most days and mum sleeps all day",
    "mój tata mnie bije kiedy pije, boję się wracać do domu",
    "mera abbu mujhe marta hai aur ghar mein khana nahi hota",
    "أبي يضربني كل يوم ولا أشعر بالأمان",
    "tatăl meu mă bate și nu avem mâncare acasă",
    "I killed it at the football tournament, best day ever lol",
    "follow me on insta @kayla_xo_07 and snap me on jordy.b2010",
    "we need more free places to go in the evenings, tbh its boring",
    "older lads at the bus station give us free weed and then say we owe them",
    "school should teach us more about staying safe online and about money",
]


def ordinary_fragments() -> list[str]:
    """The training texts labelled ``none``: ordinary feedback in the five languages."""
    fragments = []
    for path in sorted(TRAINING.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and json.loads(line)["safeguarding"] == "none":
                fragments.append(json.loads(line)["text"])
    return fragments


def make_texts(n: int, seed: int = 7, fragments: list[str] = FRAGMENTS) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for _ in range(n):
        parts: list[str] = []
        while sum(len(p) + 1 for p in parts) < 300:
            parts.append(rng.choice(fragments))
        texts.append(" ".join(parts)[:320])
    return texts


def cpu_seconds(texts: list[str]) -> float:
    """CPU time of this process spent screening ``texts`` (one thread, one core)."""
    start = time.process_time()
    for text in texts:
        screen(text, "en")
    return time.process_time() - start


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=2000, help="texts per round (default 2000)")
    parser.add_argument("--rounds", type=int, default=7, help="timed rounds (default 7)")
    parser.add_argument("--ordinary", action="store_true", help="ordinary feedback, not disclosures")
    args = parser.parse_args(argv)
    fragments = ordinary_fragments() if args.ordinary else FRAGMENTS
    texts = make_texts(args.n, fragments=fragments)
    cpu_seconds(make_texts(max(200, args.n // 5), seed=1, fragments=fragments))  # warm up
    rates = [args.n / max(cpu_seconds(texts), 1e-9) for _ in range(args.rounds)]
    avg = sum(len(t) for t in texts) / len(texts)
    kind = "ordinary feedback" if args.ordinary else "dense with details and disclosures"
    print(f"{args.rounds} rounds of {args.n} texts ({kind}, average {avg:.0f} characters), after a warm-up")
    print("throughput in texts/second of CPU time (time.process_time) on one core, single thread:")
    print(f"  median {statistics.median(rates):,.0f}   best {max(rates):,.0f}   worst {min(rates):,.0f}")
    print(f"  target >= {TARGET:,}: {'met' if statistics.median(rates) >= TARGET else 'NOT met'} (median)")
    long_texts = ["a" * 20000, " ".join(texts)[:20000]]
    start = time.process_time()
    for text in long_texts:
        screen(text)
    print(f"two 20,000-character texts: {time.process_time() - start:.3f}s CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
