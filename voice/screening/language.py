"""Can screening read this text? A check for text in a language the word lists do not cover.

The word lists and the second opinion read English, Polish, Romanian, Arabic and Urdu (in
Urdu and Latin script, and Arabic written in Latin letters with digits, "Arabizi"). A child
may write in Somali, Portuguese, Kurdish, Farsi, Bengali or any other language. Screening
would find nothing there, and "nothing found" must not read as "nothing there": such a text is
marked so that a person reads it (or has it translated) first.

How it decides (after Unicode compatibility folding, so 𝓶𝔂 𝓭𝓪𝓭 is Latin):

1. **Script.** If half the letters or more are in scripts other than Latin and Arabic
   (Cyrillic, Devanagari, Bengali, Ethiopic, Chinese ...), screening cannot read it.
2. **Arabic script.** Letters that Arabic and Urdu do not use but Pashto, Sorani Kurdish,
   Sindhi or Uyghur do (``ټ``, ``ښ``, ``ێ``, ``ڕ``, ``ڻ`` ...) mark another language. Farsi
   shares its letters with Urdu, so the words decide: a text whose words are clearly more
   often among the commonest Farsi words than among the commonest Arabic or Urdu words.
3. **Latin script.** Two checks on the folded (not text-speak rewritten) words. A text whose
   words are clearly more often among the commonest words of another language
   (``data/vocabulary/others/``: Portuguese, Spanish, Turkish ...) than of any screened one,
   unless nearly every word is known anyway. And the share of words screening knows: the
   commonest words of its languages (``data/vocabulary/screened/``) and every word in its own
   data files (so Roman Urdu and Arabizi count); below ``MIN_KNOWN``, the text is unread.
   Arabizi (``3ala``, ``7elo``) is always read.

Very short texts (fewer than ``MIN_WORDS`` words, or ``MIN_LETTERS_OTHER_SCRIPT`` letters in
another script) are never marked: there is too little to tell. Word counts come from
wordfreq (``python -m voice.screening.vocabulary`` rebuilds the files; see
``data/vocabulary/README.md`` for the source and licence).
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from babel import Locale, UnknownLocaleError

from voice.screening.normalise import fold_word, fold_words

VOCABULARY = Path(__file__).parent / "data" / "vocabulary"
#: The languages screening reads, each with a list of its commonest words.
SCREENED_LANGUAGES = ("en", "pl", "ro", "ar", "ur")
#: Fewer words than this (Latin or Arabic script): never marked.
MIN_WORDS = 3
#: Fewer letters than this in another script: never marked ("Спасибо" is thanks; Chinese and
#: Japanese have no spaces to count words by).
MIN_LETTERS_OTHER_SCRIPT = 10
#: Fewer words than this: only the share of known words decides, not a comparison.
MIN_WORDS_TO_COMPARE = 4
#: Below this share of known words, a Latin-script text is unread.
MIN_KNOWN = 0.5
#: From this share of known words, a Latin-script text is read whatever else matches.
SURELY_KNOWN = 0.8
#: How many of each language's commonest words are compared (the same number for every
#: wordfreq list, so none wins by being longer). The lexicons' own words, which stand in for
#: Roman Urdu and Arabizi, are a longer list: close calls lean towards "read", the side that
#: opens no needless case.
COMPARE_WORDS = 3_000
#: How much more often another language's common words must match than a screened one's.
MARGIN = 0.1
#: A word as typed: letters, digits and marks, with apostrophes and hyphens inside.
_TOKEN = re.compile(r"[^\W_](?:[\w'’-]*[^\W_])?")
#: The share of a text's words that must be among another language's commonest words for the
#: moderator to be told it looks like that language (less, and the words only differ from
#: screening's more than from that language's: Somali is not Dutch).
NAME_SHARE = 0.5
#: Words with a digit used as a letter (Arabizi: 3 for ع, 7 for ح, 5 for خ, 9 for ق ...; not 2,
#: 4 or 8, which English text-speak uses too: "b4", "gr8"). A digit must have letters on both
#: sides ("ba5af") or start a word of letters ("3ala"); "7pm", "5th", "year9" are not Arabizi.
_ARABIZI = re.compile(r"[^\W\d_][35679][^\W\d_]|^[35679](?!(?:st|nd|rd|th|am|pm|hr|hrs)\b)[^\W\d_]{2}")
#: Of the words, the share that must look like Arabizi for the text to count as Arabic.
ARABIZI_SHARE = 0.1
#: Letters of Arabic-script languages that Arabic and Urdu do not write (Pashto, Sorani
#: Kurdish, Sindhi, Uyghur). Checked on the text as typed: normalising folds some away.
OTHER_ARABIC_LETTERS = frozenset("ټډړږښځڅۍېګڼەێۆڵڕٺٽٿڀٻڄڃڇڊڌڍڎڏڙڦڪڱڳڻۇۈۋ")
_OTHER_ARABIC = re.compile("[" + "".join(sorted(OTHER_ARABIC_LETTERS)) + "]")
#: Of the letters, how many of those make the text another language's.
OTHER_ARABIC_MIN = 2
#: Letter forms an Arabic keyboard types and Persian and Urdu keyboards do not (Arabic yeh,
#: kaf, alef maksura, teh marbuta), and the forms Persian and Urdu type instead or besides
#: (Farsi yeh, keheh, gaf, peh, tcheh, jeh; Urdu tteh, ddal, rreh, noon ghunna, yeh barree, heh
#: goal). See :func:`_typed_as_arabic`.
_ARABIC_FORMS = re.compile("[\u064a\u0643\u0649\u0629]")
_PERSIAN_URDU_FORMS = re.compile(
    "[\u06cc\u06a9\u06af\u067e\u0686\u0698\u0679\u0688\u0691\u06ba\u06d2\u06c1\u06c0\u06d3]"
)
#: Words Persian uses and Arabic does not, as an Arabic keyboard types them (Arabic yeh and kaf):
#: Persian typed on an Arabic keyboard has the Arabic letter forms and none of its own, and
#: must still be told apart (a disclosure in it is not read). The verb prefix "mi", "ra", "az",
#: "baraye", "in", "ast", "yek", "ba", "be" (to), "khaneh" ...
_PERSIAN_ON_ARABIC_KEYBOARD = frozenset(
    "مي مي‌ را مرا ترا از براي اين است هست نيست يك با به كه چه خيلي ميخواهم مي‌خواهم هم ولي شد شده "
    "بود ميكند ميكنم كردم كرد كنيد كنم بايد ما شما او آنها خانه پدرم مادرم بابام مامانم".split()
)
#: The Arabic article, alone or after a one-letter word ("wal-", "bil-", "lil-"): Arabic, not
#: Persian, unless the word is one of Persian's own borrowings ("al-an", "albatteh", "bel-akhareh").
_ARABIC_ARTICLE = re.compile(r"^(?:[وفبك]?ال|لل)\w{2,}$")
_PERSIAN_ARTICLE_WORDS = frozenset("الان الآن البته بالاخره بالأخره الكي الهام الگو".split())
#: Common words of Arabic (standard and spoken) that Persian does not use, for a short text with
#: no article word ("مترجم عربي لو سمحت").
_ARABIC_ONLY_WORDS = frozenset(
    "في هذا هذه هذي سمحت فضلك فضلكم أريد اريد نريد بدنا نرجو لماذا ماذا ليش وين عشان علشان لأنه لانه "
    "إلى عندي عندنا".split()
)
#: Data files whose words are not evidence of a language (names of local places).
_NOT_LANGUAGE_FILES = frozenset({"institutions.toml"})
_TEXTSPEAK_FILE = "textspeak.toml"
#: Data files of phrases in the languages screening reads.
_LEXICON_FILES = ("lexicon_", "idioms", "textspeak")


@dataclass(frozen=True)
class Unread:
    """Why screening cannot read a text, in words for the moderator ("looks like Portuguese")."""

    why: str


UNKNOWN = Unread("written in a language screening does not know")
OTHER_ARABIC_SCRIPT = Unread("written in an Arabic-script language other than Arabic or Urdu")


#: Unicode blocks of the Latin and Arabic scripts: (first, after last, script).
_BLOCKS = (
    (0x0000, 0x0250, "Latin"),  # Basic Latin to Latin Extended-B
    (0x1E00, 0x1F00, "Latin"),  # Latin Extended Additional (Vietnamese, Yoruba)
    (0x0600, 0x0780, "Arabic"),  # Arabic, Arabic Supplement
    (0x08A0, 0x0900, "Arabic"),  # Arabic Extended-A
    (0xFB50, 0xFE00, "Arabic"),  # Arabic Presentation Forms-A
    (0xFE70, 0xFF00, "Arabic"),  # Arabic Presentation Forms-B
)


def _letters_of(script: str) -> re.Pattern[str]:
    """A letter (not a digit, mark or punctuation) in one of ``script``'s blocks."""
    ranges = "".join(f"{chr(first)}-{chr(after - 1)}" for first, after, name in _BLOCKS if name == script)
    return re.compile(f"(?=[{ranges}])[^\\W\\d_]")


