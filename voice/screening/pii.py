"""Personal-detail detection: character spans with a kind.

Detectors run on the original text (so offsets are Python string indices
into it).  Each detector proposes candidate spans; :func:`resolve` keeps a
non-overlapping set, preferring structured details (emails, phone numbers,
IDs ...) over addresses and schools, and those over names, then longer
spans.  Finally :func:`propagate` covers every other whole-word occurrence
of a covered string, so a name found once is redacted everywhere.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from voice.screening.normalise import fold_word
from voice.screening.scan import TextView, WordScan, find_all, matches_at

PLACEHOLDERS: dict[str, str] = {
    "email": "[email address]",
    "phone": "[phone number]",
    "postcode": "[postcode]",
    "address": "[address]",
    "handle": "[social media handle]",
    "date_of_birth": "[date of birth]",
    "nhs_number": "[NHS number]",
    "ni_number": "[National Insurance number]",
    "name": "[name]",
    "school": "[school]",
}
STRUCTURED_KINDS = frozenset(
    {"email", "phone", "postcode", "handle", "date_of_birth", "nhs_number", "ni_number"}
)
_PRIORITY = {kind: (0 if kind in STRUCTURED_KINDS else 1) for kind in PLACEHOLDERS}
_PRIORITY["name"] = 2


@dataclass(frozen=True)
class PiiSpan:
    """A personal detail: ``text[start:end]`` is of the given kind."""

    kind: str
    start: int
    end: int

    def to_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "start": self.start, "end": self.end}


# --------------------------------------------------------------------- regexes
_I = re.IGNORECASE

EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\.)+"
    r"[A-Za-z]{2,24}(?![\w@])"
)
# An address written to dodge filters: spaces round the "@", or "at" and "dot" in words
# ("jade dot r at example dot com", "j.smith @ example.com", "sam(at)example(dot)co(dot)uk").
# It must end with a common top-level domain so that "at the park dot" is never one.
_SPELLED_DOT = r"(?:\.|[ ]+dot[ ]+|[ ]*[(\[]dot[)\]][ ]*)"
EMAIL_SPELLED = re.compile(
    r"(?<![\w.+-])(?!(?:me|us|him|her|them|you|u)[ ])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}"
    r"(?:[ ]+dot[ ]+[A-Za-z0-9_%+-]{1,30}){0,3}"
    r"(?:[ ]*@[ ]*|[ ]*[(\[]at[)\]][ ]*|[ ]+at[ ]+)"
    rf"[A-Za-z0-9][A-Za-z0-9-]{{0,62}}(?:{_SPELLED_DOT}[A-Za-z0-9-]{{1,63}}){{0,2}}"
    rf"{_SPELLED_DOT}(?:com|co|org|net|uk|ie|pl|ro|pk|io|me|info|edu|ac|gov)(?![\w])",
    _I,
)
_SPELLED_HINTS = (" @", "@ ", " dot ", "(dot)", "[dot]", "(at)", "[at]", ".co", ".org", ".net", ".uk")
PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00) ?44 ?(?:\(0\) ?)?|\(?0)(?=[1-35789])"
    r"\d(?:(?:[ \-.]|\) ?)?\d){8,9}(?!\d)"
)
# A mobile number typed without its leading 0 ("7700 900123"): ten digits starting 7.
MOBILE_NO_ZERO = re.compile(r"(?<![\w+.])7[1-9]\d{2}(?:[ \-.]?\d){6}(?!\w|\.\d)")
NHS = re.compile(r"(?<![\w])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\w])")
#: A 10-digit number (usually 3-3-4) right after "NHS", "NHS number", "NHS no": an NHS number even
#: when its check digit is wrong (mistyped, made up). A leading 0 is left to the phone patterns.
NHS_CUE = re.compile(
    r"(?<![\w])NHS(?:[ ]*(?:number|numbers|num|no\.?|nr|#))?[ ]*(?:is|was|=|:|-)?[ ]*"
    r"([1-9]\d{2}[ -]?\d{3}[ -]?\d{4})(?![\w])",
    _I,
)
# Any two letters: the shape (two letters, three pairs of digits, A to D) is rare enough,
# and a mistyped or made-up number ("QQ 12 34 56 C", HMRC's own example) is still one to hide.
NI = re.compile(r"(?<![\w])[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![\w])", _I)
_AREAS = (
    "AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY "
    "E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE "
    "LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL "
    "SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE"
).split()
_AREA_RE = "(?:" + "|".join(sorted(_AREAS, key=len, reverse=True)) + ")"
POSTCODE = re.compile(rf"(?<![\w]){_AREA_RE}\d[A-Z\d]?[ ]{{0,2}}\d[ABD-HJLNP-UW-Z]{{2}}(?![\w])", _I)
_POSTCODE_CAND = re.compile(r"[A-Za-z]{1,2}\d[A-Za-z\d]?[ ]{0,2}\d[A-Za-z]{2}")
POSTCODE_DISTRICT = re.compile(r"(?<![\w])(?:LS|BD|WF|HD|HX|HG)\d{1,2}(?![\w])")

_MONTHS = (
    "january|jan|february|feb|march|mar|april|apr|may|june|jun|july|jul|august|aug|"
    "september|sept|sep|october|oct|november|nov|december|dec|"
    "stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|wrze[sś]nia|"
    "pa[zź]dziernika|listopada|grudnia|ianuarie|februarie|martie|aprilie|mai|iunie|iulie|"
    "septembrie|octombrie|noiembrie|decembrie"
)
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MONTH_NUM = r"(?:0?[1-9]|1[0-2])"
_YEAR = r"(?:19|20)\d{2}"
DATE = re.compile(
    rf"(?<![\w/.\-]){_DAY}[/.\-]{_MONTH_NUM}[/.\-](?:{_YEAR}|\d{{2}})(?![\w/\-]|\.\d)"
    rf"|(?<![\w-]){_YEAR}-{_MONTH_NUM}-{_DAY}(?![\w-])"
    rf"|(?<![\w]){_DAY}(?:st|nd|rd|th)?(?: of)?[ ]+(?:{_MONTHS})\.?,?[ ]+{_YEAR}(?![\w])"
    rf"|(?<![\w])(?:{_MONTHS})\.?[ ]+{_DAY}(?:st|nd|rd|th)?,?[ ]+{_YEAR}(?![\w])",
    _I,
)
_DATE_CANDS = (
    re.compile(r"\d{1,4}[/.\-]\d{1,2}[/.\-]\d{2,4}"),
    re.compile(rf"\d{{1,2}}(?:st|nd|rd|th)?(?: of)?[ ]+[^\W\d_]{{3,12}}\.?,?[ ]+{_YEAR}", _I),
    re.compile(rf"[^\W\d_]{{3,12}}\.?[ ]+\d{{1,2}}(?:st|nd|rd|th)?,?[ ]+{_YEAR}", _I),
)
DOB_CUE = re.compile(
    r"(?<![\w])(?:born on|born|birthday is|birthdays|birthday's|birthday|dob|d\.o\.b\.?|"
    r"date of birth)[ :\-]+(?:is[ ]+)?(?:the[ ]+)?"
    rf"({_DAY}(?:st|nd|rd|th)?(?: of)?[ ]+(?:{_MONTHS})(?![\w])|(?:{_MONTHS})[ ]+{_DAY}"
    rf"(?:st|nd|rd|th)?(?![\w])|{_DAY}/{_MONTH_NUM}(?![\w/]))",
    _I,
)
_STREET_TYPES = (
    "road|rd|street|st|lane|ln|avenue|ave|close|drive|dr|way|grove|gr|crescent|cres|terrace|"
    "ter|place|pl|gardens|gdns|court|ct|mount|mt|view|walk|hill|rise|row|square|sq|park|green|"
    "mews|parade|vale|fold|garth|approach|croft|wood|side|gate|bank|lea|mead|field|fields|"
    "heights|chase|boulevard|wynd|walk|grange|top|villas|yard|mount|circus"
)
_ADDR_STOP = (
    "the|a|an|up|down|in|on|at|to|of|my|our|your|his|her|their|and|or|by|for|from|with|into|near|"
    "past|round|around|over|off|is|was|are|minutes|mins|hours|days|weeks|years|times|people|kids|"
    "friends|mates|of|i|we|you|he|she|they|it|this|that|these|those|more|less|big|small|other|"
    "miles|mile|metres|meters|km|goals|points|nice|good|great|bad"
)
_ADDR_WORD = rf"(?!(?:{_ADDR_STOP})\b)[A-Za-z][A-Za-z'’\-]*"
ADDRESS = re.compile(
    r"(?<![\w])(?:(?:flat|apartment|apt|unit)[ ]*\d{1,4}[a-z]?,?[ ]+(?=\d)"
    r"|(?:flat|apartment|apt|unit|no\.?|number)[ ]*)?"
    rf"\d{{1,4}}[a-z]?,?[ ]+(?:{_ADDR_WORD}[ ]+){{1,3}}(?:{_STREET_TYPES})\.?(?![\w])",
    _I,
)
_CAP_WORD = r"[A-Z][a-z'’\-]+"
ADDRESS_NO_NUMBER = re.compile(
    r"(?<![\w])(?:live|living|lives|stay|staying|moved|move)[ ]+(?:on|at|in|to)[ ]+"
    rf"((?:{_CAP_WORD}[ ]+){{1,3}}(?:Road|Street|Lane|Avenue|Close|Drive|Way|Grove|Crescent|"
    r"Terrace|Place|Gardens|Court|Mount|View|Walk|Hill|Rise|Row|Square|Mews|Parade|Vale|Fold|"
    r"Garth|Approach|Croft|Heights|Chase)(?![\w]))"
)
HANDLE_AT = re.compile(r"(?<![\w.@])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,29}[A-Za-z0-9_])?")
_PLATFORM = (
    r"snap(?:chat)?|sc|insta(?:gram)?|ig|tik[ ]?tok|twitter|discord|kik|telegram|threads|"
    r"twitch|fb|facebook|youtube|yt|x|roblox|psn|xbox|steam"
)
HANDLE_CUE = re.compile(
    rf"(?<![\w])(?:{_PLATFORM})(?![\w])"
    r"((?:[ ]*(?:[:=\-@]|is|its|it's|name|username|user|handle|id|me|on|at|add|my)(?![\w]))*)"
    r"[ ]*[(\[]?@?([A-Za-z0-9_][A-Za-z0-9_.]{1,29})",
    _I,
)
#: A word joined with an underscore ("dave_lds97", "alex_k.uk") is a username, whatever
#: the cue; so is a gamer tag ("shadowfox#1234").
HANDLE_UNDERSCORE = re.compile(r"(?<![\w.@/#])[A-Za-z0-9][A-Za-z0-9.]*_[A-Za-z0-9_.]*[A-Za-z0-9_](?![\w@])")
HANDLE_TAG = re.compile(r"(?<![\w.@/#])[A-Za-z][A-Za-z0-9_.]{1,31}#\d{4}(?![\w#])")
# Titles and "my name is" in the other languages Voice offers. A Latin-script title needs
# a capital letter on the name ("pan" is also English). Arabic script has no capitals, so
# there the word after the cue counts unless it is a small function word.
_CAPITAL = "A-ZĄĆĘŁŃÓŚŹŻĂÂÎȘȚŞŢ"
FOREIGN_TITLE_NAME = re.compile(
    r"(?<![\w])(?i:pan|pani|pana|panu|panem|pani[aą]|doamna|doamnei|domnul|domnului|"
    r"domni[sșş]oara|dl|dna|ustad|ustaad|ustaz|ustaza|ustadha)\.?[ ]+"
    rf"([{_CAPITAL}][\w'’\-]*)"
)
_FOREIGN_TITLE_HINTS = ("pan", "doamn", "domn", "dl", "dna", "usta")
FOREIGN_NAME_CUE = re.compile(
    r"(?<![\w])(?:mam na imi[eę]|na imi[eę] mam|nazywam si[eę]|m[aă] numesc|numesc|"
    r"numele meu (?:este|e)|m[aă] cheam[aă]|mera naam|mera nam|meri naam|mera name|"
    r"naam hai|naam he)[ ]*:?[ ]+([^\W\d_][\w'’\-]*)",
    _I,
)
_FOREIGN_CUE_HINTS = ("imi", "imię", "nazywam", "numesc", "numele", "cheam", "naam", "mera nam")
# Family and friends in Polish and Romanian (the case forms people type, with or without
# accents), and the Romanian "lui" that comes before a man's name ("mama lui Andrei"): a
# capitalised word after one is a name, as after "my friend" in English.
_KIN_WORDS = (
    *("córka", "córki", "córką", "córce", "córkę", "córeczka", "córeczki", "córeczką", "córeczkę"),
    *("syn", "syna", "synem", "synowi", "synek", "synka", "synkiem", "synkowi"),
    *("mama", "mamą", "mamy", "mamie", "mamę", "tata", "taty", "tatą", "tatę", "tacie"),
    *("brat", "brata", "bratem", "bratu", "siostra", "siostry", "siostrą", "siostrę", "siostrze"),
    *("kolega", "kolegi", "kolegą", "koledze", "koleżanka", "koleżanki", "koleżanką", "koleżance"),
    *("przyjaciel", "przyjaciela", "przyjacielem", "przyjaciółka", "przyjaciółki", "przyjaciółką"),
    *("chłopak", "chłopaka", "chłopakiem", "wnuk", "wnuka", "wnuczka", "wnuczki", "wnuczką"),
    *("kuzyn", "kuzyna", "kuzynem", "kuzynka", "kuzynki", "kuzynką"),
    *("fiica", "fiicei", "fiul", "fiului", "băiatul", "băiatului", "fata", "fetei", "mamei"),
    *("tatăl", "tatălui", "fratele", "fratelui", "sora", "surorii", "prietenul", "prietenului"),
    *("prietena", "prietenei", "colegul", "colegului", "colega", "colegei", "verișorul"),
    *("verișoara", "nepotul", "nepoata", "lui"),
)
_KIN_POSSESSIVES = ("moja", "mój", "mojej", "mojego", "moim", "moi", "mea", "meu", "mele", "mei")


def _with_plain_spellings(words: Iterable[str]) -> list[str]:
    """Each word as written and as typed without accents."""
    return sorted({form for word in words for form in (word, fold_word(word))})


KIN_WORD_SET = frozenset(_with_plain_spellings(_KIN_WORDS))
_KIN_FOLDED = frozenset(map(fold_word, KIN_WORD_SET))
FOREIGN_KIN_CUE = re.compile(
    r"(?<![\w])(?i:" + "|".join(map(re.escape, sorted(KIN_WORD_SET, key=len, reverse=True))) + ")"
    r"(?:[ ]+(?i:" + "|".join(map(re.escape, _with_plain_spellings(_KIN_POSSESSIVES))) + "))?"
    rf"[ ]+([{_CAPITAL}][\w'’\-]*)"
)
SCRIPT_NAME_CUE = re.compile(r"(?<![\w])(?:میرا نام|ميرا نام|اسمي|إسمي|اسمى|أسمي)[ ]+([^\W\d_]+)")
SCRIPT_TITLE_NAME = re.compile(
    r"(?<![\w])(?:الأستاذة|الاستاذة|الأستاذ|الاستاذ|أستاذة|استاذة|أستاذ|استاذ|المعلمة|المعلم|"
    r"السيدة|السيد|الدكتورة|الدكتور|استاد|استانی|ٹیچر|مس|سر|ڈاکٹر)[ ]+([^\W\d_]+)"
)
SCRIPT_KIN_CUE = re.compile(
    r"(?<![\w])(?:صاحبتي|صاحبي|صديقتي|صديقي|رفيقتي|رفيقي|أخي|اخي|أختي|اختي|ابن عمي|بنت عمي|"
    r"میری دوست|میرا دوست|میری سہیلی|میری بہن|میرا بھائی|میرا کزن|میری کزن)[ ]+([^\W\d_]+)"
)
_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff]")
#: Urdu honorifics after a name (Urdu script and Roman Urdu), folded.
_SAHAB = frozenset(fold_word(w) for w in ("صاحب", "صاحبہ", "صاحبه", "sahab", "sahib", "sahiba", "saab"))
_HONORIFICS = _SAHAB | frozenset(
    fold_word(w) for w in ("جی", "بھائی", "باجی", "آپا", "بھائیجان", "bhai", "baji", "bhaijan", "aapa", "apa")
)
#: Words before an honorific that are not names ("بڑے بھائی" = elder brother, "میرے بھائی").
_HONORIFIC_NOT_NAME = frozenset(
    fold_word(w)
    for w in (
        *(
            "بڑے",
            "چھوٹے",
            "میرے",
            "ہمارے",
            "تمہارے",
            "آپ",
            "ان",
            "اس",
            "جناب",
            "بڑی",
            "چھوٹی",
            "میری",
            "ہماری",
        ),
        *("والے", "استاد", "ٹیچر", "ڈاکٹر", "پرنسپل", "ہیڈ", "صاحب", "بھائی", "جی", "ہاں", "اچھا", "ٹھیک"),
        *("bare", "baray", "bade", "chote", "chotay", "mere", "meray", "hamare", "humare", "aap", "un", "is"),
        # Role titles, not names: "مولوی صاحب" (the maulvi) says who did it, and must stay readable.
        *("مولوی", "مولانا", "قاری", "امام", "حافظ", "حاجی", "ماسٹر", "سر", "وکیل", "جج", "تھانیدار", "پیر"),
        *("مفتی", "شیخ", "چوہدری", "پولیس", "انسپکٹر", "حکیم", "ڈرائیور", "مینیجر", "کونسلر"),
        *(
            "molvi",
            "maulvi",
            "moulvi",
            "molvi",
            "maulana",
            "moulana",
            "mulana",
            "qari",
            "imam",
            "hafiz",
            "haji",
        ),
        *("master", "sir", "madam", "mufti", "sheikh", "shaikh", "chaudhry", "choudhry", "hakeem", "hakim"),
        *(
            "driver",
            "manager",
            "inspector",
            "doctor",
            "dr",
            "teacher",
            "principal",
            "head",
            "councillor",
            "judge",
        ),
        *(
            "wale",
            "walay",
            "haan",
            "han",
            "acha",
            "achha",
            "theek",
            "thik",
            "my",
            "big",
            "little",
            "yes",
            "ok",
        ),
    )
)
#: Each script cue regex, whether it is a family/friend cue, whether the span keeps the title,
#: and substrings one of which the text must contain for the regex to be worth running.
_SCRIPT_CUES: tuple[tuple[re.Pattern[str], bool, bool, tuple[str, ...]], ...] = (
    (SCRIPT_NAME_CUE, False, False, ("نام", "سم")),
    (
        SCRIPT_TITLE_NAME,
        False,
        True,
        ("ستاذ", "ستاد", "ستانی", "معلم", "سيد", "دكتور", "ٹیچر", "مس", "سر", "ڈاکٹر"),
    ),
    (
        SCRIPT_KIN_CUE,
        True,
        False,
        ("صاحب", "صديق", "رفيق", "خي", "ختي", "عمي", "دوست", "سہیلی", "بہن", "بھائی", "کزن"),
    ),
)
#: Small words that follow a cue but are never names (Arabic and Urdu).
_SCRIPT_STOP = frozenset(
    fold_word(word)
    for word in (
        "في",
        "من",
        "على",
        "عن",
        "مع",
        "هو",
        "هي",
        "انا",
        "أنا",
        "كان",
        "كانت",
        "ما",
        "لا",
        "يا",
        "الى",
        "إلى",
        "اللي",
        "هذا",
        "هذه",
        "قال",
        "قالت",
        "عندي",
        "كمان",
        "بس",
        "مش",
        "لم",
        "لن",
        "ہے",
        "ہیں",
        "تھا",
        "تھی",
        "نے",
        "کو",
        "کی",
        "کا",
        "کے",
        "میں",
        "سے",
        "بھی",
        "نہیں",
        "اور",
        "جو",
        "وہ",
        "یہ",
        "بہت",
        "ہو",
        "کہ",
        "پر",
        "تو",
        "نام",
    )
)
_TITLES = ("mr", "mrs", "miss", "ms", "mx", "dr", "prof", "sir")
_TITLE = "(?:" + "|".join(_TITLES) + ")"
TITLE_NAME = re.compile(rf"(?<![\w]){_TITLE}\.?[ ]+([^\W\d_][\w'’\-]*)", _I)
STRONG_CUE = re.compile(
    r"(?<![\w])(?:my name is|my names|my name's|my name’s|name is|name:|i am called|im called|"
    r"i'm called|i’m called|call me|known as|sign(?:ed)?[ ]*[:\-]?)[ ]+([^\W\d_][\w'’\-]*)",
    _I,
)
WEAK_CUE = re.compile(
    r"(?<![\w])(?:i'm|i’m|im|i am|called|named|this is|ask for|asking for|ask to speak to|speak to|"
    r"(?:my|our|his|her|their)[ ]+(?:best[ ]+|old[ ]+|new[ ]+|little[ ]+|big[ ]+|older[ ]+|"
    r"younger[ ]+)?(?:friend|mate|bestie|bff|brother|sister|bro|sis|cousin|teacher|tutor|"
    r"social[ ]+worker|key[ ]?worker|youth[ ]+worker|support[ ]+worker|carer|foster[ ]+carer|"
    r"foster[ ]+mum|foster[ ]+dad|step[ ]?dad|step[ ]?mum|boyfriend|girlfriend|bf|gf|partner|"
    r"uncle|aunt|auntie|aunty|nan|nana|grandma|grandad|neighbour|coach|counsellor|mentor|"
    r"doctor|nurse|sw|head[ ]?teacher|form[ ]+tutor|son|daughter|husband|wife|ex))"
    r"[ ]*,?[ ]+([^\W\d_][\w'’\-]*)",
    _I,
)
_SCHOOL_SUFFIX = re.compile(
    r"(?<![\w])(?:(?:C of E|CE|RC|Catholic|Church of England|Methodist|Community)[ ]+)?"
    r"(?:High School|Primary School|Junior School|Infant School|Grammar School|Free School|"
    r"Sixth Form College|Sixth Form|Pupil Referral Unit|Academy|College|University|"
    r"Primary|High|School|Grammar|Infants|Juniors|Nursery|PRU|UTC)(?![\w])",
    _I,
)
#: "Dave from the youth club": a capitalised word before "from the <place>" is a person.
_FROM_PLACES = (
    "youth club|youth centre|youth center|youth service|youth project|youth group|"
    "club|centre|center|council|school|"
    "church|mosque|gurdwara|temple|hub|family hub|office|library|project|charity|clinic|surgery|hospital|gym|"
    "academy|college|food bank|cafe|café|service|camhs|group|nursery|scouts|guides|cadets|trust|team|housing|"
    "leisure centre|community centre|job centre|jobcentre|foster agency|agency|unit|ward|pantry|sports centre"
)
NAME_FROM_PLACE = re.compile(
    rf"(?<![\w'’\-])([{_CAPITAL}][a-zà-ÿąćęłńóśźżăâîșț'’\-]+)[ ]+from[ ]+(?:the|our|my|their|your)[ ]+"
    rf"(?:[\w'’\-]+[ ]+){{0,2}}?(?i:{_FROM_PLACES})(?![\w])"
)
SAINTS_PLACE = re.compile(rf"(?<![\w])(?:St|ST|Saint)\.?[ ]+[{_CAPITAL}][\w\-]*(?:'s|’s|s'|s’)(?![\w])")
_SAINT_BEFORE = re.compile(
    r"(?<![\w])(?:at|from|to|in|attend|attends|attended|attending|of|for|near|join|joined|joining|staff)"
    r"[ ]+\Z",
    _I,
)
_SAINT_NOT_PLACE = re.compile(
    r"[ ]+(?:Day|day|Eve|eve|Night|night|Park|park|Hospital|hospital|Church|church|Cathedral|cathedral|"
    r"Hospice|hospice|Centre|centre|Road|road|Street|street|Square|square|Station|station)(?![\w])"
)
_LOWER_SUFFIXES = frozenset(
    {
        "academy",
        "high school",
        "primary school",
        "primary",
        "college",
        "sixth form college",
        "grammar school",
        "junior school",
        "infant school",
        "pupil referral unit",
    }
)
_CONNECTORS = frozenset({"of", "the", "and", "&", "de", "la"})

# ------------------------------------------------------- where regexes can start
# Each cue regex is only tried where one of its possible first words occurs
# (see scan.py); tests/unit/screening/test_scan.py checks them against finditer.
DOB_SCAN = WordScan(DOB_CUE, frozenset({"born", "birthday", "birthdays", "dob", "d", "date"}))
ADDRESS_NO_NUMBER_SCAN = WordScan(
    ADDRESS_NO_NUMBER, frozenset({"live", "living", "lives", "stay", "staying", "moved", "move"})
)
HANDLE_CUE_SCAN = WordScan(
    HANDLE_CUE,
    frozenset(
        {
            *("snap", "snapchat", "sc", "insta", "instagram", "ig", "tik", "tiktok", "twitter", "discord"),
            *("kik", "telegram", "threads", "twitch", "fb", "facebook", "youtube", "yt", "x", "roblox"),
            *("psn", "xbox", "steam"),
        }
    ),
)
TITLE_SCAN = WordScan(TITLE_NAME, frozenset(_TITLES))
# Job titles used as a form of address ("PC Hollis", "Coach Darren", "Nurse Amy"). Unlike
# "Mr", these are everyday words too ("a coach trip", "my PC"), so the name after one must
# start with a capital and not be an everyday word.
_ROLE_TITLES = (
    "pc",
    "pcso",
    "sgt",
    "sergeant",
    "constable",
    "detective",
    "inspector",
    "officer",
    "coach",
    "nurse",
    "matron",
)
ROLE_TITLE_SCAN = WordScan(
    re.compile(rf"(?<![\w])(?:{'|'.join(_ROLE_TITLES)})\.?[ ]+([^\W\d_][\w'’\-]*)", _I),
    frozenset(_ROLE_TITLES),
)
STRONG_CUE_SCAN = WordScan(
    STRONG_CUE, frozenset({"my", "name", "i", "im", "call", "known", "sign", "signed"})
)
WEAK_CUE_SCAN = WordScan(
    WEAK_CUE,
    frozenset(
        {"i", "im", "called", "named", "this", "my", "our", "his", "her", "their", "ask", "asking", "speak"}
    ),
)
SCHOOL_SUFFIX_SCAN = WordScan(
    _SCHOOL_SUFFIX,
    frozenset(
        {
            *("c", "ce", "rc", "catholic", "church", "methodist", "community", "high", "primary"),
            *("junior", "infant", "grammar", "free", "sixth", "pupil", "academy", "college"),
            *("university", "school", "infants", "juniors", "nursery", "pru", "utc"),
        }
    ),
)
# Cheap checks on the lower-case text before some detectors run at all.
# (They use str.lower, so they miss look-alikes such as the dotless "ı" that
# the IGNORECASE regexes would accept; kept as they were, see the README.)
_PLATFORM_HINTS = (
    "snap",
    "sc",
    "insta",
    "ig",
    "tik",
    "twitter",
    "discord",
    "kik",
    "telegram",
    "threads",
    "twitch",
    "fb",
    "facebook",
    "youtube",
    "yt",
    "x",
    "roblox",
    "psn",
    "xbox",
    "steam",
)
_TITLE_HINTS = ("mr", "ms", "miss", "mx", "dr", "prof", "sir")
_STRONG_HINTS = ("name", "call", "known as", "sign")
_SCHOOL_HINTS = (
    "school",
    "academy",
    "college",
    "primary",
    "high",
    "grammar",
    "infant",
    "junior",
    "nursery",
    "pru",
    "referral",
    "utc",
    "universit",
    "sixth",
)


def _contains_any(text: str, needles: Iterable[str]) -> bool:
    return any(map(text.__contains__, needles))


# an address starts with a house number or one of these words
_FLAT_WORDS = ("flat", "apartment", "apt", "unit", "no", "number")
_DISTRICT_AREAS = ("LS", "BD", "WF", "HD", "HX", "HG")


@dataclass(frozen=True)
class NameData:
    first: frozenset[str]
    ambiguous: frozenset[str]
    surnames: frozenset[str]
    common: frozenset[str]
    #: Everyday-word names that are not also plain first names ("mark"): names only before a surname.
    ambiguous_only: frozenset[str] = frozenset()


def _data_text(name: str) -> str:
    return resources.files("voice.screening").joinpath(f"data/{name}").read_text("utf-8")


@lru_cache(maxsize=1)
def name_data() -> NameData:
    names = tomllib.loads(_data_text("names.toml"))
    common = frozenset(fold_word(w) for w in tomllib.loads(_data_text("common_words.toml"))["words"])
    first: set[str] = set()
    for group in names.get("first_names", {}).values():
        first.update(fold_word(n) for n in group)
    ambiguous = {fold_word(n) for n in names.get("ambiguous", {}).get("names", [])}
    lexicon_words = _lexicon_words()
    ambiguous |= {n for n in first if n in common or len(n) <= 2 or n in lexicon_words}
    surnames = frozenset(fold_word(n) for n in names.get("surnames", {}).get("names", []))
    ambiguous_only = frozenset(ambiguous) - first
    return NameData(frozenset(first), frozenset(ambiguous), surnames - common, common, ambiguous_only)


def _after_role_title(view: TextView, idx: int, data: NameData) -> bool:
    """Whether the word after "Coach", "Nurse" or "PC" is a name: capitalised ("Coach Darren"),
    or a first name that is no everyday word ("coach dave"), not "coach trip"."""
    folded = view.folded_tokens[idx]
    if folded in data.common:
        return False
    return _is_capitalised(view.tokens[idx]) or folded in data.first


_OBJECT_WORDS = frozenset({"me", "us", "him", "her", "them"})
#: Words before "miss" that make it the verb ("i miss", "we still miss", "dont miss").
_BEFORE_MISS_THE_VERB = frozenset(
    {
        "i",
        "we",
        "you",
        "they",
        "he",
        "she",
        "u",
        "ya",
        "will",
        "would",
        "wont",
        "dont",
        "do",
        "did",
        "didnt",
        "does",
        "doesnt",
        "really",
        "still",
        "gonna",
        "to",
        "so",
        "also",
        "always",
        "never",
        "just",
        "must",
        "might",
        "may",
        "can",
        "cant",
        "could",
        "couldnt",
        "should",
        "ll",
        "and",
        "often",
        "sometimes",
        "usually",
        "rarely",
        "even",
        "totally",
        "def",
        "defo",
        "definitely",
        "kinda",
        "sorta",
        "lowkey",
        "honestly",
        "literally",
        "actually",
        "all",
        "everyone",
        "people",
        "kids",
        "students",
        "pupils",
        "then",
        "not",
        "n",
        "im",
        "am",
        "going",
    }
)


def _after_title(view: TextView, idx: int, data: NameData) -> bool:
    """Whether the word after "Mr", "Miss" or "Sir" can be a name: "Miss Jones", "mrs hale",
    "mr brown", not "Sir hits us", "miss hit me" (a teacher called by the title alone) or
    "i miss homework" ("miss" the verb). A capital says name; otherwise a known name does,
    or, after a title that is never a verb, any word not followed by "me", "us" ..."""
    folded = view.folded_tokens[idx]
    if folded in data.common:
        return False
    if _is_capitalised(view.tokens[idx]) or folded in data.first or folded in data.surnames:
        return True
    if (
        idx > 1
        and view.folded_tokens[idx - 1] == "miss"
        and view.folded_tokens[idx - 2] in _BEFORE_MISS_THE_VERB
    ):
        return False  # "i miss homework", "we really miss school"
    following = view.folded_tokens[idx + 1] if idx + 1 < len(view.folded_tokens) else ""
    return following not in _OBJECT_WORDS


@lru_cache(maxsize=1)
def _english_common() -> frozenset[str]:
    """The commonest English words (``data/vocabulary/screened/en.txt``)."""
    text = _data_text("vocabulary/screened/en.txt")
    return frozenset(fold_word(w) for w in text.split() if w and not w.startswith("#"))


def common_english_words() -> frozenset[str]:
    """The commonest English words, folded (as the name finder knows them)."""
    return _english_common()


def _lexicon_words() -> frozenset[str]:
    """Words used in the safeguarding lexicons (e.g. Urdu "marta" = hits)."""
    from voice.screening.lexicon import LEXICON_FILES

    words: set[str] = set()
    for name in LEXICON_FILES:
        raw = tomllib.loads(_data_text(name))
        phrases = [str(e.get("phrase", "")) for e in raw.get("entries", [])]
        for items in raw.get("groups", {}).values():
            phrases.extend(str(i) for i in items)
        for phrase in phrases:
            words.update(fold_word(w.strip("*{}")) for w in phrase.split())
    return frozenset(words)


def load_institutions(path: Path | None = None) -> list[str]:
    """Read institution names: the packaged list, or a TOML/plain text file."""
    if path is None:
        return [str(n) for n in tomllib.loads(_data_text("institutions.toml"))["names"]]
    text = path.read_text("utf-8")
    if path.suffix == ".toml":
        return [str(n) for n in tomllib.loads(text).get("names", [])]
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _name_words(name: str) -> list[str]:
    return [w for w in re.split(r"\s+", name.strip()) if w]


_LEADING_WORD = re.compile(r"\w+")


def _institution_first_word(words: list[str]) -> str | None:
    """The whole word every match of this name starts with (lower case), if
    there is a safe one: ASCII, and not followed by an apostrophe (apostrophes
    are optional in the pattern, so "Mary's" may be written "Marys")."""
    leading = _LEADING_WORD.match(words[0])
    if leading is None or not leading.group().isascii() or words[0][leading.end() :][:1] in ("'", "’"):
        return None
    return leading.group().lower()


def compile_institutions(names: Iterable[str]) -> re.Pattern[str] | None:
    alts: list[str] = []
    for name in names:
        words = _name_words(name)
        if not words:
            continue
        escaped = [re.escape(w).replace("'", "['’]?").replace("’", "['’]?") for w in words]
        alts.append(r"[\s\-]+".join(escaped))
    if not alts:
        return None
    alts.sort(key=len, reverse=True)
    return re.compile(
        r"(?<![\w])(?:" + "|".join(alts) + r")(?:[ ]+(?:High School|Primary School|Academy|"
        r"School|College|Primary|High|Sixth Form))?(?![\w])",
        _I,
    )


# ------------------------------------------------------------------ detectors
def _nhs_valid(digits: str) -> bool:
    total = sum(int(d) * (10 - i) for i, d in enumerate(digits[:9]))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9]) and len(set(digits)) > 1


def _validated(
    candidates: Iterable[re.Match[str]], strict: re.Pattern[str], text: str
) -> Iterator[tuple[int, int]]:
    """Matches of fast candidate regexes, checked with the strict regex (and its boundaries)."""
    for m in candidates:
        lo = max(0, m.start() - 1)
        for strict_m in strict.finditer(text, lo, min(len(text), m.end() + 1)):
            yield strict_m.start(), strict_m.end()


# Where the patterns below can start, from the runs of digits in the text:
def _before_numbers(view: TextView, distances: tuple[int, ...]) -> list[int]:
    """Offsets ``distances`` characters before the start of a run of digits.

    A postcode candidate has its first digit 1 or 2 characters after its
    start, a National Insurance number 2 or 3; that digit follows a letter
    or a space, so it starts a run of digits.
    """
    return sorted({start - d for start, _ in view.digit_runs for d in distances if start >= d})


def _numeric_date_starts(view: TextView) -> list[int]:
    """A numeric date candidate starts with 1 to 4 digits that end a run of digits."""
    return sorted({pos for start, end in view.digit_runs for pos in range(max(start, end - 4), end)})


def _date_candidates(view: TextView) -> Iterator[re.Match[str]]:
    """Matches of the date candidate regexes: numeric dates have at least four
    digits, written ones a year after a space (" 19.." or " 20..")."""
    text = view.text
    numeric, *written = _DATE_CANDS
    if view.digit_count >= 4:
        yield from matches_at(numeric, text, _numeric_date_starts(view))
    if " 19" in text or " 20" in text:
        for cand in written:
            yield from cand.finditer(text)


_DOMAIN_RUN = re.compile(r"[A-Za-z0-9.\-]*")


def _email_window(text: str) -> tuple[int, int]:
    """Where every email address in ``text`` (which has an "@") lies.

    An address starts at most 64 characters before its "@", after the last
    space before it, and its domain is a run of letters, digits, dots and
    hyphens after the "@"; one more character is kept for the end check.
    """
    first, last = text.find("@"), text.rfind("@")
    start = max(0, first - 64, text.rfind(" ", 0, first) + 1)
    domain = _DOMAIN_RUN.match(text, last + 1)
    end = domain.end() if domain is not None else last + 1
    return start, min(len(text), end + 1)


def _structured(view: TextView) -> Iterator[PiiSpan]:
    text = view.text
    if "@" in text:
        for m in EMAIL.finditer(text, *_email_window(text)):
            yield PiiSpan("email", m.start(), m.end())
    if _contains_any(view.lower, _SPELLED_HINTS):
        for m in EMAIL_SPELLED.finditer(text):
            if EMAIL.fullmatch(m.group()) is None:  # a plain address was found above
                yield PiiSpan("email", m.start(), m.end())
    digits = view.digit_count
    if not digits:
        return
    # Each pattern is skipped when the text has fewer digits than it needs,
    # and tried only where it can start.  NHS and phone numbers start after a
    # non-word character, so at the start of a run of digits (or at + and ().
    number_starts = [start for start, _ in view.digit_runs]
    if digits >= 10:
        for m in matches_at(NHS, text, number_starts):
            if _nhs_valid("".join(m.groups())):
                yield PiiSpan("nhs_number", m.start(), m.end())
        if "nhs" in view.lower:
            for m in NHS_CUE.finditer(text):
                yield PiiSpan("nhs_number", m.start(1), m.end(1))
    if digits >= 6:
        for m in matches_at(NI, text, _before_numbers(view, (2, 3))):
            yield PiiSpan("ni_number", m.start(), m.end())
    if digits >= 10:
        phone_starts = sorted({*number_starts, *find_all(text, "+"), *find_all(text, "(")})
        for m in matches_at(PHONE, text, phone_starts):
            yield PiiSpan("phone", m.start(), m.end())
        for m in matches_at(MOBILE_NO_ZERO, text, number_starts):
            yield PiiSpan("phone", m.start(), m.end())
    if digits >= 2:
        postcodes = matches_at(_POSTCODE_CAND, text, _before_numbers(view, (1, 2)))
        for start, end in _validated(postcodes, POSTCODE, text):
            yield PiiSpan("postcode", start, end)
    district_starts = sorted(pos for area in _DISTRICT_AREAS for pos in find_all(text, area))
    for m in matches_at(POSTCODE_DISTRICT, text, district_starts):
        yield PiiSpan("postcode", m.start(), m.end())
    for start, end in _validated(_date_candidates(view), DATE, text):
        yield PiiSpan("date_of_birth", start, end)
    for m in DOB_SCAN.finditer(view):
        yield PiiSpan("date_of_birth", m.start(1), m.end(1))


def _handles(view: TextView, common: frozenset[str]) -> Iterator[PiiSpan]:
    text = view.text
    for m in matches_at(HANDLE_AT, text, list(find_all(text, "@"))):
        yield PiiSpan("handle", m.start(), m.end())
    if "_" in text:
        for m in HANDLE_UNDERSCORE.finditer(text):
            yield PiiSpan("handle", m.start(), m.end())
    if "#" in text:
        for m in HANDLE_TAG.finditer(text):
            yield PiiSpan("handle", m.start(), m.end())
    if not _contains_any(view.lower, _PLATFORM_HINTS):
        return
    for m in HANDLE_CUE_SCAN.finditer(view):
        handle = m.group(2).rstrip(".")
        filler = m.group(1).strip()
        if not handle or fold_word(handle) in common:
            continue
        shaped = any(c.isdigit() or c in "._" for c in handle)
        if not (shaped or filler):
            continue
        start = m.start(2)
        if start > 0 and text[start - 1] == "@":
            start -= 1
        yield PiiSpan("handle", start, m.start(2) + len(handle))


def _addresses(view: TextView) -> Iterator[PiiSpan]:
    text = view.text
    if view.digit_runs:
        # a house number follows a non-word character, so it starts a run of digits
        starts = {start for start, _ in view.digit_runs}
        for word in _FLAT_WORDS:
            starts.update(find_all(view.folded, word))
        for m in matches_at(ADDRESS, text, sorted(starts)):
            yield PiiSpan("address", m.start(), m.end())
    lower = view.lower
    if "liv" not in lower and "stay" not in lower and "mov" not in lower:
        return
    for m in ADDRESS_NO_NUMBER_SCAN.finditer(view):
        yield PiiSpan("address", m.start(1), m.end(1))


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper() and not word.isupper() or (len(word) > 1 and word.istitle())


def _sentence_start(text: str, start: int) -> bool:
    pos = start - 1
    while pos >= 0 and text[pos].isspace():
        pos -= 1
    return pos < 0 or text[pos] in ".!?\"'“:;"


def _extend_surname(view: TextView, index: int, data: NameData) -> int:
    """Return the end offset after adding up to two surname-like tokens."""
    end = view.token_end(index)
    text = view.text
    for nxt in range(index + 1, min(index + 3, len(view.tokens))):
        gap = text[end : view.token_start(nxt)]
        if gap not in (" ", "-"):
            break
        word, folded = view.tokens[nxt], view.folded_tokens[nxt]
        if folded in data.common:
            break
        if folded in data.surnames or (folded in data.first and folded not in data.ambiguous):
            end = view.token_end(nxt)
        elif _is_capitalised(word) and len(word) > 1:
            end = view.token_end(nxt)
        else:
            break
    return end


#: Services, helplines and departments people ask for or speak to: never a person's name.
NEVER_NAMES = frozenset(
    fold_word(w)
    for w in (
        "childline",
        "kooth",
        "samaritans",
        "barnardos",
        "barnardo's",
        "nspcc",
        "shout",
        "youngminds",
        "mind",
        "camhs",
        "papyrus",
        "google",
        "siri",
        "alexa",
        "safeguarding",
        "reception",
        "support",
        "consent",
        "help",
        "advice",
        "someone",
        "somebody",
        "anyone",
        "anybody",
        "police",
        "social",
        "services",
        "school",
        "staff",
        "security",
        "customer",
        "housing",
        "council",
        "nhs",
        "gp",
        "a&e",
    )
)


#: Short first names that are also words ("josh", "tash") but are names in lower case after
#: "my mate", "my friend", "her brother" ... (twelfth round: "my mate josh"). Not words like "will".
_LOWER_NAME_AFTER_KIN = frozenset(
    ("josh", "jim", "joe", "tash", "jas", "gabi", "jess", "jen", "kate", "dave", "mike", "pete")
    + ("andy", "phil", "steve", "chris", "bob", "dean", "jay", "kai", "jo", "denis", "emil", "lana")
)
_KIN_CUE_START = re.compile(r"(?i:my|our|his|her|their)[ ]")


def _name_ok_after_cue(word: str, folded: str, data: NameData, strong: bool) -> bool:
    if folded in data.common or folded in NEVER_NAMES or len(folded) < 2:
        return False
    if folded in data.ambiguous:
        return _is_capitalised(word)
    if folded in data.first or strong:
        return True
    return _is_capitalised(word)


def _script_name_end(view: TextView, index: int, data: NameData) -> int:
    """After a name in Arabic script, add up to two family names ("الحسن", "خان") and an
    honorific ("صاحب", "باجی")."""
    end = view.token_end(index)
    for nxt in range(index + 1, min(index + 3, len(view.tokens))):
        if view.text[end : view.token_start(nxt)] != " ":
            break
        word, folded = view.tokens[nxt], view.folded_tokens[nxt]
        if folded in _HONORIFICS:
            return view.token_end(nxt)
        if folded in _SCRIPT_STOP:
            break
        if folded in data.surnames or (word.startswith("ال") and len(word) > 3):
            end = view.token_end(nxt)
        else:
            break
    return end


def _honorific_names(view: TextView, data: NameData) -> Iterator[PiiSpan]:
    """ "عمران صاحب", "Imran sahab", "ثنا باجی": a name with an Urdu honorific after it. Before
    صاحب / صاحبہ any word that is not a small word or a family word counts; before the others
    (جی, بھائی, باجی ...) only a known first name."""
    tokens = view.folded_tokens
    for idx in range(1, len(tokens)):
        honorific = tokens[idx]
        if honorific not in _HONORIFICS:
            continue
        prev = idx - 1
        if view.text[view.token_end(prev) : view.token_start(idx)] != " ":
            continue
        word, folded = view.tokens[prev], tokens[prev]
        if (
            len(folded) < 2
            or folded in _SCRIPT_STOP
            or folded in _HONORIFIC_NOT_NAME
            or folded in data.common
        ):
            continue
        if folded in _HONORIFICS:
            continue
        known = folded in data.first and (folded not in data.ambiguous or _is_capitalised(word))
        script = _ARABIC_SCRIPT.match(word) is not None
        # a capitalised word before any honorific is a name ("Saima baji"); a Roman Urdu text
        # writes its other words in lower case
        if known or (honorific in _SAHAB and script) or _is_capitalised(word):
            yield PiiSpan("name", view.token_start(prev), view.token_end(idx))


def _foreign_names(view: TextView, data: NameData) -> Iterator[PiiSpan]:
    """Names after titles and "my name is" in Polish, Romanian, Urdu and Arabic."""
    text, lower = view.text, view.lower
    if _contains_any(lower, _FOREIGN_TITLE_HINTS):
        for m in FOREIGN_TITLE_NAME.finditer(text):
            idx = view.token_at(m.start(1))
            if idx is not None and view.folded_tokens[idx] not in data.common:
                yield PiiSpan("name", m.start(), _extend_surname(view, idx, data))
    kin_at = [i for i, folded in enumerate(view.folded_tokens) if folded in _KIN_FOLDED]
    for at in kin_at:
        # tried only where a family word starts, not at every position of the text
        cue = FOREIGN_KIN_CUE.match(text, view.token_start(at))
        if cue is not None:
            idx = view.token_at(cue.start(1))
            if idx is not None and _name_ok_after_cue(view.tokens[idx], view.folded_tokens[idx], data, False):
                yield PiiSpan("name", cue.start(1), _extend_surname(view, idx, data))
    if _contains_any(lower, _FOREIGN_CUE_HINTS):
        for m in FOREIGN_NAME_CUE.finditer(text):
            idx = view.token_at(m.start(1))
            if idx is not None and _name_ok_after_cue(view.tokens[idx], view.folded_tokens[idx], data, True):
                yield PiiSpan("name", m.start(1), _extend_surname(view, idx, data))
    if _ARABIC_SCRIPT.search(text) is None:
        return
    for regex, kin, with_title, hints in _SCRIPT_CUES:
        if not _contains_any(text, hints):
            continue
        for m in regex.finditer(text):
            idx = view.token_at(m.start(1))
            if idx is None:
                continue
            word, folded = view.tokens[idx], view.folded_tokens[idx]
            if folded in _SCRIPT_STOP or len(folded) < 2 or (kin and word.startswith("ال")):
                continue
            start = m.start() if with_title else m.start(1)
            yield PiiSpan("name", start, _script_name_end(view, idx, data))


def _names(view: TextView, data: NameData) -> Iterator[PiiSpan]:
    yield from _foreign_names(view, data)
    if not _HONORIFICS.isdisjoint(view.folded_tokens):
        yield from _honorific_names(view, data)
    text, lower = view.text, view.lower
    if " from " in lower:
        for m in NAME_FROM_PLACE.finditer(text):
            idx = view.token_at(m.start(1))
            if idx is None:
                continue
            folded = view.folded_tokens[idx]
            if folded in data.common or folded in NEVER_NAMES or len(folded) < 2:
                continue
            if folded not in data.first and _sentence_start(text, m.start(1)):
                continue  # "Detentions from the school ...": capitalised only as the first word
            if folded in data.first or folded not in _english_common():
                yield PiiSpan("name", m.start(1), m.end(1))
    for m in TITLE_SCAN.finditer(view) if _contains_any(lower, _TITLE_HINTS) else ():
        idx = view.token_at(m.start(1))
        if idx is not None and _after_title(view, idx, data):
            yield PiiSpan("name", m.start(), _extend_surname(view, idx, data))
    for m in ROLE_TITLE_SCAN.finditer(view):
        idx = view.token_at(m.start(1))
        if idx is not None and _after_role_title(view, idx, data):
            yield PiiSpan("name", m.start(), _extend_surname(view, idx, data))
    strong_cues = _contains_any(lower, _STRONG_HINTS)
    for scan, strong in ((STRONG_CUE_SCAN, True), (WEAK_CUE_SCAN, False)):
        if strong and not strong_cues:
            continue
        for m in scan.finditer(view):
            idx = view.token_at(m.start(1))
            if idx is None:
                continue
            folded = view.folded_tokens[idx]
            if _name_ok_after_cue(view.tokens[idx], folded, data, strong) or (
                folded in _LOWER_NAME_AFTER_KIN and _KIN_CUE_START.match(m.group(0)) is not None
            ):
                yield PiiSpan("name", m.start(1), _extend_surname(view, idx, data))
    if "-" in text or not data.ambiguous_only.isdisjoint(view.folded_tokens):
        yield from _joined_and_surnamed(view, data)
    first = data.first
    if first.isdisjoint(view.folded_tokens):
        return
    for idx, folded in enumerate(view.folded_tokens):
        if folded not in first:
            continue
        start = view.token_start(idx)
        if folded in data.ambiguous and not (
            _is_capitalised(view.tokens[idx])
            and (not _sentence_start(text, start) or _has_surname(view, idx, data))
        ):
            continue
        yield PiiSpan("name", start, _extend_surname(view, idx, data))


def _joined_and_surnamed(view: TextView, data: NameData) -> Iterator[PiiSpan]:
    """Hyphenated first names, and everyday-word names before a known surname."""
    for idx, folded in enumerate(view.folded_tokens):
        if " " in folded and _hyphenated_name(folded, data) and _is_capitalised(view.tokens[idx]):
            yield PiiSpan("name", view.token_start(idx), _extend_surname(view, idx, data))
        elif folded in data.ambiguous_only and _has_surname(view, idx, data):
            if _is_capitalised(view.tokens[idx]):
                yield PiiSpan("name", view.token_start(idx), _extend_surname(view, idx, data))


def _has_surname(view: TextView, index: int, data: NameData) -> bool:
    """ "Mark Robinson": an ambiguous first name is a name when a known surname follows."""
    nxt = index + 1
    return (
        nxt < len(view.tokens)
        and view.text[view.token_end(index) : view.token_start(nxt)] == " "
        and view.folded_tokens[nxt] in data.surnames
        and _is_capitalised(view.tokens[nxt])
    )


def _hyphenated_name(folded: str, data: NameData) -> bool:
    """ "Ellie-Mae", "Jean-Paul" (folded with a space): a first name joined to another word."""
    head, _, tail = folded.partition(" ")
    return head in data.first and head not in data.ambiguous and len(tail) >= 2


def _schools_by_pattern(view: TextView, data: NameData) -> Iterator[PiiSpan]:
    text = view.text
    for m in SCHOOL_SUFFIX_SCAN.finditer(view):
        suffix = m.group(0)
        capital = suffix[:1].isupper()
        if not capital and suffix.lower() not in _LOWER_SUFFIXES:
            continue
        start = _school_name_start(view, m.start(), capital, data)
        if start is None:
            continue
        end = m.end()
        nxt = view.token_at(end + 1)
        if capital and nxt is not None and text[end] == " ":
            word = view.tokens[nxt]
            if _is_capitalised(word) and view.folded_tokens[nxt] not in data.common:
                end = view.token_end(nxt)
        yield PiiSpan("school", start, end)


def _school_name_start(view: TextView, suffix_start: int, capital: bool, data: NameData) -> int | None:
    """Walk back from the suffix over name-like words; return the span start."""
    text = view.text
    # index of the last token ending before the suffix (-1: none)
    idx = view.last_token_ending_by(suffix_start)
    start: int | None = None
    taken = 0
    limit = 5 if capital else 3
    pos = suffix_start
    while idx >= 0 and taken < limit:
        token_start, token_end = view.token_start(idx), view.token_end(idx)
        if text[token_end:pos].strip(" '’") not in ("", "&"):
            break
        word, folded = view.tokens[idx], view.folded_tokens[idx]
        if capital:
            if folded in _CONNECTORS and start is not None:
                pos = token_start
                idx -= 1
                continue
            if not word[:1].isupper() or word in ("I",) or folded in {"the", "my", "our", "a"}:
                break
        elif folded in data.common or folded in _CONNECTORS:
            break
        start = token_start
        pos = start
        taken += 1
        idx -= 1
    return start


def _schools(view: TextView, data: NameData, institutions: Iterable[re.Match[str]]) -> Iterator[PiiSpan]:
    for m in institutions:
        yield PiiSpan("school", m.start(), m.end())
    school_text = _contains_any(view.lower, _SCHOOL_HINTS)
    if school_text:
        yield from _schools_by_pattern(view, data)
    if "st" in view.words or "saint" in view.words:
        # "he knows it's St Mary's": a saint's name in a text about school is the school;
        # elsewhere "at St Wilfrid's", "staff from St Anne's" (a place after a preposition)
        for m in SAINTS_PLACE.finditer(view.text):
            if school_text or _SAINT_BEFORE.search(view.text, 0, m.start()) is not None:
                if _SAINT_NOT_PLACE.match(view.text, m.end()) is None:
                    yield PiiSpan("school", m.start(), m.end())


# ------------------------------------------------------------------ resolution
def resolve(candidates: Iterable[PiiSpan]) -> list[PiiSpan]:
    """Keep a non-overlapping subset: higher priority, then longer, then earlier."""
    ordered = sorted(
        (c for c in candidates if c.end > c.start),
        key=lambda s: (_PRIORITY.get(s.kind, 3), -(s.end - s.start), s.start),
    )
    chosen: list[PiiSpan] = []
    for cand in ordered:
        if all(cand.end <= c.start or cand.start >= c.end for c in chosen):
            chosen.append(cand)
    chosen.sort(key=lambda s: s.start)
    return chosen


_WORDCHAR = re.compile(r"\w")


def _boundary_ok(text: str, pos: int, covered: list[bool]) -> bool:
    if pos < 0 or pos >= len(text):
        return True
    return covered[pos] or _WORDCHAR.match(text[pos]) is None


def propagate(text: str, spans: list[PiiSpan]) -> list[PiiSpan]:
    """Cover every further whole-word occurrence of each covered string."""
    if not spans:
        return spans
    covered = [False] * len(text)
    for span in spans:
        covered[span.start : span.end] = [True] * (span.end - span.start)
    result = list(spans)
    changed = True
    while changed:
        changed = False
        needles = sorted({(text[s.start : s.end], s.kind) for s in result})
        for needle, kind in needles:
            if len(needle) < 3:
                continue
            pos = text.find(needle)
            while pos != -1:
                end = pos + len(needle)
                if (
                    not any(covered[pos:end])
                    and _boundary_ok(text, pos - 1, covered)
                    and _boundary_ok(text, end, covered)
                ):
                    result.append(PiiSpan(kind, pos, end))
                    covered[pos:end] = [True] * (end - pos)
                    changed = True
                pos = text.find(needle, pos + 1)
    result.sort(key=lambda s: s.start)
    return result


@dataclass(frozen=True)
class PiiDetector:
    """All personal-detail detectors, with a compiled institutions list.

    ``institution_scan`` (same regex) tries the list only where a first word
    of a name occurs; without it the whole text is scanned.
    """

    institutions: re.Pattern[str] | None
    institution_scan: WordScan | None = None
    institution_hints: tuple[str, ...] = ()

    def _institution_matches(self, view: TextView) -> Iterable[re.Match[str]]:
        if not _contains_any(view.lower, self.institution_hints):
            return ()
        if self.institution_scan is not None:
            return self.institution_scan.finditer(view)
        if self.institutions is not None:
            return self.institutions.finditer(view.text)
        return ()

    def find(self, text: str) -> list[PiiSpan]:
        data = name_data()
        view = TextView(text)
        candidates: list[PiiSpan] = list(_structured(view))
        candidates.extend(_handles(view, data.common))
        candidates.extend(_addresses(view))
        candidates.extend(_schools(view, data, self._institution_matches(view)))
        candidates.extend(_names(view, data))
        return propagate(text, resolve(candidates))


def redact(text: str, spans: list[PiiSpan]) -> str:
    """Replace each span with its readable placeholder."""
    out: list[str] = []
    pos = 0
    for span in spans:
        out.append(text[pos : span.start])
        out.append(PLACEHOLDERS.get(span.kind, "[personal detail]"))
        pos = span.end
    out.append(text[pos:])
    return "".join(out)


@lru_cache(maxsize=8)
def detector_for(extra: tuple[str, ...] = ()) -> PiiDetector:
    names = load_institutions() + list(extra)
    regex = compile_institutions(names)
    hints = tuple(sorted({name.split()[0].lower()[:4] for name in names if name.split()}))
    if regex is None:
        return PiiDetector(None)
    firsts = [_institution_first_word(words) for words in map(_name_words, names) if words]
    if any(first is None for first in firsts):
        return PiiDetector(regex, None, hints)
    return PiiDetector(regex, WordScan(regex, frozenset(f for f in firsts if f is not None)), hints)
