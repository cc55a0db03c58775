"""A second opinion for screening: two small linear models over words and word pairs.

The word lists (``lexicon.py``) find what someone foresaw. Children often say it another way
("he comes in my room when everyone's asleep", "nothing in for tea again"), so screening also
asks two logistic-regression models trained on labelled example texts
(``voice/screening/training/``, see ``training.py``):

* ``flag``: is this a possible safeguarding concern at all (``concern`` or ``urgent``)?
* ``urgent``: is a child at risk now?

Each model is a bias and a weight per feature. A feature is a word, a pair of neighbouring words
or the beginning of a long word of the *normalised* text (``normalise.py``: case, accents,
text-speak and misspellings already folded), so a text scores the same however it was typed.
The models can only **raise** a level, never lower what the word lists found, and each has a
threshold chosen when it was trained so that it rarely flags ordinary feedback. The reason
shown to the moderator says that the wording, not a listed phrase, raised the flag.

Pure standard library at run time: the weights are a JSON file read once.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from itertools import repeat
from pathlib import Path
from typing import Any

from voice.screening.lexicon import Level
from voice.screening.normalise import normalise

MODEL_FILE = Path(__file__).parent / "data" / "model.json"
#: Letters of a long word's beginning kept as a feature of its own, a rough stem: it catches
#: the other endings of a word (Polish and Romanian cases, English -ing and -ed) at little cost.
STEM = 5
#: Words that say how a sentence is built, not what it is about (pronouns, "is", "has",
#: "says", "and" ... in the five languages, as normalised). Alone, or paired with each other,
#: they would teach the models that anyone writing about themselves ("she says", "i do", "he is")
#: is disclosing something, so they are features only next to a word that is not one of them.
#: Polish "ma" (has) and Romanian "mă" (me) were read as "mum" before the thirteenth round, and
#: "mum" is in too many texts to be a feature; they are function words now.
_FUNCTION_WORDS = """
    a about after all also am an and any are as at be because been before being both but by can
    could did do does doing done every for from get gets got had has have having he her hers him
    his how i if in into is it its just me mine my myself no not now of on or our ours out over
    said say says she so some than that the their them then there these they this those to too
    up us very was we were what when where which who why will with would yes you your yours
    ja ty on ona ono my wy oni one mnie mi mna mój moja moje moj jest sa ma byl byla bylo jestem
    i a w we z ze na do o od po za sie nie tak to ten ta te tez ale czy jak bo kazdy kazda
    mowi mowil mowila powiedzial powiedziala
    eu tu el ea noi voi ei ele mă mie imi meu mea mei mele este sunt era si sau in la cu de pe din
    ca ce nu da sa se mai dar fiecare zice spune spus
    main mein hum tum aap woh wo yeh ye hai hain tha thi the ka ki ke ko se ne par aur ya bhi to
    nahi na kya ap hun hoon hu ho har kehta kehti kaha bola boli
    انا انت هو هي نحن انتم هم في من على الى عن مع و او ان لا ما هذا هذه ذلك كان كانت كل
    وانا وانت وهو وهي ونحن وهم وكان وكانت قال قالت يقول تقول
    میں ہم تم آپ وہ یہ ہے ہیں تھا تھی تھے کا کی کے کو سے نے پر اور یا بھی تو نہیں کیا ہوں ہر کہا
    """


@cache
def function_words() -> frozenset[str]:
    """``_FUNCTION_WORDS`` as normalisation writes them (Arabic letters unified, text-speak)."""
    return frozenset(word for raw in _FUNCTION_WORDS.split() for word in normalise(raw).split())


def features(norm: str) -> set[str]:
    """The features of normalised text (`` word word ``): its words, each pair of neighbouring
    words (``"a b"``) and the beginning of each long word (``"<begin"``), leaving out
    function words alone, their beginnings and pairs of them."""
    words = norm.split()
    function = function_words()
    found = {word for word in words if word not in function}
    found.update(
        first + " " + second
        for first, second in zip(words, words[1:], strict=False)
        if first not in function or second not in function
    )
    found.update(["<" + word[:STEM] for word in words if len(word) > STEM and word not in function])
    return found


@dataclass(frozen=True)
class LinearModel:
    """A logistic-regression model: ``bias`` plus one weight per feature present."""

    bias: float
    weights: Mapping[str, float]
    threshold: float

    def probability(self, found: Iterable[str]) -> float:
        # the same additions in the same order as a loop over ``found``, without its overhead
        total = self.bias + sum(map(self.weights.get, found, repeat(0.0)))
        if total < -30:
            return 0.0
        return 1.0 / (1.0 + math.exp(-total))

    def says_yes(self, found: Iterable[str]) -> bool:
        return self.probability(found) >= self.threshold

    def to_dict(self) -> dict[str, Any]:
        return {"bias": self.bias, "threshold": self.threshold, "weights": dict(sorted(self.weights.items()))}

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> LinearModel:
        weights = {str(key): float(value) for key, value in raw["weights"].items()}
        return cls(bias=float(raw["bias"]), weights=weights, threshold=float(raw["threshold"]))


@dataclass(frozen=True)
class SecondOpinion:
    """The two models. ``level`` is what they say about one normalised text."""

    flag: LinearModel
    urgent: LinearModel

    def level(self, norm: str) -> Level:
        found = features(norm)
        if not self.flag.says_yes(found):
            return "none"
        return "urgent" if self.urgent.says_yes(found) else "concern"

    def to_dict(self) -> dict[str, Any]:
        return {"flag": self.flag.to_dict(), "urgent": self.urgent.to_dict()}

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> SecondOpinion:
        return cls(flag=LinearModel.from_dict(raw["flag"]), urgent=LinearModel.from_dict(raw["urgent"]))


def load_second_opinion(path: Path) -> SecondOpinion:
    return SecondOpinion.from_dict(json.loads(path.read_text(encoding="utf-8")))


@cache
def default_second_opinion() -> SecondOpinion:
    """The packaged models, read once."""
    return load_second_opinion(MODEL_FILE)
