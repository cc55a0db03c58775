"""Train the second-opinion models (``model.py``) from the labelled texts in ``training/``.

Usage: python -m voice.screening.training [--check] [--out FILE]

Needs scikit-learn (the ``train`` extra, also in ``test``); the app itself does not.
Each ``training/*.jsonl`` line is ``{"text", "locale", "safeguarding", "pii"}``, the format of
``bench/screening_eval.py``. The texts were written for training by people who had not seen the
word lists, in all five languages, with ordinary feedback that uses alarming words harmlessly
("I killed it at football") among the ``none`` texts.

How the thresholds are chosen: five-fold cross-validation gives every training text a score
from a model that never saw it. The word lists are run on the same texts. The ``flag``
threshold is the lowest at which the model adds a flag to at most ``FLAG_BUDGET`` of the
``none`` texts the word lists left alone; the ``urgent`` threshold the lowest at which it
calls at most ``URGENT_BUDGET`` of the texts that are not urgent "urgent" when the word lists
did not. ``--check`` retrains and fails if the packaged file differs, so the file in the
repository is always what this code makes from this data.
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
#: Of the texts that are not urgent, the share the model may call urgent on its own.
URGENT_BUDGET = 0.04
#: L2 regularisation strength (scikit-learn's ``C``; smaller is stronger).
STRENGTH = 0.5
#: Weights smaller than this are dropped from the file: they cannot move a score enough to matter.
SMALLEST_WEIGHT = 0.02
FOLDS = 5
DIGITS = 3


@dataclass(frozen=True)
class Example:
    norm: str
    label: str
    lexicon_level: str


def load_examples(directory: Path = TRAINING_DIR) -> list[Example]:
    from voice.screening.screener import lexicon_level

    examples: list[Example] = []
    for path in sorted(directory.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            record = json.loads(line)
            text = str(record["text"])
            examples.append(Example(normalise(text), str(record["safeguarding"]), lexicon_level(text)))
    return examples


def _fit(norms: Sequence[str], targets: Sequence[int]) -> tuple[float, dict[str, float]]:
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression

    vectoriser = CountVectorizer(analyzer=features, binary=True, lowercase=False, max_df=0.1)
    matrix = vectoriser.fit_transform(norms)
    model = LogisticRegression(C=STRENGTH, max_iter=2000, solver="liblinear")
    model.fit(matrix, targets)
    names = vectoriser.get_feature_names_out()
    weights = {
        str(name): round(float(weight), DIGITS)
        for name, weight in zip(names, model.coef_[0], strict=True)
        if abs(weight) >= SMALLEST_WEIGHT
    }
    return round(float(model.intercept_[0]), DIGITS), weights


def _out_of_fold(norms: Sequence[str], targets: Sequence[int]) -> list[float]:
    """Each text's score from a model trained on the other folds."""
    scores = [0.0] * len(norms)
    for fold in range(FOLDS):
        train = [i for i in range(len(norms)) if i % FOLDS != fold]
        bias, weights = _fit([norms[i] for i in train], [targets[i] for i in train])
        model = LinearModel(bias, weights, 0.5)
        for i in range(fold, len(norms), FOLDS):
            scores[i] = model.probability(features(norms[i]))
    return scores


def _lowest_threshold(scores: Sequence[float], budget: float) -> float:
    """The lowest threshold at which at most ``budget`` of ``scores`` are at or above it."""
    if not scores:
        return 0.5
    ranked = sorted(scores, reverse=True)
    allowed = int(budget * len(ranked))
    above = ranked[allowed] if allowed < len(ranked) else 0.0
    return round(min(max(above + 0.1**DIGITS, 0.5), 0.99), DIGITS)


def train(examples: Sequence[Example]) -> SecondOpinion:
    norms = [example.norm for example in examples]
    flagged = [int(example.label != "none") for example in examples]
    urgent = [int(example.label == "urgent") for example in examples]
    flag_scores = _out_of_fold(norms, flagged)
    urgent_scores = _out_of_fold(norms, urgent)
    quiet_none = [
        score
        for score, example in zip(flag_scores, examples, strict=True)
        if example.label == "none" and example.lexicon_level == "none"
    ]
    not_urgent = [
        score
        for score, example in zip(urgent_scores, examples, strict=True)
        if example.label != "urgent" and example.lexicon_level != "urgent"
    ]
    flag_bias, flag_weights = _fit(norms, flagged)
    urgent_bias, urgent_weights = _fit(norms, urgent)
    return SecondOpinion(
        flag=LinearModel(flag_bias, flag_weights, _lowest_threshold(quiet_none, FLAG_BUDGET)),
        urgent=LinearModel(urgent_bias, urgent_weights, _lowest_threshold(not_urgent, URGENT_BUDGET)),
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
