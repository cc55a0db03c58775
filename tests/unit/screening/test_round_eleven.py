"""Eleventh round: threats tied to telling a professional, an adult's unnamed acts, a trusted
adult's attention with secrecy, a partner restraining a parent, an ex breaking in, a child's new
crowd, a friend out of reach, a taught topic a child says is happening to them; and the safe
contexts that come with them (drama, books, talks and lessons about a topic, hyperbole about
food, slippers and brothers and sisters, Urdu "this homework will kill me", "doesn't hit").
Every text here is written for this file."""

from __future__ import annotations

import pytest

from voice.screening import screen


def level_of(text: str) -> str:
    return screen(text).level


def raised(text: str) -> bool:
    return level_of(text) in {"concern", "urgent"}


@pytest.mark.parametrize(
    "text",
    [
        # threats of serious injury, and threats tied to telling someone
        "my step dad says if i ever tell the school about the belt he will put me in hospital",
        "dad told us that if we talk to the police hell break our legs",
        "she said if i mention it to the nurse she will make me disappear",
        "my foster dad keeps saying hell put me in a coma one day",
        "grandad says he will smash my face in",
        # made to lie to the people who check on a child
        "mum makes me lie to the health visitor about the marks",
        "my step mum forces us to lie to the social worker when she comes",
        # an adult's unnamed acts, with dread or concealment
        "i cant talk about what my mums boyfriend does to me",
        "i feel sick on fridays because of what my uncle does when i stay at his",
        "no one knows what the lodger did to my little sister",
        # a trusted adult's attention with secrecy from parents
        "my tutor gives me lifts home and says my parents would not understand",
        "the scout leader messages me at 2am and tells me to delete our chats",
        "my coach calls me his favourite and says dont tell your mum about the lifts",
        "a man from the leisure centre keeps asking what i sleep in",
        # a partner restraining a parent; an ex breaking in or grabbing a child
        "her new boyfriend pins my mum to the bed and she begs him to stop",
        "when dad gets angry he holds mum down on the floor",
        "my ex smashed the door in last night and grabbed the kids",
        "the childrens father kicked the door down and dragged my son to his car",
        # a taught topic a child says is happening to them
        "we had a lesson on grooming and i think that is happening to me",
        "after the film about forced marriage i realised thats what my family are planning for me",
        "they showed us a video on fgm and my aunty says i will be next",
        # a child who ran away recently
        "i ran off last night after the fight and im at a mates",
    ],
)
def test_urgent_kinds_are_urgent(text: str) -> None:
    result = screen(text)
    assert result.level == "urgent", result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "my boyfriend says he will break my jaw",
        "i have to lie to my head of year about why i miss school",
        "the cadet leader messages me late at night",
        "my ex keeps sitting outside the house in his car",
        "my son keeps coming home late with older lads and wont tell me where hes been",
        "my lad has started hanging about with an older crowd",
        "my best mate has not been in school for a fortnight and no one has seen her",
        "i can hear my mum crying through the wall every night",
        "dad has been drinking every day since he got laid off and the house is a mess",
        "its not like i want to hurt myself but i feel empty all the time",
    ],
)
def test_concern_kinds_are_flagged(text: str) -> None:
    assert raised(text), screen(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "dad drinks a lot since he lost his job but he never hurts anyone",
        "been sleeping at my aunties since mum and i fell out, its ok there",
        "i have been happier since i started coming to the youth club",
        "things got better since my mum started her new job",
    ],
)
def test_english_since_is_not_a_polish_bruise(text: str) -> None:
    result = screen(text)
    assert "physical_abuse" not in result.categories, result.reasons
    assert result.level != "urgent", result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "mam sińce na rękach od taty",
        "ma sińce bo ojczym ją bije",
    ],
)
def test_polish_bruises_are_still_read(text: str) -> None:
    assert raised(text), screen(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        # drama, books, films, talks and lessons about a topic
        "our year 10 drama group did a performance on knife crime for the primary kids",
        "we wrote a poem about modern slavery for the competition",
        "in english we are reading a story about a girl who was trafficked to england",
        "the documentary about a boy who joined a gang was really good",
        "the talk by a nurse who treats victims of fgm was eye opening",
        "in citizenship we learned the difference between forced marriage and arranged marriage",
        "the rse lesson compared grooming with a healthy friendship",
        "the speaker at the knife crime assembly used to be in a gang and now runs a charity",
        "a former gang member did a workshop at the youth club",
        # hyperbole
        "ate a scotch bonnet for a dare and wanted to die lmao",
        "my mum threatened me with her chancla for being cheeky haha",
        "im gonna kill my little brother if he eats my crisps again",
        "i will actually murder my sister if she borrows my straighteners one more time",
        # treats, surprises and haircuts
        "my grandad has a secret ingredient in his curry and he wont tell a soul",
        "we are planning a secret leaving party for our youth worker",
    ],
)
def test_safe_contexts_stay_none(text: str) -> None:
    assert level_of(text) == "none", screen(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "not like i want to kill myself, i just cant sleep",
        "its not as if id hurt myself but everything is a lot right now",
    ],
)
def test_a_negated_wish_to_self_harm_is_still_read_by_a_person(text: str) -> None:
    result = screen(text)
    assert result.level == "concern", result.reasons


