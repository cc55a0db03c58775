"""Screening of everything young people and families write to Voice.

Screening never publishes or rejects anything by itself.  For each text it
suggests redactions of personal details (character spans with a kind and a
redacted text with readable placeholders such as ``[phone number]``) and a
safeguarding level - ``none``, ``concern`` or ``urgent`` - with
human-readable reasons, so that possible disclosures reach the top of a
restricted queue and a safeguarding lead sees them within the working day.

Design
------
* Pure standard library; no web dependencies.
* Safeguarding words live in data files (``voice/screening/data/*.toml``)
  that a safeguarding lead can read and extend: one lexicon per language
  (English, Polish, Urdu in Roman and Arabic script, Arabic, Romanian), an
  idiom/negation list, text-speak and spelling fixes, categories.  Every
  lexicon runs on every text: the locale is a hint, not a gate.
* Text is normalised (case, accents, apostrophes, text-speak, misspellings)
  before matching; phrases are compiled once into regular expressions with
  cheap substring "anchors" so screening stays fast (thousands of texts a
  second).
* Missing a disclosure is far worse than a false alarm: negation is only
  applied for specific listed safe phrases, never generically.
* Personal details are found on the original text with regular expressions
  (emails, UK phones, postcodes, addresses, handles, dates, NHS numbers with
  the modulus 11 check, National Insurance numbers), name cues and name
  lists, and school patterns plus a configurable list of local institutions.

See ``voice/screening/README.md`` for the full description.
"""

from voice.screening.lexicon import Level
from voice.screening.pii import PiiSpan
from voice.screening.screener import Screener, ScreeningResult, load_screener, screen

__all__ = ["Level", "PiiSpan", "ScreeningResult", "Screener", "load_screener", "screen"]
