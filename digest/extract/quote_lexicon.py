"""Word lists for attributing quotes: reporting verbs, pronouns, titles and organisation words."""

from __future__ import annotations


def _word_set(text: str) -> frozenset[str]:
    """Return the whitespace-separated words of text as a set."""
    return frozenset(text.split())


_VERB_STEMS = """
say:says:said:saying add:adds:added:adding tell:tells:told:telling ask:asks:asked:asking
warn:warns:warned:warning insist:insists:insisted:insisting argue:argues:argued:arguing
note:notes:noted:noting explain:explains:explained:explaining claim:claims:claimed:claiming
write:writes:wrote:writing tweet:tweets:tweeted:tweeting recall:recalls:recalled:recalling
admit:admits:admitted:admitting acknowledge:acknowledges:acknowledged:acknowledging
stress:stresses:stressed:stressing declare:declares:declared:declaring
announce:announces:announced:announcing reply:replies:replied:replying
respond:responds:responded:responding answer:answers:answered:answering
remark:remarks:remarked:remarking observe:observes:observed:observing
suggest:suggests:suggested:suggesting state:states:stated:stating
emphasize:emphasizes:emphasized:emphasizing emphasise:emphasises:emphasised:emphasising
joke:jokes:joked:joking quip:quips:quipped:quipping concede:concedes:conceded:conceding
complain:complains:complained:complaining contend:contends:contended:contending
counter:counters:countered:countering predict:predicts:predicted:predicting
promise:promises:promised:promising vow:vows:vowed:vowing boast:boasts:boasted:boasting
charge:charges:charged:charging lament:laments:lamented:lamenting muse:muses:mused:musing
shout:shouts:shouted:shouting yell:yells:yelled:yelling exclaim:exclaims:exclaimed:exclaiming
caution:cautions:cautioned:cautioning urge:urges:urged:urging demand:demands:demanded:demanding
maintain:maintains:maintained:maintaining reiterate:reiterates:reiterated:reiterating
confirm:confirms:confirmed:confirming allege:alleges:alleged:alleging deny:denies:denied:denying
testify:testifies:testified:testifying post:posts:posted:posting retort:retorts:retorted:retorting
conclude:concludes:concluded:concluding continue:continues:continued:continuing
assert:asserts:asserted:asserting reckon:reckons:reckoned:reckoning
agree:agrees:agreed:agreeing echo:echoes:echoed:echoing
scoff:scoffs:scoffed:scoffing snap:snaps:snapped:snapping thunder:thunders:thundered:thundering
proclaim:proclaims:proclaimed:proclaiming recount:recounts:recounted:recounting
report:reports:reported:reporting beam:beams:beamed:beaming gush:gushes:gushed:gushing sigh:sighs:sighed:sighing
bark:barks:barked:barking fume:fumes:fumed:fuming marvel:marvels:marvelled:marvelling
marvel:marvels:marveled:marveling chuckle:chuckles:chuckled:chuckling
interject:interjects:interjected:interjecting interrupt:interrupts:interrupted:interrupting
press:presses:pressed:pressing react:reacts:reacted:reacting assure:assures:assured:assuring
opine:opines:opined:opining wonder:wonders:wondered:wondering plead:pleads:pleaded:pleading
reason:reasons:reasoned:reasoning elaborate:elaborates:elaborated:elaborating
remember:remembers:remembered:remembering retaliate:retaliates:retaliated:retaliating boom:booms:boomed:booming
whisper:whispers:whispered:whispering mutter:mutters:muttered:muttering grumble:grumbles:grumbled:grumbling
laugh:laughs:laughed:laughing scream:screams:screamed:screaming
"""

_NOUN_LIKE = _word_set(
    """states notes calls claims posts answers charges remarks demands promises counters echoes snaps thunders
    tweets muses"""
)
"""Forms that are more often nouns ("in a tweet", "the states") than reporting verbs."""
_BASE_FORMS_KEPT = _word_set("say tell ask add write warn explain insist argue")