@pytest.mark.parametrize(
    "text",
    [
        # near misses of this round's safe phrases: each is a disclosure
        "we did a drama piece about county lines and that is what my cousin does for the older lads",
        "i read a book about a girl who was groomed and my coach does the same things to me",
        "we had a talk from a woman who survived fgm and my nan says i am next",
        "in pshe we learned the difference between arranged and forced marriage, my parents are forcing me",
        "the workshop guy used to be in a gang and now that gang makes me carry packages",
        "the chilli made me want to die lol but honestly i want to kill myself",
        "my nan threatened me with her slipper lol then hit me with the belt",
        "im going to kill my brother if he touches me again, he comes in my room",
        "ill kill my sister if she takes my charger again, she keeps hitting me",
        "not like i want to hurt myself but i have been cutting every night",
        "in pshe we talked about county lines and im scared because my brother does it",
    ],
)
def test_near_misses_of_the_safe_phrases_stay_raised(text: str) -> None:
    assert raised(text), screen(text).reasons


def test_a_match_in_a_safe_phrase_does_not_hide_the_words_after_it() -> None:
    result = screen("ill kill my sister if she takes my phone again, she keeps hitting me")
    assert "physical_abuse" in result.categories, result.reasons


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # Polish (needs review by a native speaker)
        ("tata mówi że jeśli powiem pedagogowi to połamie mi nogi", "urgent"),
        ("ojczym każe mi kłamać kuratorce przy każdej wizycie", "urgent"),
        ("partner mamy przytrzymuje ją na podłodze i krzyczy", "urgent"),
        ("instruktor odwozi mnie do domu i mówi że to zostanie między nami", "urgent"),
        ("brat nie mówi gdzie był całą noc", "concern"),
        # Romanian (needs review by a native speaker)
        ("unchiul zice că dacă le spun profesorilor îmi rupe picioarele", "urgent"),
        ("mama mă pune să mint la poliție despre tata", "urgent"),
        ("iubitul mamei o ține jos și ea plânge", "urgent"),
        ("meditatorul îmi scrie noaptea și zice că e secretul nostru", "urgent"),
        ("fiul meu nu vrea să spună unde a fost aseară", "concern"),
        # Urdu, both scripts (needs review by a native speaker)
        ("chacha kehte hain agar kisi ko bataya to haddiyan tod denge", "urgent"),
        ("ابو کہتے ہیں اگر ٹیچر کو بتایا تو ٹانگیں توڑ دیں گے", "urgent"),
        ("sauteley abbu ammi ko deewar se laga ke rakhte hain", "urgent"),
        ("qari sahib raat ko message karte hain aur kehte hain ammi ko mat batana", "urgent"),
        ("beta raat ko der se aata hai aur batata nahi kahan tha", "concern"),
        # Arabic (needs review by a native speaker)
        ("خالي قال اذا قلت للمدرسة رح يكسر عظامي", "urgent"),
        ("امي بتخليني اكذب على الشرطة", "urgent"),
        ("صاحب امي بيمسكها عالارض كل ما يعصب", "urgent"),
        ("الكوتش بيبعتلي رسايل بالليل وبيقول لا تقولي لاهلك", "urgent"),
        ("اخوي بيطلع كل ليلة وما بيقول وين بيروح", "concern"),
    ],
)
def test_other_languages_are_raised(text: str, level: str) -> None:
    result = screen(text)
    assert result.level == level or (level == "concern" and result.level == "urgent"), result.reasons


@pytest.mark.parametrize(
    "text",
    [
        # needs review by a native speaker
        "ye imtihan mujhe maar dalega yaar",
        "یہ پیپر مجھے مار ڈالے گا",
        "ammi maar dengi agar phir late hui haha",
        "abbu sakht hain magar kabhi maarte nahi",
        "امی ڈانٹتی ہیں لیکن مارتی نہیں",
        "tata e sever dar nu mă bate",
        "mama nu m-a lovit niciodată",
        "ta praca domowa mnie wykończy",
    ],
)
def test_other_languages_safe_contexts_stay_none(text: str) -> None:
    assert level_of(text) == "none", screen(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        # needs review by a native speaker: not "doesn't hit", but "not only hits" or "doesn't stop hitting"
        "abbu sirf maarte nahi balke jalate bhi hain",
        "abbu maarte nahi rukte jab tak main ro na doon",
        "ammi mujhe maar dengi agar late hui, pichli dafa belt se maara tha",
        "ye homework mujhe maar dalega aur abbu bhi maarte hain",
        "tata nu mă bate pe mine, dar o bate pe mama",
    ],
)
def test_other_languages_near_misses_stay_raised(text: str) -> None:
    assert raised(text), screen(text).reasons


def test_a_threat_over_being_late_without_a_laugh_is_still_read_by_a_person() -> None:
    result = screen("agar der se ghar gayi to ammi mujhe maar dengi")
    assert result.level == "concern", result.reasons