_LETTER = re.compile(r"[^\W\d_]")
_LATIN = _letters_of("Latin")
_ARABIC_LETTER = _letters_of("Arabic")


def _script(char: str) -> str:
    code = ord(char)
    for first, after, script in _BLOCKS:
        if first <= code < after:
            return script
    name = unicodedata.name(char, "")
    if name.startswith("CJK"):
        return "Chinese"
    return name.split(" ", 1)[0].title() or "Unknown"


def _script_name(letters: Counter[str]) -> str:
    """The name a moderator knows for the commonest script (kana with Chinese is Japanese)."""
    if letters["Hiragana"] or letters["Katakana"]:
        return "Japanese"
    script = letters.most_common(1)[0][0]
    return "Korean" if script == "Hangul" else script


def _letters_by_script(text: str) -> Counter[str]:
    """How many letters of each script: Latin and Arabic counted at once, others one by one
    (only when there are enough of them to matter)."""
    if text.isascii():
        return Counter({"Latin": 1}) if any(char.isalpha() for char in text) else Counter()
    letters = len(_LETTER.findall(text))
    latin, arabic = len(_LATIN.findall(text)), len(_ARABIC_LETTER.findall(text))
    counts = Counter({"Latin": latin, "Arabic": arabic})
    if (letters - latin - arabic) * 2 >= letters:
        scripts = (_script(char) for char in text if char.isalpha())
        counts.update(script for script in scripts if script not in ("Latin", "Arabic"))
    return +counts