REPORTING_VERBS: frozenset[str] = frozenset(
    form
    for group in _VERB_STEMS.split()
    for i, form in enumerate(group.split(":"))
    if (i > 0 or form in _BASE_FORMS_KEPT) and form not in _NOUN_LIKE
)
"""Every form of every verb that introduces what somebody said."""

NOUN_LIKE_VERBS: frozenset[str] = _NOUN_LIKE
"""Reporting verbs that read as verbs only right after a bare name ("…," Viguerie notes.)."""

PARTICIPLES: frozenset[str] = frozenset(v for v in REPORTING_VERBS if v.endswith("ing"))
"""Forms that take the subject of the main clause ("…, adding: …")."""

SPEECH_ACT_VERBS: frozenset[str] = _word_set(
    """call calls called calling describe describes described describing liken likens likened brand brands
    branded dub dubs dubbed label labels labeled labelled term terms termed attack attacks attacked
    criticize criticizes criticized criticise criticises criticised slam slams slammed blast blasts blasted
    accuse accuses accused mock mocks mocked praise praises praised laud lauds lauded hail hails hailed
    exhort exhorts exhorted pledge pledges pledged question questions questioned questioning dismiss
    dismisses dismissed denounce denounces denounced condemn condemns condemned decry decries decried
    ridicule ridicules ridiculed tout touts touted defend defends defended rate rates rated compare compares
    compared refer refers referred cite cites cited characterize characterizes characterized
    characterise characterises characterised promising urging vowing warning insisting"""
)
"""Verbs that attribute a partial quote ("called it …", "likened the rules to …") but never a statement."""

AUXILIARIES: frozenset[str] = _word_set(
    """has have had was is will would also later then previously once reportedly recently further again
    earlier initially first finally once repeatedly simply just even still quoted as however"""
)
"""Words that may stand between a speaker and the reporting verb."""

PRONOUNS: frozenset[str] = _word_set("""he she""")
"""Pronouns that refer to one person."""

OTHER_PRONOUNS: frozenset[str] = _word_set("""i we they it you who which that this one""")
"""Pronouns that never resolve to one named person here."""

DETERMINERS: frozenset[str] = _word_set("""the a an his her their its our this that""")

TITLES: frozenset[str] = _word_set(
    """mr mrs ms miss dr del delegate sir dame lord lady president vice sen senator rep representative gov governor
    secretary minister chancellor prime premier mayor judge justice gen general col colonel lt capt
    captain adm admiral sgt rev reverend father pope king queen prince princess ambassador speaker
    leader chairman chairwoman chair ceo director commissioner attorney chief sheriff officer spokesman
    spokeswoman spokesperson professor prof dean coach candidate nominee congressman congresswoman
    councillor councilman councilwoman deputy pastor bishop rabbi imam mp mep sir"""
)
"""Title words that may precede a name ("President Putin", "Sen. Cruz")."""

GENDERED_FEMALE: frozenset[str] = _word_set(
    """mrs ms miss dame lady queen princess chairwoman spokeswoman congresswoman councilwoman"""
)
GENDERED_MALE: frozenset[str] = _word_set(
    """mr sir lord king prince chairman spokesman congressman councilman father"""
)

ORGANISATION_HEADS: frozenset[str] = _word_set(
    """ministry department office agency commission committee council government campaign party police army
    navy court parliament congress senate house kremlin pentagon bureau embassy administration cabinet
    union association foundation institute company corporation group bank board authority service
    services team spokesman's federation league organisation organization network news times post
    journal reuters press tribune guardian telegraph daily herald chronicle magazine channel radio
    television tv bbc cnn nbc abc cbs msnbc newspaper council university school hospital club fund
    ministry's street inc ltd corp coalition alliance movement center centre secretariat presidency
    palace"""
)
"""Last words of organisation names ("the ministry", "Downing Street", "White House")."""

ORGANISATION_WORDS: frozenset[str] = _word_set(
    """kremlin pentagon whitehall reuters nato un eu fbi cia nsa afp ap bbc cnn nbc abc cbs msnbc politico
    dnc rnc gop"""
)
"""Single words that name an organisation on their own."""

