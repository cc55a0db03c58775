"""Screening's second opinion: the features, the linear models, how the screener uses them, and
that the packaged weights are what the training code makes from the training texts."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from voice.screening.model import (
    MODEL_FILE,
    LinearModel,
    SecondOpinion,
    default_second_opinion,
    features,
    function_words,
    load_second_opinion,
)
from voice.screening.normalise import normalise
from voice.screening.screener import WORDING_CATEGORY, Screener, lexicon_level
from voice.screening.training import TRAINING_DIR
from voice.screening.training import main as train_main

LEVELS = {"none", "concern", "urgent"}


def _model(weights: dict[str, float], bias: float = -3.0, threshold: float = 0.5) -> LinearModel:
    return LinearModel(bias=bias, weights=weights, threshold=threshold)


def _opinion(flag_words: dict[str, float], urgent_words: dict[str, float]) -> SecondOpinion:
    return SecondOpinion(flag=_model(flag_words), urgent=_model(urgent_words))


# --- features ------------------------------------------------------------------------


def test_features_are_words_pairs_and_beginnings_of_long_words() -> None:
    found = features(" nobody comes home at night ")
    assert {"nobody", "comes", "home", "night"} <= found
    assert {"nobody comes", "comes home", "home at", "at night"} <= found
    assert "<nobod" in found
    assert not any(feature.startswith("<") and feature[1:] in {"comes", "home", "night"} for feature in found)


def test_function_words_count_only_beside_a_word_that_says_something() -> None:
    found = features(" she says he is at home ")
    assert found.isdisjoint({"she", "says", "he", "is", "at", "she says", "says he", "he is", "is at"})
    assert {"home", "at home"} <= found


def test_function_words_are_kept_as_normalisation_writes_them() -> None:
    assert {"i", "my", "nie", "hai", "في"} <= function_words()
    assert "mum" not in function_words()


def test_features_come_from_the_normalised_text_so_spelling_does_not_matter() -> None:
    assert features(normalise("Nobody's HOME, ever!!")) == features(normalise("nobodys home ever"))


def test_features_of_empty_text() -> None:
    assert features(normalise("")) == set()


# --- the models ----------------------------------------------------------------------


def test_probability_is_the_logistic_of_bias_plus_weights_present() -> None:
    model = _model({"alone": 1.5, "again": 0.5}, bias=-1.0)
    assert model.probability(set()) == pytest.approx(1 / (1 + math.exp(1.0)))
    assert model.probability({"alone", "again", "unknown"}) == pytest.approx(1 / (1 + math.exp(-1.0)))


def test_says_yes_at_or_above_its_threshold() -> None:
    assert _model({"x": 3.0}, bias=0.0, threshold=0.95).says_yes({"x"})
    assert not _model({"x": 2.0}, bias=0.0, threshold=0.95).says_yes({"x"})


def test_very_low_scores_do_not_overflow() -> None:
    assert _model({}, bias=-5000.0).probability(set()) == 0.0


def test_level_needs_the_flag_model_before_the_urgent_one() -> None:
    opinion = _opinion({"alone": 5.0}, {"alone": 5.0, "tonight": 5.0})
    assert opinion.level(" alone ") == "urgent"
    assert opinion.level(" tonight ") == "none"
    assert _opinion({"alone": 5.0}, {"tonight": 5.0}).level(" alone ") == "concern"


def test_round_trip_through_a_file(tmp_path: Path) -> None:
    opinion = _opinion({"alone": 1.25}, {"now": 2.5})
    path = tmp_path / "model.json"
    path.write_text(json.dumps(opinion.to_dict()), encoding="utf-8")
    assert load_second_opinion(path) == opinion


# --- in the screener -----------------------------------------------------------------


def test_the_second_opinion_raises_a_level_the_word_lists_missed() -> None:
    screener = Screener(second_opinion=_opinion({"fizzbuzz": 6.0}, {}))
    result = screener.screen("my uncle does the fizzbuzz thing when mum is out")
    assert result.level == "concern"
    assert WORDING_CATEGORY in result.categories
    assert any("no listed phrase" in reason for reason in result.reasons)


def test_the_second_opinion_can_raise_concern_to_urgent() -> None:
    text = "i get bullied at school every day coz of my accent"
    plain = Screener(second_opinion=_opinion({}, {})).screen(text)
    assert plain.level == "concern"
    raised = Screener(second_opinion=_opinion({"bullied": 6.0}, {"bullied": 6.0})).screen(text)
    assert raised.level == "urgent"
    assert raised.reasons[0].startswith("possible disclosure in other words (urgent)")
    assert set(plain.reasons) < set(raised.reasons)


def test_the_second_opinion_never_lowers_what_the_word_lists_found() -> None:
    screener = Screener(second_opinion=_opinion({"hits": -50.0}, {"hits": -50.0}))
    result = screener.screen("my stepdad hits me")
    assert result.level == "urgent"
    assert WORDING_CATEGORY not in result.categories


def test_the_second_opinion_does_not_make_a_negated_phrase_urgent() -> None:
    screener = Screener(second_opinion=_opinion({"kill": 9.0}, {"kill": 9.0}))
    result = screener.screen("i dont want to kill myself")
    assert result.level == "concern"
    assert "please check" in result.reasons[0]


def test_no_reason_is_added_when_the_word_lists_already_said_as_much() -> None:
    screener = Screener(second_opinion=_opinion({"hits": 6.0}, {"hits": 6.0}))
    assert WORDING_CATEGORY not in screener.screen("my stepdad hits me").categories


def test_lexicon_level_ignores_the_second_opinion() -> None:
    assert lexicon_level("my stepdad hits me") == "urgent"
    assert lexicon_level("the buses are always late") == "none"


# --- the packaged model --------------------------------------------------------------


def test_the_packaged_model_loads_with_thresholds_that_lean_away_from_ordinary_text() -> None:
    opinion = default_second_opinion()
    for model in (opinion.flag, opinion.urgent):
        assert 0.5 <= model.threshold < 1.0
        assert len(model.weights) > 1_000
    assert opinion.level(normalise("")) == "none"


def test_every_training_line_is_labelled_in_the_evaluation_format() -> None:
    files = sorted(TRAINING_DIR.glob("*.jsonl"))
    assert files
    locales: set[str] = set()
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            assert set(record) == {"text", "locale", "safeguarding", "pii"}, path
            assert record["safeguarding"] in LEVELS, record
            assert record["text"].strip(), path
            locales.add(record["locale"])
    assert locales == {"en", "pl", "ur", "ar", "ro"}


def test_the_packaged_model_is_what_the_training_code_makes(tmp_path: Path) -> None:
    """Retrained from ``training/``, the models match the packaged file. A different
    scikit-learn or processor may round a few weights the other way, so weights may differ by
    a rounding step and a weight next to the smallest kept may come or go; anything more means
    the data or the code changed without the file being made again."""
    pytest.importorskip("sklearn")
    out = tmp_path / "model.json"
    assert train_main(["--out", str(out)]) == 0
    made = load_second_opinion(out)
    packaged = load_second_opinion(MODEL_FILE)
    for new, old in ((made.flag, packaged.flag), (made.urgent, packaged.urgent)):
        assert new.threshold == pytest.approx(old.threshold, abs=0.002)
        assert new.bias == pytest.approx(old.bias, abs=0.002)
        changed = set(new.weights) ^ set(old.weights)
        assert all(abs(new.weights.get(key, 0.0) + old.weights.get(key, 0.0)) < 0.05 for key in changed)
        assert len(changed) <= len(old.weights) // 1000
        common = set(new.weights) & set(old.weights)
        assert max(abs(new.weights[key] - old.weights[key]) for key in common) <= 0.002
