"""Screening throughput on one core: texts of about 300 characters per second.

Usage: python bench/screening_speed.py [N]
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from voice.screening import screen  # noqa: E402

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


def make_texts(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for _ in range(n):
        parts: list[str] = []
        while sum(len(p) + 1 for p in parts) < 300:
            parts.append(rng.choice(FRAGMENTS))
        texts.append(" ".join(parts)[:320])
    return texts


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else 5000
    texts = make_texts(n)
    screen("warm up the caches")
    start, cpu_start = time.perf_counter(), time.process_time()
    for text in texts:
        screen(text, "en")
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    avg = sum(len(t) for t in texts) / len(texts)
    print(f"screened {n} texts (average {avg:.0f} characters) in {elapsed:.2f}s wall, {cpu:.2f}s CPU")
    print(f"throughput: {n / elapsed:,.0f} texts/second wall clock, single thread")
    print(f"throughput: {n / cpu:,.0f} texts/second of CPU time on one core (target >= 2,000)")
    long_text = "a" * 20000
    start = time.perf_counter()
    screen(long_text)
    screen(" ".join(texts)[:20000])
    print(f"two 20,000-character texts: {time.perf_counter() - start:.3f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
