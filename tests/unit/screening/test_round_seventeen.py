"""Seventeenth round (2026-11-24): kinds a blind set found missed, rated too low or raised by mistake.

Every wording here was written for this round (not the blind set's texts), several per kind, in the
languages named, with nearby texts that must not change. Non-English wordings need a native speaker's
review, like the entries they test (``data/lexicon_round17.toml``, ``data/idioms.toml``).
"""

from __future__ import annotations

import pytest

from voice.screening import screen

# (text, expected level)
CASES: list[tuple[str, str]] = [
    ("no one is hurting me or anything like that, i only wish the canteen food was better", "none"),
    ("they make me do runs to birmingham and said if i dont theyll come to my house", "urgent"),
    (
        "older lads keep making me do runs up to leeds, they said they "
        "know where i live and will come round my house if i stop",
        "urgent",
    ),
    (
        "i have to go on runs out of town every weekend or they "
        "said they will come to my house and hurt my mum",
        "urgent",
    ),
    ("this guy makes me do runs to manchester and says if i say no hes coming to my house", "urgent"),
    ("i do park runs every saturday with my dad in the next town", "none"),
    ("we went on a run to the next town for charity, my mum came too", "none"),
    ("mój kolega nosi nóż bo ktoś mu groził że go dźgnie po szkole", "urgent"),
    ("moj kolega nosi noz do szkoly bo jakis chlopak powiedzial ze go dzgnie po lekcjach", "urgent"),
    ("noszę nóż w plecaku bo grozili że mnie zadźgają po szkole", "urgent"),
    ("صاحبي صار يحمل سكين لانو في واحد هدده يطعنه بعد المدرسة", "urgent"),
    ("انا بحمل سكينة بشنطتي لأنهم هددوني يطعنوني بعد الدوام", "urgent"),
    ("prietenul meu are un cutit la el pentru ca cineva l-a amenintat ca il injunghie dupa scoala", "urgent"),
    ("port un cutit in ghiozdan ca un baiat a zis ca ma taie dupa scoala", "urgent"),
    ("mama kroi chleb nożem do szkoły robi mi kanapki", "none"),
    (
        "khala ka naya husband roz marta hai, tangon pe neele nishan hain jo dupatte se chupa leti hoon",
        "urgent",
    ),
    ("nani bolti hai tu bojh hai is ghar pe, do din se khane ko nahi deti, pet mein dard hai", "urgent"),
    (
        "naye abbu bohat gussa karte hain aur mere haath pe neel pad gaye hain, main sab se chupata hoon",
        "urgent",
    ),
    ("ammi ka naya husband marta hai, bazu pe neel hain, full sleeves pehen ke chupati hoon", "urgent"),
    ("mere bazu pe neel pad gaya football khelte hue lol", "none"),
    ("ojczym rzuca rzeczami w mame a ja staje miedzy nimi zeby jej nie uderzyl", "urgent"),
    ("ojczym zamyka mnie na klucz w lazience cala noc, nie dostaje nic do jedzenia", "urgent"),
    ("ojczym rzuca w mame talerzami, staje miedzy nimi zeby jej nie bil", "urgent"),
    ("tata zamknal mnie w piwnicy na dwa dni i nie dal jesc, krzyczal ze jestem smieciem", "urgent"),
    ("caly weekend siedzialem w pokoju i gralem, mama zrobila pizze", "none"),
    ("ta3abt men kel shi, ma 3ad baddi ekoun 3aysh, ba3d ma yname ahli ra7 ente7er", "urgent"),
    ("mama bt2fel 3alay el ghorfe bala akl min embare7", "urgent"),
    ("mabi a3eesh, el leila b5alles kil shay", "urgent"),
    ("ma 3ad baddi 3eesh w el lele ra7 ne7i kel shi", "urgent"),
    ("mama 2aflet 3alayi bel oda w ma 3atetni akl men mbare7", "urgent"),
    ("el leile ra7 5alles el wajeb w bnam", "none"),
    ("de o luna pun deoparte calmante in sertar si nu mai vreau sa traiesc", "urgent"),
    ("am adunat pastile si vreau sa termin cu toate, ma simt un gunoi", "urgent"),
    ("am adunat medicamentele bunicii, vreau sa mor", "urgent"),
    ("am strans gunoiul din parc cu clasa, a fost fain", "none"),
    (
        "شكرا عالرحلة، انبسطنا. بنت خالتي ابوها بيكويها بالسيجارة كل ما تتأخر وهي ما بدها تروح عالبيت",
        "urgent",
    ),
    ("شكرا على اليوم الحلو. صديقتي اخوها يحرقها بالقداحة لما ما تطيعه وهي خايفة تروح البيت", "urgent"),
    ("الفعالية كانت حلوة والشباب ولعوا الشموع بالولاعة", "none"),
    ("i get called names every day at school and it still gets to me", "concern"),
    ("people call me names every single day at school, it really gets to me", "concern"),
    ("dostaje napadow paniki na kartkowkach z chemii", "concern"),
    ("przed każdym egzaminem mam atak paniki", "concern"),
    ("لما يقرب موعد الاختبارات بصير عندي نوبات ذعر", "concern"),
    ("cand se apropie teza la mate fac crize de panica", "concern"),
    ("with mocks coming up i lie awake every night and my heart pounds", "concern"),
    ("exams are so bad i cant sleep and my chest gets really tight", "concern"),
    ("kuch karne ka dil nahi karta, saari raat phone scroll karti rehti hoon", "concern"),
    ("koi khwahish nahi kuch karne ki, bas raat bhar scroll karta hoon", "concern"),
    ("online log comment karte hain ke mujhe patla hona chahiye", "concern"),
    ("log insta pe comment karte hain tum moti ho, patli ho jao", "concern"),
    ("centre ke bahar log weed peete aur bechte hain bachon ke samne", "concern"),
    ("chlopaki pala trawke w kiblu w szkole i namawiaja mnie zebym sprobowala", "concern"),
    ("الشباب بيدخنوا حشيش بحمامات المدرسة وبيضغطوا علي اجرب", "concern"),
    ("baietii fumeaza iarba in baia scolii si ma preseaza sa incerc", "concern"),
    ("بنهاية الشهر غالبا ما عندنا اكل بالبراد", "concern"),
    (
        "o data pe luna ne dau un pachet la sediul bancii de alimente, si tot nu e destul pentru noi patru",
        "concern",
    ),
    ("un baiat de pe minecraft m-a intrebat de mai multe ori ce varsta am si la ce scoala merg", "concern"),
    ("el boyfriend tabe3i byefhas telefoni w byez3al iza tle3et ma3 rfi2ati", "concern"),
    ("sa7bi bi check my phone w byi3sab iza tla3t ma3 sa7bati", "concern"),
    ("we went to the food bank to volunteer with school", "none"),
    ("am blocat un tip in joc ca injura", "none"),
    ("not gonna harm myself or anything, i only wish the youth club opened on sundays", "none"),
    ("ma ra7 a2zi 7ali abadan, bas baddi el bus ykoun a7san", "none"),
    ("our nan asked for more patrols near the park since that stabbing last week", "none"),
    ("since the knife attack near the shops our parents are asking for more patrols", "none"),
    ("kal masjid mein zabardasti nikah ke bare main ek bayan hua, imam sahab ne acha samjhaya", "none"),
    ("policja przyszla do szkoly i opowiadala o county lines, duzo sie nauczylem", "none"),
    ("جات الشرطة عالمدرسة وحكوا عن county lines وتعلمنا كتير", "none"),
    ("a venit politia la scoala si ne-a vorbit despre county lines, am invatat multe", "none"),
    ("apka sie wiesza caly czas, popraw to prosze", "none"),
    ("strona ciagle sie zacina kiedy probuje wrzucic fotke z wycieczki", "none"),
    ("va rog trimiteti newsletterul la ana.pop@gmail.com", "none"),
    ("jak bylam mala tata mnie bil ale nie mieszka z nami od trzech lat", "concern"),
    ("لما كنت صغير بابا كان يضربني بس هو ما عايش معنا من تلات سنين", "concern"),
    ("cand eram mic tata ma batea dar nu mai sta cu noi de trei ani", "concern"),
    (
        "a boy in my class says his mum pushed him once in the summer, she has had counselling since",
        "concern",
    ),
    ("since half term ive felt so miserable most days and i hardly leave the house", "concern"),
    (
        "our eldest brother keeps staying out until 4am, turns up with a new phone and wont say how",
        "concern",
    ),
    ("البنات بالصف بيتمسخروا على حجابي ولهجتي وبينزلوا صوري بالجروب", "concern"),
    ("fetele din clasa rad de hijabul meu si de accent si posteaza poze cu mine pe grupul clasei", "concern"),
    ("fratele meu de 6 ani sta singur acasa pana noaptea tarziu cand mama e la tura", "concern"),
    ("never gonna kill myself or anything, i only want more after school clubs", "none"),
    ("not going to kill myself or anything i just want better wifi in the library", "none"),
    ("im going to cut myself tonight, i only want the pain gone", "urgent"),
    ("ma ra7 a2zi 7ali, bas baddi el wifi ykoun a7san bel nadi", "none"),
    ("ba3d el stabbing bel madrase ana 5ayfe w baddi a2zi 7ali", "urgent"),
    ("my nan wants more police after the stabbing in town", "none"),
    ("after the stabbing in town im scared to walk home from school", "concern"),
    ("aaj madrasa mein forced marriage ke baare mein session tha, samajh aaya", "none"),
    ("ammi abbu meri zabardasti shadi karwa rahe hain pakistan mein", "urgent"),
    ("policja opowiadała nam o county lines na apelu, było fajnie", "none"),
    ("mój brat jest w county lines i starsi chłopcy każą mu wozić paczki, policja o tym nie wie", "urgent"),
    ("au venit politistii si ne-au vorbit despre county lines, a fost interesant", "none"),
    ("الشرطة حكولنا عن county lines بالمدرسة، كان مفيد", "none"),
    ("apka się zawiesza jak dodaję zdjęcie do posta", "none"),
    ("wysyłam zdjęcia temu panu bo mi płaci", "urgent"),
    ("jak byłam mała tata mnie bił i dalej mnie bije", "urgent"),
    ("jak byłem mały ojciec mnie lał ale się wyprowadził i nie mamy kontaktu", "concern"),
    ("بابا بيضربني كل يوم", "urgent"),
    ("لما كنت صغيرة بابا كان يضربني بس ما عاد عايش معنا", "concern"),
    ("tata ma bate in fiecare seara", "urgent"),
    ("cand eram mica tata ma lovea dar s-au despartit si a plecat", "concern"),
    ("my friend told me her step dad hit her once but hes had help and its fine now", "concern"),
    ("my dad slapped me yesterday", "urgent"),
    ("my friends dad hits her every night", "urgent"),
    ("our oldest brother is out till 3am and has new clothes and never says where hes been", "concern"),
    ("my little brother is 12 and out till 2am with older lads and comes home with new trainers", "urgent"),
    ("بنات صفي بيتريقوا على لهجتي وبينشروا صوري بالقروب", "concern"),
    ("البنات بينزلوا صوري وانا عريانة بالجروب", "urgent"),
    ("colegele isi bat joc de accentul meu si pun poze cu mine pe grup", "concern"),
    ("un baiat posteaza poze cu mine dezbracata pe grup", "urgent"),
    ("sora mea de 5 ani ramane singura acasa cand mama are tura de noapte", "concern"),
    ("fratele meu de 4 ani sta singur acasa de doua zile fara mancare", "urgent"),
    ("starsi chlopcy kaza mi jezdzic do innego miasta i mowia ze przyjda do mojego domu", "urgent"),
    ("i go on runs to the next city every week or theyll come round my house", "urgent"),
    ("i go on runs round the park every morning before school", "none"),
    ("moj brat nosi noz bo grozili mu ze go zadzgaja", "urgent"),
    ("kupiłam nóż dla mamy na urodziny", "none"),
    ("بحمل سكين لانو هددوني يطعنوني", "urgent"),
    ("port cutit la mine ca m-au amenintat ca ma injunghie", "urgent"),
    ("naye abbu ke marne se neel hain, main unhe chupati hoon", "urgent"),
    ("neel color ki shirt chupa ke rakhi thi birthday surprise ke liye lol", "none"),
    ("ammi kehti hai tu bojh hai, khana nahi deti do din se", "urgent"),
    ("ojczym rzuca w mamę krzesłem a ja staję między nimi", "urgent"),
    ("mama zamknęła mnie w pokoju na klucz na cały weekend", "urgent"),
    ("cały weekend siedziałam w pokoju i uczyłam się do matury", "none"),
    ("baba 2afal 3alayi el bab bala akl min embare7", "urgent"),
    ("ma simt un gunoi si am adunat somnifere, diseara termin cu toate", "urgent"),
    ("am adunat pastile vechi si le-am dus la farmacie", "none"),
    ("صديقتي اخوها بيحرقها بالسيجارة وهي خايفة ترجع عالبيت", "urgent"),
    ("حرقني الشمس بالبحر اليوم", "none"),
    ("przed sprawdzianem z matmy zawsze mam atak paniki", "concern"),
    ("قبل الاختبارات بتجيني نوبات هلع", "concern"),
    ("am crize de panica inainte de examen", "concern"),
    ("my gcses start next week, i lie awake till 3 and my chest gets tight", "concern"),
    ("i couldnt sleep after the sleepover lol", "none"),
    ("kisi cheez ka dil nahi karta, raat bhar scroll karta rehta hoon", "concern"),
    ("tiktok pe log comment karte hain itni moti ho", "concern"),
    ("park ke bahar log charas bechte hain bachon ke samne", "concern"),
    ("chłopaki jarają w toalecie w szkole i mówią spróbuj", "concern"),
    ("في شباب بيدخنوا حشيش بحمام المدرسة وبيضغطوا علي جرب", "concern"),
    ("niste baieti fumeaza iarba in toaleta scolii si insista sa incerc", "concern"),
    ("bunica ne aduce conserve de la food bank, altfel nu avem ce manca in ultima saptamana", "concern"),
    ("un tip de pe roblox ma intreaba cati ani am si unde locuiesc", "concern"),
    ("7abibi byefhas telefoni kel yom", "concern"),
    ("ma3 sa7bi, byez3al iza tle3et ma3 rfi2ati", "concern"),
    ("آخر الشهر ما في أكل بالبيت أحيانا", "concern"),
    ("i get called names every single day and it still gets to me", "concern"),
]


