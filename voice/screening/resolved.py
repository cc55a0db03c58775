"""Past harm at home, now clearly over (fifteenth round).

"my dad used to hit me but we're safe now" matches an always-urgent entry ("dad ... hit me"),
but the child says it is over: a person should still look (``concern``), but it need not go
to the top of the queue as harm happening now. This is only done when every one of these holds,
so that anything present or recent stays ``urgent``:

* the harm is by someone at home or close to the child (physical, emotional or domestic abuse;
  sexual abuse always stays urgent);
* the words that matched are in the past: they say "used to", or their verb has no present
  form ("hit me", not "hits me") and the text puts it in the past ("when I was little",
  "years ago", "growing up");
* the text says clearly that it is over: "safe now", "we're safe", "he's gone", "he left us",
  "we moved out", "he is in prison", or "not any more" / "no longer" with "ok", "fine", "safe";
* nothing in the text says harm now or recently: no present-tense harm anywhere ("hits",
  "hurting", "is hitting"), no "still", "again", "started", "keeps", no "last night",
  "yesterday", "today", no "scared", "not safe", "bruises", no "comes back", "gets out";
* with the past words blanked out, the word lists find nothing else urgent in the text.
"""

from __future__ import annotations

import re

#: Categories whose always-urgent entries may be read as past harm now over.
CATEGORIES = frozenset({"physical_abuse", "emotional_abuse", "domestic_abuse"})

#: The matched words are in the past by themselves.
_PAST_WORDS = re.compile(r"(?:^| )(?:used to|use to)(?= )")
#: The text puts what happened in the past.
_PAST_TIME = re.compile(
    r" (?:used to|use to|when (?:i|we) (?:was|were)"
    r"|(?:years|months|year|ages) ago|as a (?:kid|child|little kid)|growing up|back then|in the past"
    r"|(?:before|until) (?:he|she|they) (?:left|went|moved)|(?:my|our) (?:old|last) house)"
)
#: A verb that only reads as the present ("hits", "is hitting"), or words of harm now or recently.
_NOW = re.compile(
    r" (?:hits|hitting|beats|beating|punches|punching|kicks|kicking|slaps|slapping|smacks|smacking|whacks"
    r"|whacking|hurts|hurting|chokes|choking|strangles|strangling|burns|burning|batters|battering|abuses"
    r"|abusing|touches|touching|rapes|raping|threatens|threatening|pushes|pushing|shoves|shoving|grabs"
    r"|grabbing|throws|throwing|locks|locking|starves|starving|shouts|shouting|screams|screaming|hates"
    r"|bruises|bruise|bruised|marks|bleeding|cuts|injur[a-z]*|still|again|started|starting|starts|keeps|keep"
    r"|every day|everyday|every night|every time|sometimes|at the moment|these days|lately|recently|is back"
    r"|are back|came back|come back|comes back|coming back|moved back|back home|back in|visits|visiting"
    r"|sees us|sees me|gets out|getting out|coming out|released|let out|find us|find me|last night"
    r"|yesterday|today|tonight|this morning|this week|last week|this weekend|last weekend|just now|earlier"
    r"|scared|afraid|frightened|terrified|worried|unsafe|not safe|never safe|not feel safe|do not feel"
    r"|help me|help us|please|can not|cannot"
    r"|now (?:he|she|they|my) (?!is gone|has gone|is in|left|moved))(?= )"
)
_WHO = r"(?:he|she|they|him|her|them|dad|mum|step dad|step mum|mums boyfriend|mums partner|my dad|my mum)"
_GOOD = r"(?:okay|fine|safe|safer|happy|happier|good|better|alright|all right|settled)"
#: Words that say clearly it is over.
_OVER = re.compile(
    r" (?:safe now|now safe|safe here now|(?<!we )(?<!thought )(?<!thought we )were safe"
    r"|(?:i|we) (?:am|are) (?:all )?safe"
    rf"|{_WHO} (?:is|are|has|have) (?:long )?(?:gone|left)"
    rf"|{_WHO} (?:left|moved out|moved away)(?! (?:me|bruises|bruise|marks|a mark|scars|a scar|cuts|a cut))"
    r"|(?:we|i|mum|my mum|dad|my dad) (?:moved out|moved away|moved house|got away|left (?:him|her|them))"
    r"|(?:mum|my mum|dad|my dad) (?:kicked|threw) (?:him|her) out"
    rf"|{_WHO} (?:is|are|went|got sent|was sent|were sent) (?:to |in )(?:prison|jail)"
    r"|in prison|in jail|locked up|behind bars)(?= )"
)
_NOT_ANY_MORE = re.compile(
    r" (?:not|never|does not|do not|did not) (?:[a-z]+ ){0,4}(?:any more|no more)(?= )|no longer"
)
_GOOD_WORD = re.compile(rf" {_GOOD}(?= )")


def text_may_be_over(norm: str) -> bool:
    """Whether ``norm`` (normalised text) says the harm is over and nothing says it is now."""
    if _NOW.search(norm) is not None:
        return False
    if _OVER.search(norm) is not None:
        return True
    return _NOT_ANY_MORE.search(norm) is not None and _GOOD_WORD.search(norm) is not None


def words_in_past(matched: str, norm: str) -> bool:
    """Whether the words an entry matched tell of harm in the past (not "hits", "is hitting")."""
    padded = f" {matched} "
    if _NOW.search(padded) is not None:
        return False
    if _PAST_WORDS.search(padded) is not None:
        return True
    return _PAST_TIME.search(norm) is not None
