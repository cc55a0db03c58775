"""Eighteenth round (2026-11-25): kinds a blind set found missed, rated too high or raised by mistake.

Every wording here was written for this round (not the blind set's texts), several per kind, in the
languages named, with nearby texts that must not change. Non-English wordings need a native speaker's
review, like the entries they test (``data/lexicon_round18.toml``, ``data/idioms.toml``), and the
Arabic-script language check (``language.py``).
"""

from __future__ import annotations

import pytest

from voice.screening import screen
from voice.screening.language import default_language_check
from voice.screening.lexicon import LEVEL_RANK

# (text, expected level)
CASES: list[tuple[str, str]] = [
    # Kinds only the second opinion had caught before this round's retraining, now in the word lists.
    ("honestly whats the point any more, i looked up how to do it last night", "urgent"),
    ("i want to die and ive been googling how to do it", "urgent"),
    ("no point in revising, i looked up how to do it on youtube instead", "none"),
    ("around here you dont wear gang colours or you get jumped", "concern"),
    ("older boys told us not to wear the wrong colors near the estate", "concern"),
    ("the shop sent the wrong colours so i cant wear my kit on saturday", "none"),
    ("my mum says i cant wear the wrong colours to the wedding near the church", "none"),
    ("there are children on our road who never go to school, you see them out every morning", "concern"),
    ("kids never go to school on inset days so the park is busy all day", "none"),
    # U1: a friend's male relative touches her or comes into her room at night; she is scared to tell
    (
        "idk if this matters but my friend told me her uncle comes into her room at night "
        "and she's too scared to tell her mum",
        "urgent",
    ),
    (
        "my mate said her stepdad touches her when her mum is at work and she's scared to tell anyone",
        "urgent",
    ),
    ("ما بعرف اذا هاد مهم بس صاحبتي قالتلي انو عمها بيدخل على غرفتها بالليل وهي خايفة تحكي لأهلها", "urgent"),
    ("مش عارفة ده مهم ولا لا بس صاحبتي قالتلي ان ابن عمها بيلمسها وهي خايفة تقول لأهلها", "urgent"),
    (
        "لا أعلم إن كان هذا مهماً لكن صديقتي أخبرتني أن زوج أمها يدخل غرفتها ليلاً وتخاف أن تخبر عائلتها",
        "urgent",
    ),
    (
        "nie wiem czy to ważne ale koleżanka powiedziała mi że wujek ją dotyka i boi się powiedzieć rodzicom",
        "urgent",
    ),
    ("kolezanka mowi ze ojczym przychodzi do jej pokoju w nocy i boi sie powiedziec mamie", "urgent"),
    (
        "moja przyjaciółka mówi, że kuzyn wchodzi do jej pokoju w nocy, boi się komukolwiek powiedzieć",
        "urgent",
    ),
    (
        "nu stiu daca e important dar prietena mea mi-a zis ca unchiul ei "
        "o atinge si ii e frica sa spuna acasa",
        "urgent",
    ),
    ("prietena mea zice ca tatal vitreg intra noaptea in camera ei si se teme sa le spuna alor ei", "urgent"),
    (
        "pata nahi ye zaroori hai ya nahi lekin meri dost ne bataya ke uska chacha raat ko "
        "uske kamre mein aata hai aur wo ghar walon ko batane se darti hai",
        "urgent",
    ),
    (
        "میری سہیلی نے بتایا کہ اس کا کزن اسے غلط طریقے سے چھوتا ہے اور وہ گھر والوں کو بتانے سے ڈرتی ہے",
        "urgent",
    ),
    ("kolezanka powiedziala ze wujek przyjezdza do nich na swieta", "none"),
    ("صاحبتي قالتلي انو عمها جابلها هدية بعيد ميلادها", "none"),
    ("prietena mea mi-a zis ca unchiul ei ne duce la mare vara asta", "none"),
    # U2: made to carry or deliver things, with a threat to a brother or the family
    (
        "fi shabeb akbar menni bi5alouni ewasel akyas 3al mahatta w 2alouli iza rafadt ra7 ye2tlo 5ayye",
        "urgent",
    ),
    ("el shabab el kbar byejbrouni a7mel shanta lal 7adi2a w hadadouni y2atlou akhoya iza ma 3mlt", "urgent"),
    ("في شباب أكبر مني بيخلوني أوصّل أكياس عالمحطة وهددوني يقتلوا أخوي إذا رفضت", "urgent"),
    (
        "kuch bare larke mujhse packet station tak pohanchwate hain aur kehte hain "
        "mana kiya to tere bhai ko maar denge",
        "urgent",
    ),
    (
        "بڑے لڑکے مجھ سے تھیلے دوسرے شہر پہنچواتے ہیں اور کہتے ہیں انکار کیا تو تمہارے بھائی کو مار دیں گے",
        "urgent",
    ),
    (
        "starsi chłopacy każą mi zanosić paczki na dworzec i grożą że zabiją mojego brata jak odmówię",
        "urgent",
    ),
    (
        "starsi koledzy kaza mi wozic torby do innego miasta, powiedzieli ze jak nie to pobija moja rodzine",
        "urgent",
    ),
    (
        "niste baieti mai mari ma pun sa duc pachete la gara si au zis ca "
        "il omoara pe fratele meu daca refuz",
        "urgent",
    ),
    ("mama btb3atni jib akyas men el dukan kel yom", "none"),
    ("baietii mai mari ne-au ajutat sa ducem pachetele la gara", "none"),
    ("starszy brat kaze mi nosic jego torbe na dworzec lol", "none"),
    # U3: a drunk parent throwing knives or other dangerous things at the children
    ("tata jest pijany i rzuca w nas nozami, prosze zadzwoncie 07700 900456", "urgent"),
    ("ojciec pijany rzucal nozem w brata", "urgent"),
    ("mama pijana rzuca w nas szklankami i nozami prosze dzwoncie", "urgent"),
    ("tata pijany rzuca nożami w nas, proszę zadzwońcie", "urgent"),
    ("dad's drunk again and throwing knives at us please call 07700 900987", "urgent"),
    ("mum gets drunk and throws glass bottles at me and my sister", "urgent"),
    ("بابا سكران وعم يرمي علينا سكاكين الله يخليكم اتصلوا", "urgent"),
    ("baba sakran w 3am yrmi 3alayna skakin please ettaslo", "urgent"),
    ("tata e beat si arunca cu cutite in noi, va rog sunati", "urgent"),
    ("abbu nashe mein hain aur hum par chhuriyan phenk rahe hain please call karein", "urgent"),
    ("na festynie facet rzucal nozami do tarczy", "none"),
    ("dad throws darts at the dartboard after a few beers", "none"),
    # C1: exam stress with physical symptoms
    ("i throw up before every exam and get headaches all week", "concern"),
    ("before mocks i get stomach aches and my hair is falling out from stress", "concern"),
    ("i havent slept at all this week because of exams", "concern"),
    ("امتحان سے پہلے مجھے الٹیاں آتی ہیں اور سر میں درد رہتا ہے", "concern"),
    ("پیپرز کی ٹینشن سے میرے بال گر رہے ہیں اور نیند نہیں آتی", "concern"),
    ("przed egzaminem wymiotuję i boli mnie brzuch", "concern"),
    ("przez sprawdziany wypadaja mi wlosy i w ogole nie spie", "concern"),
    ("قبل الامتحانات بستفرغ وبيوجعني راسي كتير", "concern"),
    ("من ضغط الامتحانات شعري عم يوقع وما عم نام أبداً", "concern"),
    ("inainte de examen vomit si ma doare stomacul", "concern"),
    ("din cauza testelor imi cade parul si nu dorm deloc", "concern"),
    ("the exam timetable is out and the revision sessions are really helpful", "none"),
    ("przed egzaminem zjadłem duże śniadanie", "none"),
    ("بابا شعره عم يوقع من العمر", "none"),
    # C2: sexual harm in the past by an adult who has gone, nightmares left (concern, not urgent)
    (
        "when i was 10 our neighbour did things to me, he moved away years ago but i still have nightmares",
        "concern",
    ),
    (
        "a man next door touched me when i was little, he's gone now but i still get scared at night",
        "concern",
    ),
    ("jak byłam mała sąsiad mnie dotykał, wyprowadził się ale dalej mam koszmary", "concern"),
    ("لما كنت صغيرة جارنا كان يلمسني، هو رحل بس لسا بشوف كوابيس", "concern"),
    ("cand eram mica un vecin m-a atins, s-a mutat dar inca am cosmaruri", "concern"),
    (
        "bachpan mein padosi ne galat harkat ki thi, wo chala gaya lekin ab bhi bure khwab aate hain",
        "concern",
    ),
    # C3: a friend not seen at school for weeks, phone off
    ("havent seen my best mate at school for 3 weeks and his phone is always off", "concern"),
    ("my friend hasn't been in school for weeks and her phone goes straight to voicemail", "concern"),
    ("kolegi nie ma w szkole od trzech tygodni i ma wyłączony telefon", "concern"),
    ("prietena mea nu a mai venit la scoala de doua saptamani si are telefonul inchis", "concern"),
    ("mera dost teen hafton se school nahi aaya aur uska phone band hai", "concern"),
    ("my friend was off school for a week with flu, she texted me every day", "none"),
    ("my phone was off all weekend lol", "none"),
    # C4: young carers
    (
        "i look after my mum who has ms, i cook and take my little brothers to school, "
        "im exhausted and have no time for homework",
        "concern",
    ),
    ("my young carers group got cancelled and it was my only break from looking after my dad", "concern"),
    (
        "ammi bemar hain, main khana banata hoon aur chote bhai ko school chhorta hoon, "
        "bohat thak jata hoon, parhai ka waqt nahi milta",
        "concern",
    ),
    (
        "ana bahtam b mama l mareeda w b6bo5 w bwasel e5wati 3al madrase, ta3bane ktir w ma 3indi wa2t edrus",
        "concern",
    ),
    ("opiekuję się chorą mamą, gotuję i odprowadzam rodzeństwo do szkoły, nie mam czasu na naukę", "concern"),
    ("am grija de fratele meu cu dizabilitati, gatesc si nu mai am timp sa invat, sunt epuizata", "concern"),
    ("بعتني بأمي المريضة وبطبخ وبوصل اخواتي عالمدرسة، تعبانة وما عندي وقت ادرس", "concern"),
    ("i cook dinner with my mum on sundays, its fun", "none"),
    ("i take my little brother to school on mondays because it's on my way", "none"),
    # C5: mocked every day about their English or accent
    ("class mein roz meri English ka mazaq udaate hain", "concern"),
    ("sab log mere accent pe haste hain har din", "concern"),
    ("they laugh at my accent every day and copy how i talk", "concern"),
    ("codziennie się śmieją z mojego angielskiego i akcentu", "concern"),
    ("colegii rad in fiecare zi de engleza mea si de accent", "concern"),
    ("كل يوم بيتمسخروا على انجليزيتي ولهجتي", "concern"),
    ("we laughed at the teacher's fake french accent in the play", "none"),
    ("meri english improve ho rahi hai", "none"),
    # C6: talking with people they do not know, or an adult stranger, online
    ("bent 3ammi bte7ki ma3 nas ma bta3rifon 3al snap w bteb3atlon suwar", "concern"),
    ("صاحبتي بتحكي مع واحد كبير ما بتعرفه عالانستا وبيبعتلها رسايل غريبة", "concern"),
    ("my classmate is getting weird messages from a grown man on discord", "concern"),
    ("meri cousin insta pe anjaan logon se chat karti hai", "concern"),
    ("kolezanka gada z nieznajomymi na tiktoku", "concern"),
    ("prietena mea vorbeste cu straini pe snapchat in fiecare seara", "concern"),
    ("we chat on discord with our class for homework", "none"),
    ("o5ti btehki ma3 sohbata 3al insta kel lele", "none"),
    ("koleżanka pisze z babcią na messengerze", "none"),
    # C7: shouting and fighting at home, the child shuts the door or wears headphones
    ("w domu ciągle krzyki i kłótnie, zamykam drzwi i zakładam słuchawki, nie mogę się uczyć", "concern"),
    ("fi sari5 w mashakel kel yom bel bet, bsakker el bab w b7ot headphones, ma ba2der edrus", "concern"),
    (
        "my parents scream at each other every night so i put my headphones on and turn the music up",
        "concern",
    ),
    ("acasa se cearta si tipa tot timpul, ma inchid in camera si dau muzica tare", "concern"),
    ("ghar mein har waqt cheekh pukar aur larai hoti hai, main headphones laga leta hoon", "concern"),
    ("البيت كله صريخ ومشاكل كل يوم، بسكر الباب وبحط سماعات وما بقدر ادرس", "concern"),
    ("i put headphones on to study because my little brothers are noisy", "none"),
    ("sąsiedzi głośno słuchają muzyki, zakładam słuchawki", "none"),
    # C8: a friend often missing school who suddenly has money or new clothes
    ("صاحبي صار يغيب كتير عن المدرسة وفجأة معه مصاري كتير وأواعي جديدة", "concern"),
    ("صاحبي بيغيب عن المدرسة كتير وفجأة بقى معاه فلوس كتير وهدوم جديدة", "concern"),
    ("my mate keeps skipping school and suddenly has loads of cash and new designer clothes", "concern"),
    ("kolega często opuszcza szkołę i nagle ma dużo kasy i nowe ciuchy", "concern"),
    ("un prieten lipseste des de la scoala si dintr-o data are multi bani si haine noi", "concern"),
    ("mera dost aksar school nahi aata aur achanak uske paas bohat paise aur naye kapre hain", "concern"),
    ("my friend got new clothes for eid", "none"),
    ("صاحبي اشترى اواعي جديدة للعيد", "none"),
    # H1: low mood with an explicit "I won't hurt myself, I just want to talk" (concern, not urgent)
    ("میں اکثر اداس رہتی ہوں لیکن میں خود کو نقصان نہیں پہنچاؤں گی، بس کسی سے بات کرنا چاہتی ہوں", "concern"),
    ("بكون زعلانة كتير بس ما رح أأذي حالي، بدي بس احكي مع حدا", "concern"),
    ("أشعر بالحزن كثيراً لكنني لن أؤذي نفسي، أريد فقط أن أتحدث مع أحد", "concern"),
    ("sunt trist des dar nu o sa imi fac rau, vreau doar sa vorbesc cu cineva", "concern"),
    ("i feel down a lot but i would never hurt myself, i just want someone to talk to", "concern"),
    ("często jestem smutna ale nie zrobię sobie krzywdy, chcę tylko z kimś porozmawiać", "concern"),
    # H2: self-harm in the past, stopped, scars kept from PE or swimming
    ("i used to self harm but i stopped last year, i still skip swimming because of the scars", "concern"),
    ("kiedyś się cięłam, już przestałam, ale przez blizny nie chodzę na wf ani na basen", "concern"),
    ("dawniej sie okaleczalem, teraz juz nie, ale wstydze sie blizn na wfie", "concern"),
    # H3: online harassment in the past, blocked now, still scared
    ("ek larka mujhe insta pe tang karta tha, maine block kar diya lekin ab bhi dar lagta hai", "concern"),
    ("someone was sending me horrible messages online, i blocked them but im still scared", "concern"),
    ("ktoś mnie nękał na instagramie, zablokowałam go ale dalej się boję", "concern"),
    ("كان في واحد يزعجني عالانستا، عملتله بلوك بس لسا خايفة", "concern"),
    ("cineva ma hartuia pe tiktok, l-am blocat dar tot mi-e frica", "concern"),
    # H4: boys outside a place of worship swearing at and pushing us
    ("مسجد کے باہر کچھ لڑکے ہمیں گالیاں دیتے ہیں اور دھکے دیتے ہیں", "concern"),
    ("some lads outside the mosque swore at us and pushed my little brother", "concern"),
    ("chłopaki pod kościołem przeklinali na nas i nas popychali", "concern"),
    ("شباب برا الجامع بيسبونا وبيدفشونا", "concern"),
    ("niste baieti din fata bisericii ne-au injurat si ne-au impins", "concern"),
    ("the boys outside the mosque were collecting for charity", "none"),
    # H5: evicted, living in one hotel room
    (
        "we got evicted and now all five of us live in one hotel room, i have nowhere to do homework",
        "concern",
    ),
    ("since the eviction my family is in a single room at a hotel and i do homework on the bed", "concern"),
    # N1: "mum will slaughter / kill me" about being late, a mark or a phone
    ("el bus dayman met2a5er w mama ra7 tedba7ni iza wselt met2a5ra", "none"),
    ("iza ba3ref el natije ra7 yedba7ni baba lol", "none"),
    ("امي رح تدبحني اذا اتأخرت، الباصات دايما متأخرة", "none"),
    ("بابا رح يقتلني اذا شاف العلامة", "none"),
    ("كسرت تلفوني وامي رح تموتني", "none"),
    ("mama hat2telni law el phone etkasar", "none"),
    # N2: a short ordinary Arabic request is read as Arabic
    ("ممكن مترجم عربي في اجتماع الأهل؟", "none"),
    ("نرجو توفير مترجم للغة العربية في اجتماع أولياء الأمور", "none"),
    ("ممكن مترجم عربي للاجتماع", "none"),
    ("مترجم عربي لو سمحت", "none"),
    # N3: a news story talked about at the youth club
    ("في النادي حكينا عن خبر الطعن اللي صار، الموظفين خلونا نحكي", "none"),
    (
        "at youth club we talked about the stabbing on the news and staff let us talk about how we felt",
        "none",
    ),
]