@pytest.mark.parametrize(("text", "level"), CASES)
def test_round_seventeen_level(text: str, level: str) -> None:
    result = screen(text)
    assert result.level == level, result.reasons


# a disclosure next to the new idioms' wordings is still raised
AT_LEAST_CONCERN: list[str] = [
    "im not going to hurt myself tonight, i just want the pain to stop",
    "jak byłam mała tata mnie bił i teraz znowu zaczął",
    "fetele rad de accentul meu si posteaza poze cu mine dezbracata pe grup",
    "البنات بيتمسخروا على حجابي وبينزلوا صوري عريانة",
]


@pytest.mark.parametrize("text", AT_LEAST_CONCERN)
def test_disclosure_near_an_idiom_is_raised(text: str) -> None:
    assert screen(text).level != "none"


def test_a_newsletter_email_is_not_a_concern() -> None:
    result = screen("va rog trimiteti newsletterul la ana.pop@gmail.com")
    assert result.level == "none"
    assert [span.kind for span in result.pii] == ["email"]


# follow-up: kinds of five labelled training texts retraining had turned away from their label
FOLLOW_UP: list[tuple[str, str]] = [
    # saying goodbye to a pet or to everyone beside another sign (urgent); goodbyes alone are not
    ("gave my rabbit one last cuddle, said goodbye to my rabbit. i wont be around after this week", "urgent"),
    ("ive said my goodbyes to everyone, im not coming back from the bridge", "urgent"),
    ("said goodbye to my dog this morning. never coming back to this house", "urgent"),
    ("said goodbye to my dog before the school trip, ill miss him for five days", "none"),
    ("we said goodbye to everyone at the end of year 11 prom, it was emotional", "none"),
    # pushed down the stairs by someone (concern); things pushed down the stairs are not
    ("some year 10s pushed him down the stairs at lunch and the teachers did nothing", "concern"),
    ("they keep shoving me down the stairs between lessons", "concern"),
    ("i pushed the buggy down the stairs because the lift was broken again", "none"),
    ("my dad and me pushed the wardrobe down the stairs on moving day", "none"),
    # tired and sad all the time (concern); tired or sad about one thing is not
    ("always exhausted and always feeling sad, nothing helps", "concern"),
    ("sad all the time lately and knackered all the time too", "concern"),
    ("im always tired after swimming training but its worth it", "none"),
    ("i was sad when the summer holidays ended", "none"),
    # out of school for weeks with nobody checking (concern); an absence someone followed up is not
    ("my son has not been in school since easter and nobody has called us", "concern"),
    ("i have been off school for weeks now and nobody has noticed", "concern"),
    ("not been to school since monday because of the snow, the school texted everyone", "none"),
    ("havent been to school since friday, its half term", "none"),
    # panic attacks are a concern, not urgent, even beside "help" or "now" (Polish, Romanian; native review)
    ("miałem atak paniki na sprawdzianie i poprosiłem o pomoc, teraz czekam na psychologa", "concern"),
    ("am avut crize de panica la teza si am cerut ajutor la consilier, acum astept", "concern"),
    ("mam ataki paniki przed egzaminem i teraz chcę się zabić", "urgent"),
    ("nasz pies dostaje ataku paniki przy fajerwerkach", "none"),
]


@pytest.mark.parametrize(("text", "level"), FOLLOW_UP)
def test_round_seventeen_follow_up(text: str, level: str) -> None:
    result = screen(text)
    assert result.level == level, result.reasons