def language_name(code: str) -> str:
    """``pt`` -> ``Portuguese`` (Babel's English name), or the code itself."""
    try:
        name = Locale.parse(code).get_display_name("en")
    except (ValueError, UnknownLocaleError):
        return code
    return name or code


def read_word_file(path: Path) -> list[str]:
    """The words of one vocabulary file: one a line, ``#`` starts a comment line."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def _strings(value: object, *, keys: bool) -> Iterable[str]:
    """Every string in a TOML value; the keys of tables too if ``keys`` (text-speak's keys are
    the spellings children use; elsewhere keys are field names such as "phrase")."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            if keys:
                yield str(key)
            yield from _strings(item, keys=keys)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item, keys=keys)


def screening_data_words(prefixes: tuple[str, ...] = ("",)) -> frozenset[str]:
    """Every word (two letters or more) in screening's own data files whose names start with
    one of ``prefixes``, normalised."""
    words: set[str] = set()
    package = resources.files("voice.screening").joinpath("data")
    for entry in package.iterdir():
        if not entry.name.endswith(".toml") or entry.name in _NOT_LANGUAGE_FILES:
            continue
        if not entry.name.startswith(prefixes):
            continue
        data = tomllib.loads(entry.read_text(encoding="utf-8"))
        for text in _strings(data, keys=entry.name == _TEXTSPEAK_FILE):
            words.update(word for word in fold_word(text).split() if len(word) > 1)
    return frozenset(words)


def _typed_as_arabic(text: str) -> bool:
    """Whether an Arabic-script text was typed as Arabic: Arabic letter forms and none of
    Persian's or Urdu's, an Arabic article word or a word only Arabic uses, and none of
    Persian's own words. A short Arabic request ("ممكن مترجم عربي للاجتماع") shares most of its
    words with Persian's commonest and is not to be called Persian (eighteenth round); Persian
    typed on an Arabic keyboard has the same letter forms, and its own words tell it apart."""
    if not _ARABIC_FORMS.search(text) or _PERSIAN_URDU_FORMS.search(text):
        return False
    words = [word.strip(".,!?؟،؛:()\"'") for word in text.split()]
    if any(word in _PERSIAN_ON_ARABIC_KEYBOARD for word in words):
        return False
    return any(
        word in _ARABIC_ONLY_WORDS or (_ARABIC_ARTICLE.match(word) and word not in _PERSIAN_ARTICLE_WORDS)
        for word in words
    )