@pytest.mark.parametrize(("text", "level"), CASES)
def test_round_eighteen_level(text: str, level: str) -> None:
    result = screen(text)
    assert result.level == level, result.reasons


# raised at least to a concern (some are urgent already, which is not lowered)
AT_LEAST_CONCERN: list[str] = [
    "صاحبي صارله أسابيع ما إجا عالمدرسة وتلفونه مسكر",
    "meri cousin snapchat pe anjaan logon se baat karti hai aur unko apni tasveerein bhejti hai",
    "koleżanka pisze na snapie z obcym dorosłym facetem i wysyła mu zdjęcia",
    "prietena mea vorbeste pe instagram cu un barbat necunoscut si ii trimite poze",
    # a real disclosure beside the "kill me if I'm late" idiom is still raised
    "baba bedrobni kel yom bel 2shat w ra7 yedba7ni iza t2a5art",
]


@pytest.mark.parametrize("text", AT_LEAST_CONCERN)
def test_round_eighteen_at_least_concern(text: str) -> None:
    assert LEVEL_RANK[screen(text).level] >= LEVEL_RANK["concern"]


# a real, current intent elsewhere in the text keeps it urgent beside the new idioms
STILL_URGENT: list[str] = [
    "sunt trist des dar nu o sa imi fac rau... de fapt am strans pastile si vreau sa mor diseara",
    "nie zrobię sobie krzywdy, ale dzisiaj połknę wszystkie tabletki i skończę ze sobą",
    "بكون زعلانة بس ما رح أأذي حالي... لا والله بدي انتحر الليلة",
    "i stopped cutting for a year but last night i started again",
    "we got evicted and we are sleeping on the street tonight",
    "moj wujek mnie dotyka w nocy i boje sie powiedziec",
]


