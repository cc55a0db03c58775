"""Run uvicorn with cProfile ready (for ``bench/submit_path.py --profile FILE``).

Usage: python bench/_profiled_server.py APP [uvicorn options]. SIGUSR1 starts profiling,
SIGUSR2 stops it and writes the stats to ``$BENCH_PROFILE_OUT``, so only the timed phase is
profiled. cProfile sees the event-loop thread only: time aiosqlite spends in its own thread
shows up as waiting, not as SQLite work.
"""

from __future__ import annotations

import cProfile
import os
import signal
import sys
from pathlib import Path
from types import FrameType

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import uvicorn  # noqa: E402

PROFILE = cProfile.Profile()


def start(_signum: int, _frame: FrameType | None) -> None:
    PROFILE.enable()


def stop(_signum: int, _frame: FrameType | None) -> None:
    PROFILE.disable()
    PROFILE.dump_stats(os.environ["BENCH_PROFILE_OUT"])


def main() -> None:
    signal.signal(signal.SIGUSR1, start)
    signal.signal(signal.SIGUSR2, stop)
    uvicorn.main.main(args=sys.argv[1:], standalone_mode=False)


if __name__ == "__main__":
    main()