class LanguageCheck:
    """Tells whether screening can read a text. Build once (``default_language_check``)."""

    def __init__(
        self,
        known: Iterable[str],
        screened: Mapping[str, Iterable[str]],
        others: Mapping[str, Iterable[str]],
    ) -> None:
        """``known``: every word screening knows. ``screened`` and ``others``: the common words
        of each language screening reads and of other languages, to compare a text with."""
        self._known = frozenset(known)
        self._screened = {code: frozenset(words) for code, words in screened.items()}
        self._others = {code: frozenset(words) for code, words in others.items()}

    def unread(self, text: str) -> Unread | None:
        """Why screening cannot read ``text``, or None when it can (or cannot tell)."""
        folded = [word for word in fold_words(text) if not word.isdigit()]
        if "".join(folded).isascii():  # Latin letters only, once accents are folded away
            if _surely_known(folded, self._known):
                return None
            scripts = Counter({"Latin": 1})
        else:
            text = unicodedata.normalize("NFKC", text)  # 𝓶𝔂 𝓭𝓪𝓭 and ｍｙ ｄａｄ are Latin letters
            scripts = _letters_by_script(text)
        letters = scripts.total()
        others = Counter({name: n for name, n in scripts.items() if name not in ("Latin", "Arabic")})
        if others.total() * 2 >= letters:
            if letters < MIN_LETTERS_OTHER_SCRIPT:
                return None
            return Unread(f"written in {_script_name(others)} script")
        script = "Latin" if scripts["Latin"] >= scripts["Arabic"] else "Arabic"
        if script == "Latin" and _surely_known(folded, self._known):
            return None
        words, names_in = _words(text, keep_capitalised=script != "Latin")
        if len(words) < MIN_WORDS:
            return None
        if script == "Arabic":
            return self._arabic(text, words)
        return self._latin(words, names_in=names_in)

    def _arabic(self, text: str, words: list[str]) -> Unread | None:
        if len(_OTHER_ARABIC.findall(text)) >= OTHER_ARABIC_MIN:
            return OTHER_ARABIC_SCRIPT
        if _typed_as_arabic(text):
            return None
        return self._compared(words)

    def _latin(self, words: list[str], *, names_in: bool) -> Unread | None:
        """``names_in``: most words had capitals, so unknown words may be names, not a language:
        only another language's common words can show the text is not read."""
        if sum(1 for word in words if _ARABIZI.search(word)) >= ARABIZI_SHARE * len(words):
            return None
        known = _share(words, self._known)
        if known >= SURELY_KNOWN:
            return None
        compared = self._compared(words)
        if compared is not None:
            return compared
        if known < MIN_KNOWN and not names_in:
            return UNKNOWN
        return None

    def _compared(self, words: list[str]) -> Unread | None:
        """Another language, when its common words clearly match more than any screened one's."""
        if len(words) < MIN_WORDS_TO_COMPARE:
            return None
        best_screened = max(_share(words, common) for common in self._screened.values())
        ranked = sorted(
            ((_share(words, common), code) for code, common in self._others.items()), reverse=True
        )
        (share, code), runner_up = ranked[0], ranked[1][0] if len(ranked) > 1 else 0.0
        if share < best_screened + MARGIN:
            return None
        if share < NAME_SHARE or share == runner_up:  # Somali is not Dutch; a tie names neither
            return UNKNOWN
        return Unread(f"looks like {language_name(code)}")


def _surely_known(words: list[str], known: frozenset[str]) -> bool:
    """Most ordinary text: nearly every word, names and all, is one screening knows."""
    return len(words) >= MIN_WORDS and _share(words, known) >= SURELY_KNOWN


def _words(text: str, *, keep_capitalised: bool) -> tuple[list[str], bool]:
    """The folded words of ``text`` (not rewritten: text-speak would turn Spanish "y" into
    "why"), without numbers. Unless ``keep_capitalised``, words written with a capital first
    letter and small letters after it (names of people, places and shops, in the languages
    that have capitals) are left out, since they are not evidence of a language, unless they
    are half the words or more (Title Case Text, a list of shops). The flag says whether such
    words are among those returned."""
    names_in = keep_capitalised
    if not keep_capitalised:
        tokens = _TOKEN.findall(text)
        kept = [token for token in tokens if not (token[0].isupper() and not token.isupper())]
        if len(kept) * 2 > len(tokens):
            text = " ".join(kept)
        else:
            names_in = True
    return [word for word in fold_words(text) if not word.isdigit()], names_in


def _share(words: list[str], common: frozenset[str]) -> float:
    return sum(map(common.__contains__, words)) / len(words)  # True counts 1


@cache
def default_language_check() -> LanguageCheck:
    """The check built from the packaged vocabulary files and screening's data."""
    screened = {code: read_word_file(VOCABULARY / "screened" / f"{code}.txt") for code in SCREENED_LANGUAGES}
    others = {path.stem: read_word_file(path) for path in sorted((VOCABULARY / "others").glob("*.txt"))}
    known = screening_data_words().union(*screened.values())
    compared = {code: words[:COMPARE_WORDS] for code, words in screened.items()}
    # Roman Urdu and Arabizi have no word counts; the words the lexicons use stand in for them.
    compared["lexicons"] = list(screening_data_words(_LEXICON_FILES))
    return LanguageCheck(known, compared, {code: words[:COMPARE_WORDS] for code, words in others.items()})
