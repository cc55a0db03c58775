"""Rebuild the word lists behind ``language.py`` from wordfreq.

Usage: python -m voice.screening.vocabulary

Needs wordfreq (the ``train`` extra); the app itself does not. Writes, under
``voice/screening/data/vocabulary/``:

* ``screened/<code>.txt``: the ``SCREENED_WORDS`` commonest words of each language screening
  reads (English, Polish, Romanian, Arabic, Urdu);
* ``others/<code>.txt``: the ``OTHER_WORDS`` commonest words of other languages families in
  England write in and wordfreq covers, to recognise text in them.

Words are normalised as screening normalises text (``normalise.fold_word``), a word that folds
to several words gives each, and repeats are dropped, in order of frequency.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from voice.screening.language import SCREENED_LANGUAGES, VOCABULARY, language_name
from voice.screening.normalise import fold_word

SCREENED_WORDS = 20_000
OTHER_WORDS = 3_000
#: Languages wordfreq covers that use the Latin or Arabic script and that screening does not
#: read. (Other scripts are recognised by their letters alone.)
OTHER_LANGUAGES = (
    "ca", "cs", "da", "de", "es", "fa", "fi", "fil", "fr", "hu", "id", "it", "lt", "lv", "ms",
    "nb", "nl", "pt", "sh", "sk", "sl", "sv", "tr", "vi",
)  # fmt: skip
SOURCE = "wordfreq {version} (https://github.com/rspeer/wordfreq), data licensed CC BY-SA 4.0"

TopN = Callable[[str, int], list[str]]


def folded(words: Iterable[str]) -> list[str]:
    """The words as screening normalises them, each once, in their first order."""
    seen: dict[str, None] = {}
    for word in words:
        for part in fold_word(word).split():
            seen.setdefault(part, None)
    return list(seen)


def word_file(code: str, count: int, top_n: TopN, source: str) -> str:
    """The text of one vocabulary file."""
    header = [
        f"# The {count:,} commonest words of {language_name(code)} ({code}), normalised for screening.",
        f"# From {source}.",
        "# Made by python -m voice.screening.vocabulary; do not edit by hand.",
    ]
    return "\n".join([*header, *folded(top_n(code, count))]) + "\n"


def build(out: Path, top_n: TopN, source: str) -> list[Path]:
    """Write every vocabulary file under ``out``; return their paths."""
    written: list[Path] = []
    plan = [("screened", code, SCREENED_WORDS) for code in SCREENED_LANGUAGES]
    plan += [("others", code, OTHER_WORDS) for code in OTHER_LANGUAGES]
    for folder, code, count in plan:
        path = out / folder / f"{code}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(word_file(code, count, top_n, source), encoding="utf-8")
        written.append(path)
    return written


def main() -> None:  # pragma: no cover - needs wordfreq, which the app and tests do not install
    try:
        import wordfreq
    except ImportError:
        sys.exit("voice.screening.vocabulary needs wordfreq: pip install -e '.[train]'")
    from importlib.metadata import version

    def top_n(code: str, count: int) -> list[str]:
        return list(wordfreq.top_n_list(code, count))

    paths = build(VOCABULARY, top_n, SOURCE.format(version=version("wordfreq")))
    print(f"wrote {len(paths)} files under {VOCABULARY}")


if __name__ == "__main__":
    main()