DISCOURSE_OPENERS: frozenset[str] = _word_set(
    """but and meanwhile however still yet so later earlier instead moreover also then now separately
    similarly likewise indeed again afterwards afterward previously early finally"""
)
"""Sentence openers to skip before looking for a subject."""

PREPOSITIONS: frozenset[str] = _word_set(
    """in on at during after before with to for from by of about over under into as while when since
    through across"""
)

NON_NAME_CAPITALS: frozenset[str] = _word_set(
    """even only just also now then still yet perhaps indeed instead
    the a an but and or so yet meanwhile however in on at during after before with to for from by of
    about this that these those it its he she they we i you his her their our my your here there when where
    while if although though because since until unless whether monday tuesday
    wednesday thursday friday saturday sunday january february march april may june july august
    september october november december"""
)
"""Capitalised words that start a sentence but are not part of a name."""

NAME_PARTICLES: frozenset[str] = _word_set("""de del della der di du la le van von bin al da dos das st""")
"""Lower-case words allowed inside a personal name ("Ursula von der Leyen")."""

_EITHER_NAMES = _word_set(
    "kim jordan terry jean pat chris sam alex robin leslie lindsey hope jamie taylor casey dana lee"
)
"""Given names used by women and men alike; they say nothing about a pronoun."""

FEMALE_NAMES: frozenset[str] = (
    _word_set(
        """mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty margaret sandra
    ashley kimberly emily donna michelle carol amanda dorothy melissa deborah stephanie rebecca sharon laura
    cynthia kathleen amy angela shirley anna brenda pamela emma nicole helen samantha katherine christine debra
    rachel carolyn janet catherine maria heather diane ruth julie olivia joyce virginia victoria kelly lauren
    christina joan evelyn judith megan andrea cheryl hannah jacqueline martha gloria teresa ann sara madison
    frances kathryn janice jean abigail alice julia judy sophia grace denise amber doris marilyn danielle beverly
    isabella theresa diana natalie brittany charlotte marie kayla alexis lori hillary hilary heidi melania ivanka
    chelsea nikki elizabeth theresa angela ursula nicola kamala nancy condoleezza madeleine sonia ruth elena
    michele claire kellyanne huma donna debbie jill tulsi elise susana marine yulia ilhan alexandria liz tina
    gwen maxine barbara dianne patty amy kirsten tammy jeanne lisa marsha joni cindy sheila gina janet samantha
    valerie jen sally anne yvette priti sajid theresa harriet jacinda giorgia sanna mette kaja ivana melanie
    greta kristi stacey marcia quina adriana azucena karen esther martha ariana christina krystal carla jacklyn"""
    )
    - _EITHER_NAMES
)
"""Common women's given names: a pronoun "she" cannot mean a person with a name from MALE_NAMES."""

MALE_NAMES: frozenset[str] = (
    _word_set(
        """james robert john michael william david richard joseph thomas charles christopher daniel matthew anthony
    mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan
    jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory alexander frank
    patrick raymond jack dennis jerry tyler aaron jose adam nathan henry douglas zachary peter kyle walter ethan
    jeremy harold keith christian roger noah gerald carl terry sean austin arthur lawrence jesse dylan bryan joe
    jordan billy bruce albert willie gabriel logan alan juan wayne roy ralph randy eugene vincent russell elijah
    louis bobby philip johnny barack bill mitt ted marco jeb bernie mike rudy chris newt rand reince sean steve
    tim tom vladimir boris emmanuel recep xi narendra justin benjamin bashar kim jong alexei leonid mikhail
    oleksiy volodymyr andrius josep jeremy keir rishi nigel gordon tony david harry charles william jean francois
    angela viktor sergei dmitry ramzan yevgeny hassan ali mohammed ahmed abdel omar hamid ashraf imran nawaz
    elijah gregory chuck mitch lindsey jim harry joe kevin paul eric lamar cory kirk jared corey reince stephen
    hope jeh rex james pat jake ben hugh nick jon rick newt ron lyndon franklin dwight herbert woodrow"""
    )
    - FEMALE_NAMES
    - _EITHER_NAMES
)
"""Common men's given names: a pronoun "he" cannot mean a person with a name from FEMALE_NAMES."""
