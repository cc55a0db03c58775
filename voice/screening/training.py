"""Train the second-opinion models (``model.py``) from the labelled texts in ``training/``.

Usage: python -m voice.screening.training [--check] [--out FILE]

Needs scikit-learn (the ``train`` extra, also in ``test``); the app itself does not.
Each ``training/*.jsonl`` line is ``{"text", "locale", "safeguarding", "pii"}``, the format of
``bench/screening_eval.py``. The texts were written for training by people who had not seen the
word lists, in all five languages, with ordinary feedback that uses alarming words harmlessly
("I killed it at football") among the ``none`` texts.

How the thresholds are chosen: each file is one writer's texts, and cross-validation leaves
one file out at a time, so every training text gets a score from a model that never saw its
writer (the threshold must hold for people the models never read). The word lists are run on
the same texts. The ``flag`` threshold is the lowest at which the model adds a flag to at most
``FLAG_BUDGET`` of the ``none`` texts the word lists left alone; the ``urgent`` threshold the
lowest at which it calls at most ``URGENT_BUDGET`` of the ``concern`` texts "urgent" when the
word lists did not. Neither is ever below 0.5 (the model must think it more likely than not)
or above 0.99; training says so when either limit decides. ``--check`` retrains and fails if
the packaged file differs, so the file in the repository is what this code makes from this
data.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from voice.screening.model import MODEL_FILE, LinearModel, SecondOpinion, features
from voice.screening.normalise import normalise

TRAINING_DIR = Path(__file__).parent / "training"
#: Of the ``none`` texts the word lists leave alone, the share the model may flag.
FLAG_BUDGET = 0.04
#: Of the ``concern`` texts, the share the model may call urgent on its own.
URGENT_BUDGET = 0.1
#: L2 regularisation strength (scikit-learn's ``C``; smaller is stronger).
STRENGTH = 0.5
#: Weights smaller than this are dropped from the file: they cannot move a score enough to matter.
SMALLEST_WEIGHT = 0.02
DIGITS = 3
LOWEST, HIGHEST = 0.5, 0.99


@dataclass(frozen=True)
class Example:
    norm: str
    label: str
    lexicon_level: str
    #: The file it came from: one writer.
    writer: str


def load_examples(directory: Path = TRAINING_DIR) -> list[Example]:
    from voice.screening.screener import lexicon_level

    examples: list[Example] = []
    for path in sorted(directory.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            record = json.loads(line)
            text = str(record["text"])
            label = str(record["safeguarding"])
            examples.append(Example(normalise(text), label, lexicon_level(text), path.stem))
    if len({example.writer for example in examples}) < 2:
        raise SystemExit(
            f"Training needs labelled texts from at least two files in {directory}: they are in the "
            "source repository, not in an installed package."
        )
    return examples


def _fit(norms: Sequence[str], targets: Sequence[int]) -> tuple[float, dict[str, float]]:
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression

    vectoriser = CountVectorizer(analyzer=features, binary=True, lowercase=False, max_df=0.1)
    matrix = vectoriser.fit_transform(norms)
    model = LogisticRegression(C=STRENGTH, max_iter=2000, solver="liblinear", random_state=0)
    model.fit(matrix, targets)
    names = vectoriser.get_feature_names_out()
    weights = {
        str(name): round(float(weight), DIGITS)
        for name, weight in zip(names, model.coef_[0], strict=True)
        if abs(weight) >= SMALLEST_WEIGHT
    }
    return round(float(model.intercept_[0]), DIGITS), weights


def _out_of_fold(examples: Sequence[Example], targets: Sequence[int]) -> list[float]:
    """Each text's score from a model trained on the other writers' texts."""
    scores = [0.0] * len(examples)
    for writer in sorted({example.writer for example in examples}):
        train = [i for i, example in enumerate(examples) if example.writer != writer]
        bias, weights = _fit([examples[i].norm for i in train], [targets[i] for i in train])
        model = LinearModel(bias, weights, 0.5)
        for i, example in enumerate(examples):
            if example.writer == writer:
                scores[i] = model.probability(features(example.norm))
    return scores


def _lowest_threshold(scores: Sequence[float], budget: float, name: str) -> float:
    """The lowest threshold at which at most ``budget`` of ``scores`` are above it, kept
    between ``LOWEST`` and ``HIGHEST``."""
    ranked = sorted(scores, reverse=True)
    allowed = int(budget * len(ranked))
    above = ranked[allowed] if allowed < len(ranked) else 0.0
    wanted = round(above + 0.1**DIGITS, DIGITS)
    if not LOWEST <= wanted <= HIGHEST:
        print(f"{name}: the budget asks for {wanted}; using {min(max(wanted, LOWEST), HIGHEST)}")
    return min(max(wanted, LOWEST), HIGHEST)


def train(examples: Sequence[Example]) -> SecondOpinion:
    norms = [example.norm for example in examples]
    flagged = [int(example.label != "none") for example in examples]
    urgent = [int(example.label == "urgent") for example in examples]
    flag_scores = _out_of_fold(examples, flagged)
    urgent_scores = _out_of_fold(examples, urgent)
    quiet_none = [
        score
        for score, example in zip(flag_scores, examples, strict=True)
        if example.label == "none" and example.lexicon_level == "none"
    ]
    concern = [
        score
        for score, example in zip(urgent_scores, examples, strict=True)
        if example.label == "concern" and example.lexicon_level != "urgent"
    ]
    flag_bias, flag_weights = _fit(norms, flagged)
    urgent_bias, urgent_weights = _fit(norms, urgent)
    return SecondOpinion(
        flag=LinearModel(flag_bias, flag_weights, _lowest_threshold(quiet_none, FLAG_BUDGET, "flag")),
        urgent=LinearModel(urgent_bias, urgent_weights, _lowest_threshold(concern, URGENT_BUDGET, "urgent")),
    )


def _dump(opinion: SecondOpinion) -> str:
    return json.dumps(opinion.to_dict(), ensure_ascii=False, indent=0, sort_keys=True) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="fail if the packaged model differs")
    parser.add_argument("--out", type=Path, default=MODEL_FILE)
    args: Any = parser.parse_args(argv)
    made = _dump(train(load_examples()))
    if args.check:
        same = args.out.exists() and args.out.read_text(encoding="utf-8") == made
        print("model is up to date" if same else f"{args.out} differs from what the training data makes")
        return 0 if same else 1
    args.out.write_text(made, encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