@pytest.mark.parametrize("text", STILL_URGENT)
def test_round_eighteen_still_urgent(text: str) -> None:
    result = screen(text)
    assert result.level == "urgent", result.reasons


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("ممكن مترجم عربي لاجتماع الأهالي", True),
        ("من فضلكم مترجم عربي", True),
        ("بدي مترجم عربي بلقاء الأهل", True),
        ("من یک مترجم فارسی برای جلسه والدین می خواهم", False),  # Persian
        ("ممکن مترجم عربی برای جلسه؟", False),  # Persian, with Persian letter forms
        ("آیا امکان دارد برای جلسه یک مترجم عربی داشته باشیم", False),  # Persian
        ("مجھے والدین کی میٹنگ میں اردو مترجم چاہیے", True),  # Urdu
        ("براہ کرم میٹنگ کے لیے مترجم کا انتظام کریں", True),  # Urdu
        ("مترجم عربي لو سمحت من فضلكم", True),  # no article word: words only Arabic uses
        # Persian typed on an Arabic keyboard (Arabic yeh and kaf, no gaf, peh or tcheh): still
        # not read, so a disclosure in it is marked for a person to read (found by review).
        ("شوهر مادرم هر شب مرا مي زند و من مي ترسم به خانه بروم", False),
        ("من يك مترجم فارسي براي جلسه والدين مي خواهم", False),
        ("الان شوهر مادرم مرا ميزند و من ميترسم", False),
        ("بالاخره بابام هر شب مرا ميزند", False),
        ("ممكن است يك مترجم براي جلسه داشته باشيم", False),
    ],
)
def test_round_eighteen_arabic_is_not_persian(text: str, read: bool) -> None:
    unread = default_language_check().unread(text)
    assert (unread is None) == read, unread
    if not read:
        assert unread is not None and "Persian" in unread.why
