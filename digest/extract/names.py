"""What digest knows about names: given names, titles, role words, and words that are never people."""

from __future__ import annotations

from pathlib import Path

_DATA = Path(__file__).resolve().parent.parent / "data"


def word_set(text: str) -> frozenset[str]:
    """Return the whitespace-separated words of text as a set."""
    return frozenset(text.split())


def phrase_set(text: str) -> frozenset[str]:
    """Return the "|"-separated phrases of text, each with surrounding whitespace removed."""
    return frozenset(p.strip() for p in text.split("|") if p.strip())


def _read_word_file(name: str) -> frozenset[str]:
    """Read a data file of names, whitespace-separated, '#' lines being comments."""
    path = _DATA / name
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(w for line in lines if not line.startswith("#") for w in line.split())


def _read_gendered_names(name: str) -> dict[str, str]:
    """Read "Name M|F|MF" lines of a data file into a mapping of name to the sexes that bear it."""
    sexes: dict[str, str] = {}
    for line in (_DATA / name).read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if parts and not line.startswith("#"):
            sexes[parts[0]] = parts[1] if len(parts) > 1 else "MF"
    return sexes


_CENSUS_NAMES = _read_gendered_names("given_names_census.txt")

_GIVEN_OR_TITLE = frozenset(_CENSUS_NAMES) | _read_word_file("given_names_world.txt")
MEN_ONLY_NAMES: frozenset[str] = frozenset(n for n, sex in _CENSUS_NAMES.items() if sex == "M")
"""Given names the census found only among men."""

WOMEN_ONLY_NAMES: frozenset[str] = frozenset(n for n, sex in _CENSUS_NAMES.items() if sex == "F")
"""Given names the census found only among women."""

ENGLISH_WORDS: frozenset[str] = _read_word_file("english_words.txt")
"""Lower-case common English words that are neither frequent given names nor frequent surnames."""

# Honorifics that are stripped from the name and are not roles.
HONORIFICS: frozenset[str] = word_set(
    """Mr Mr. Mrs Mrs. Ms Ms. Miss Mx Messrs Mme Mlle Dr Dr. Prof Prof. Professor Sir Dame Lord Lady
    Madam Madame Monsieur Herr Frau Sheikh Sheik Rev Rev. Reverend Fr Fr. Father Sister Brother Hon Hon.
    Rt Rt. Honourable Honorable Sr Sr. Señor Senor Signor Signora Smt Mullah Imam Ayatollah
    Rabbi Pastor Cardinal Archbishop Bishop Pope Prince Princess King Queen Emperor Empress Duke
    Duchess Earl Count Countess Baron Baroness Princes Ms.s Maestro Dato Datuk Tun Tan"""
)

# Titles that are also roles: "President Putin" has the role "President".
ROLE_TITLES: frozenset[str] = word_set(
    """President Vice-President Premier Chancellor Minister Secretary Senator Sen Sen. Sens Sens. Rep Rep. Reps Reps.
    Representative Congressman Congresswoman Governor Gov Gov. Mayor Judge Justice Ambassador Envoy
    General Gen Gen. Lieutenant Lt Lt. Colonel Col Col. Major Maj Maj. Captain Capt Capt. Commander Admiral
    Adm Adm. Sergeant Sgt Sgt. Corporal Private Marshal Brigadier Inspector Detective Det Det. Superintendent
    Constable Officer Chief Coach Manager Chairman Chairwoman Chair Speaker Leader Commissioner
    Councillor Councilman Councilwoman Deputy Prosecutor Attorney Sheriff Commandant Pilot Agent
    Director Spokesman Spokeswoman Spokesperson CEO MP MEP MSP Mufti Patriarch Chancellor Treasurer Emir Sultan Shah
    Consort Crown Field Prime Foreign Defence Defense Interior Finance Justice Health Home Trade Economy Energy
    Education Culture Environment Transport Labour Agriculture Development Information State Shadow
    First Grand Supreme High Acting Former Ex Ex- Vice Deputy Assistant Executive Managing Chief"""
)

# Words that can stand inside a title phrase ("Prime Minister", "Secretary of State") but not as names.
TITLE_CONNECTORS: frozenset[str] = word_set("of for the and")

# Nouns that head a role: "activist", "chief of staff", "director".
ROLE_NOUNS: frozenset[str] = word_set(
    """president minister premier chancellor secretary senator governor mayor judge justice ambassador envoy
    general colonel commander admiral officer chief coach manager chairman chairwoman chair speaker leader
    commissioner deputy prosecutor attorney lawyer spokesman spokeswoman spokesperson director head
    executive analyst economist activist politician member mp mep lawmaker legislator official diplomat
    businessman businesswoman tycoon oligarch billionaire millionaire entrepreneur founder co-founder owner
    investor banker trader broker strategist adviser advisor consultant campaigner actor dissident critic opponent
    rival ally aide assistant staff staffer negotiator mediator candidate nominee challenger incumbent
    monarch king queen prince princess emperor sultan emir sheikh cleric imam priest bishop archbishop
    cardinal pope rabbi pastor scientist researcher professor academic scholar historian expert doctor
    surgeon nurse physician teacher student writer author novelist poet journalist reporter editor
    correspondent columnist broadcaster presenter host anchor commentator blogger photographer artist
    actor actress singer musician rapper star comedian director producer filmmaker designer model
    dancer composer conductor player striker midfielder defender goalkeeper keeper forward winger captain
    skipper batsman bowler pitcher quarterback champion titleholder runner sprinter swimmer cyclist driver
    golfer boxer wrestler jockey trainer referee umpire athlete rider sailor skier teammate partner
    husband wife son daughter father mother brother sister widow widower uncle aunt nephew niece
    cousin grandson granddaughter grandfather grandmother boyfriend girlfriend fiancé fiancee friend
    colleague spokesman farmer worker engineer architect pilot soldier officer policeman policewoman
    detective inspector constable sergeant lieutenant major captain marshal commando fighter militant
    rebel insurgent gunman suspect defendant victim witness survivor prisoner detainee hostage refugee
    resident citizen voter supporter follower fan opponent protester organiser organizer founder
    president-elect chairman-elect vice-president vice-chairman deputy-head ceo cfo coo cto boss
    representative congressman congresswoman councillor councilman councilwoman sheriff treasurer
    governor-general warlord dictator ruler strongman regent heir pretender successor predecessor
    economist-in-chief editor-in-chief commander-in-chief chief-of-staff mufti patriarch ayatollah
    superintendent commandant agent investigator auditor accountant administrator
    governor minister secretary-general director-general"""
)

# Verbs that follow a speaker: "Platt said", "said Hill".
REPORTING_VERBS: frozenset[str] = word_set(
    """said says say told tells added adds asked asks explained explains noted notes stated states
    warned warns claimed claims insisted insists argued argues wrote writes replied replies responded
    declared declares announced announces admitted admits acknowledged acknowledges suggested suggests
    recalled recalls remarked remarks continued continues concluded concluded commented comments
    urged urges described describes believes believed thinks thought agreed agrees denied denies
    confirmed confirms estimated estimates predicted predicts reported reports tweeted posted
    stressed stresses emphasised emphasized underlined observed observes quipped joked
    conceded concedes countered counters cautioned cautions complained complains praised praises
    criticised criticized accused accuses blamed blames vowed vows pledged pledges promised promises
    hoped hopes wants wanted feels felt knew knows was is has had had will would could should
    won beat lost scored finished shot led leads met visited called calls became becomes did does
    signed resigned died served serves joined joins took takes made makes gave gives
    who whose whom"""
)

# Lower-case words that may stand between the parts of a name: "Ludwig van Beethoven".
PARTICLES: frozenset[str] = word_set(
    """de da di du del della der den des do dos das van von ten ter la le bin ibn bint al el y
    af zu av st. abu ben wa"""
)

# Words that open sentences or join clauses and so are capitalised without being names.
FUNCTION_WORDS: frozenset[str] = word_set(
    """A An The This That These Those There Here It Its He She They We I You His Her Their Our My Your
    But And Or So Yet If When While After Before As At By For From In On Of To With Without Into Onto
    Over Under Between Among Against During Since Until Unless Although Though Because However
    Meanwhile Also Still Then Now Today Yesterday Tomorrow Earlier Later Last Next Some Many Most All
    Both Each Every One Two Three Four Five Six Seven Eight Nine Ten No Not Nor What Who Whom Whose
    Which Where Why How Why Do Does Did Is Are Was Were Be Been Has Have Had Will Would Could Should
    May Might Must Can Shall Let Please Thank Thanks Yes Oh Well Even Just Only Such Other Another
    Several Few Much More Less Once Twice Again Despite Through Throughout Via Like Unlike Upon
    Within Around About Above Below Near Off Out Up Down Whether Although Whereas Instead Indeed
    Perhaps Maybe Already Almost Always Never Often Sometimes Usually Asked Speaking According Following
    Including Regarding Given Having Being Let Mrs Mr Ms Dr Sir Nevertheless Nonetheless Moreover
    Furthermore Therefore Thus Hence Otherwise Besides Anyway Overall Altogether Rather Quite Very
    Too Ago Ahead Away Back Anyone Anything Everyone Everything Someone Something Nobody Nothing
    None Neither Either Any Us Them Him Me Its Hers Ours Theirs Mine Yours Whoever Whatever Whenever
    Wherever Nor Hi Hello Dear Sorry Ok OK Okay Said Says Added Asked Told Adds Asks Tells"""
)

# Single words that mark an organisation, place, event or thing when part of a capitalised phrase.
ORG_WORDS: frozenset[str] = word_set(
    """Party Union Parliament Assembly Council Committee Commission Congress Senate Court Ministry
    Department Agency Office Bureau Service Services Authority Board Bank Fund Reserve Exchange Market
    Markets Corp Corp. Corporation Inc Inc. Ltd Ltd. Plc PLC LLC Co Co. Company Companies Group
    Holdings Holding Industries Industry Enterprises Partners Associates Airlines Airways Motors
    Systems Technologies Technology Telecom Communications Networks Media News Times Journal Herald
    Tribune Telegraph Guardian Gazette Magazine Review Daily Weekly Radio Television TV Channel
    Broadcasting Network Studios Pictures Records Music Entertainment Games University College School
    Academy Institute Institution Foundation Trust Society Association Federation League Club FC AFC
    United City Rovers Wanderers Athletic Athletico Albion Town County Villa Hotspur Rangers Celtic
    Real Sporting Dynamo Olympique Olympic Olympics Cup Championship Championships Open Games
    Tournament Trophy Prix Series Festival Awards Award Prize Oscars Grammys Conference Summit Forum
    Street Road Avenue Square Centre Center Stadium Arena Airport Hospital Clinic Mosque Sea Ocean
    Islands Gulf Republic Kingdom Federation Emirates States Province Region District Territory
    Territories Peninsula Strait Straits Empire Dynasty Army Navy Force Forces Police Guards Brigade
    Brigades Corps Regiment Command Front Movement Alliance Coalition Organisation Organization Bloc
    Caucus Cabinet Government Administration Regime Treaty Accord Agreement Act Bill Law Plan Programme
    Program Project Initiative Strategy Index Dow Nasdaq Nikkei FTSE Stock Stocks Shares Bond Bonds
    Securities Capital Investment Investments Finance Financial Insurance Assurance Energy Oil Gas
    Petroleum Power Electric Electricity Water Mining Steel Chemicals Pharmaceuticals Foods Brewery
    Breweries Retail Software Hardware Labs Laboratories Research Airbus Boeing Street Office
    Highlights Story Watch Live Read App Photo Photograph Video Picture Getty Images Reuters AFP AP
    Bloomberg Xinhua Interfax Itar-Tass Tass Kyodo ANSA Yonhap Bernama Antara PTI IANS ANI WION BBC CNN
    ITV NBC CBS ABC Google Microsoft Apple Amazon Facebook Twitter Meta Yahoo Intel IBM Sony Nokia
    Samsung Toyota Honda Nissan Volkswagen Fiat Renault Peugeot Chelsea Arsenal Liverpool Everton
    Tottenham Leeds Newcastle Fulham Southampton Blackburn Bolton Middlesbrough Portsmouth Charlton
    Sunderland Wigan Wolves Barcelona Madrid Juventus Milan Inter Bayern Ajax Benfica Porto Lazio Roma
    Napoli Marseille Monaco Lyon Lions Tigers Bears Eagles Giants Jets Yankees Mets Dodgers Lakers
    Knicks Bulls Celtics Warriors Wallabies Springboks Blacks Labour Conservative Conservatives Tory
    Tories Liberal Liberals Democrat Democrats Democratic Republican Republicans Socialist Socialists
    Communist Communists Greens Nationalist Nationalists SNP Plaid Cymru Sinn Fein Ukip UKIP Taleban
    Taliban Hamas Hezbollah Fatah Qaeda Nato NATO EU UN UNESCO WHO IMF OECD OPEC WTO FIFA UEFA IOC ICC
    IAAF RFU ECB FBI CIA NSA MI5 MI6 KGB FSB GOP ANC PLO IRA ETA NASA BP Esso Exxon Mobil Chevron
    Gazprom Rosneft Lukoil Yukos Sibneft Aeroflot Ryanair EasyJet Vodafone Tesco Asda Harrods Barclays
    HSBC Lloyds NatWest RBS Citigroup Citibank Deutsche Commerzbank Vivendi Paramount Universal MGM
    Pixar DreamWorks Miramax Netflix Spotify EMI Wikipedia Internet Web Online Economist Forbes
    Newsweek Vogue Variety Billboard Hollywood Bollywood Broadway Bafta Globes Cannes Sundance
    Wimbledon Twickenham Wembley Anfield Downing Whitehall Westminster Kremlin Pentagon Capitol Elysee
    Élysée Quai Bundestag Duma Knesset Majlis Lok Sabha Rajya Dail Dáil Seanad Storting Riksdag Sejm
    Rada Verkhovna Cortes Stormont Holyrood Commons Lords Euro Euros Dollar Dollars Pound Pounds Yen
    Yuan Rupee Rouble Ruble Lira Franc Francs Peso Pesos Krona Krone Shekel Dinar Rial Riyal
    Ringgit Baht Won Dong Zloty Forint Stade Borussia Bayer Sao Primera Clermont
    Chronicle Examiner Inquirer Courier Sentinel Dispatch Bulletin
    Theatre Theater Rally Registry Museum Gallery Orchestra Ballet Choir Philharmonic Island Islands Springs
    Heights Beach Falls Creek Canyon Harbor
    Harbour Valley Lib Dem Dems Mail Palace Controls Copper Cables Cement Prison Motel
    Safety Managers
    Community Consolidated Receipts Bros SpA GmbH Casa Palacio Palazzo Schloss Plaza Piazza Calle Avenida Rue
    Via Zeitung Wall Koruna Leu Lev Hryvnia Tenge Manat Naira Cedi Shilling Kwacha
    Birr House Lecture Lectures Films Productions Harriers Dons Hotel Hotels Post"""
)

# Capitalised words that are places or peoples, never a person's name on their own.
PLACE_WORDS: frozenset[str] = word_set(
    """Afghanistan Albania Algeria Andorra Angola Argentina Armenia Australia Austria Azerbaijan Bahamas
    Bahrain Bangladesh Barbados Belarus Belgium Belize Benin Bhutan Bolivia Bosnia Herzegovina Botswana
    Brazil Brunei Bulgaria Burkina Faso Burundi Cambodia Cameroon Canada Chad Chile China Colombia
    Comoros Congo Croatia Cuba Cyprus Czech Czechia Denmark Djibouti Dominica Ecuador Egypt Salvador
    Eritrea Estonia Eswatini Ethiopia Fiji Finland France Gabon Gambia Georgia Germany Ghana Greece
    Grenada Guatemala Guinea Guyana Haiti Honduras Hungary Iceland India Indonesia Iran Iraq Ireland
    Israel Italy Jamaica Japan Jordan Kazakhstan Kenya Kiribati Korea Kosovo Kuwait Kyrgyzstan Laos
    Latvia Lebanon Lesotho Liberia Libya Liechtenstein Lithuania Luxembourg Madagascar Malawi Malaysia
    Maldives Mali Malta Mauritania Mauritius Mexico Micronesia Moldova Monaco Mongolia Montenegro
    Morocco Mozambique Myanmar Burma Namibia Nauru Nepal Netherlands Holland Zealand Nicaragua Niger
    Nigeria Macedonia Norway Oman Pakistan Palau Palestine Panama Papua Paraguay Peru Philippines
    Poland Portugal Qatar Romania Russia Rwanda Samoa Marino Saudi Arabia Senegal Serbia Seychelles
    Sierra Leone Singapore Slovakia Slovenia Solomon Somalia Africa Spain Sri Lanka Sudan Suriname
    Sweden Switzerland Syria Taiwan Tajikistan Tanzania Thailand Togo Tonga Trinidad Tobago Tunisia
    Turkey Turkmenistan Tuvalu Uganda Ukraine Emirates Britain England Scotland Wales Ulster Uruguay
    Uzbekistan Vanuatu Vatican Venezuela Vietnam Yemen Zambia Zimbabwe Chechnya Dagestan Tibet Xinjiang
    Kashmir Punjab Crimea Donbas Donbass Gaza Sinai Kurdistan Balkans Caucasus Siberia Scandinavia
    Europe Asia America Americas Antarctica Arctic Atlantic Pacific Mediterranean Caribbean Baltic
    Middle East West North South Eastern Western Northern Southern Central Latin Far Near Greater
    London Paris Berlin Madrid Rome Moscow Kiev Kyiv Minsk Warsaw Prague Vienna Budapest Bucharest
    Sofia Athens Ankara Istanbul Brussels Amsterdam Hague Luxembourg Geneva Zurich Bern Berne Stockholm
    Oslo Copenhagen Helsinki Tallinn Riga Vilnius Dublin Belfast Edinburgh Glasgow Cardiff Manchester
    Birmingham Liverpool Leeds Sheffield Bristol Newcastle Nottingham Leicester Oxford Cambridge
    Brighton Southampton Portsmouth Plymouth Norwich Aberdeen Dundee Swansea Coventry Wolverhampton
    Lisbon Barcelona Milan Naples Turin Florence Venice Munich Frankfurt Hamburg Cologne Bonn Stuttgart
    Marseille Lyon Nice Toulouse Bordeaux Strasbourg Beijing Peking Shanghai Hong Kong Macau Tokyo
    Osaka Kyoto Seoul Pyongyang Taipei Manila Jakarta Bangkok Hanoi Saigon Singapore Kuala Lumpur
    Delhi Mumbai Bombay Calcutta Kolkata Chennai Madras Bangalore Bengaluru Hyderabad Karachi Lahore
    Islamabad Kabul Dhaka Colombo Kathmandu Tehran Baghdad Damascus Beirut Amman Jerusalem Tel Aviv
    Riyadh Jeddah Mecca Medina Dubai Abu Dhabi Doha Muscat Sanaa Cairo Alexandria Tripoli Tunis
    Algiers Rabat Casablanca Khartoum Nairobi Addis Ababa Lagos Abuja Accra Dakar Kinshasa Johannesburg
    Pretoria Harare Lusaka Luanda Kampala Kigali Mogadishu Washington York Jersey Angeles Chicago Boston
    Philadelphia Houston Dallas Atlanta Miami Seattle Francisco Diego Denver Detroit Phoenix Vegas
    Orleans Toronto Montreal Vancouver Ottawa Quebec Mexico Havana Bogota Lima Caracas Santiago Buenos
    Aires Montevideo Rio Janeiro Paulo Brasilia Sydney Melbourne Brisbane Perth Adelaide Canberra
    Auckland Wellington Christchurch Alabama Alaska Arizona Arkansas California Colorado Connecticut
    Delaware Florida Hawaii Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland
    Massachusetts Michigan Minnesota Mississippi Missouri Montana Nebraska Nevada Hampshire Carolina
    Dakota Ohio Oklahoma Oregon Pennsylvania Rhode Tennessee Texas Utah Vermont Virginia Wisconsin
    Wyoming Milwaukee Grozny Sarajevo Belgrade Zagreb Ljubljana Skopje Tirana Pristina Chisinau Tbilisi
    Yerevan Baku Tashkent Almaty Astana Bishkek Dushanbe Ashgabat Ulan Bator Vladivostok Petersburg
    Kaliningrad Novosibirsk Yekaterinburg Kharkiv Odesa Odessa Lviv Mariupol Donetsk Luhansk Kherson
    Midwest Northeast Northwest Southeast Southwest Northeastern Northwestern Southeastern Southwestern
    Va Calif Fla Ill Mass Mich Minn Penn Tenn Tex Wis Wyo Ariz Ark Colo Conn Ga Ind Kan Ky Md Mo Mont
    Neb Nev Okla Ore Pa Vt Lanka Munster Leinster Connacht
    Bakhmut Sevastopol Gdansk Krakow Kraków Wroclaw Lodz Poznan Anglo Euro Afro"""
)

# Adjectives of nationality and other capitalised words for peoples and creeds.
DEMONYMS: frozenset[str] = word_set(
    """Afghan Albanian Algerian American Angolan Argentine Argentinian Armenian Australian Austrian Azerbaijani
    Azeri Bahraini Bangladeshi Belarusian Belgian Bolivian Bosnian Brazilian British Briton Britons
    Bulgarian Burmese Cambodian Cameroonian Canadian Chechen Chilean Chinese Colombian Congolese Croatian
    Croat Cuban Cypriot Czech Danish Dane Dutch Ecuadorean Egyptian English Eritrean Estonian Ethiopian
    European Filipino Finnish French Georgian German Ghanaian Greek Guatemalan Haitian Honduran
    Hungarian Icelandic Indian Indonesian Iranian Iraqi Irish Israeli Italian Jamaican Japanese
    Jordanian Kazakh Kenyan Korean Kosovan Kurdish Kurd Kuwaiti Kyrgyz Lao Latvian Lebanese Liberian
    Libyan Lithuanian Macedonian Malaysian Malian Maltese Mexican Moldovan Mongolian Montenegrin
    Moroccan Mozambican Namibian Nepalese Nepali Nicaraguan Nigerian Nigerien Norwegian Omani Pakistani
    Palestinian Panamanian Paraguayan Persian Peruvian Polish Pole Portuguese Qatari Romanian Russian
    Rwandan Saudi Scottish Scot Scots Senegalese Serbian Serb Sierra Singaporean Slovak Slovenian Lankan Lankans
    Slovene Somali South Soviet Spanish Sri Sudanese Swedish Swede Swiss Syrian Taiwanese Tajik
    Tanzanian Thai Tibetan Tunisian Turkish Turk Turkmen Ugandan Ukrainian Uzbek Venezuelan Vietnamese
    Welsh Yemeni Zambian Zimbabwean Arab Arabs Arabic Asian African Western Eastern Northern Southern
    Latino Hispanic Caucasian Jewish Jew Jews Muslim Muslims Moslem Moslems Christian Christians
    Catholic Catholics Protestant Protestants Orthodox Sunni Shia Shi'ite Shiite Hindu Hindus Sikh
    Sikhs Buddhist Buddhists Islamic Islamist Islamists Zionist Yankee Kremlin Pakistani Emirati
    Americans Russians Germans Chinese Indians Ukrainians Israelis Palestinians Iranians Iraqis Afghans
    Syrians Europeans Africans Asians Australians Canadians Mexicans Brazilians Japanese Koreans
    Italians Spaniards Greeks Turks Poles Kurds Serbs Croats Bosnians Albanians Belgians Swiss"""
)

# Capitalised words that are not names: calendar, headline words and common nouns in titles.
NOT_NAME_WORDS: frozenset[str] = word_set(
    """Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April June July
    August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
    Christmas Easter Ramadan Eid Diwali Hanukkah Thanksgiving Halloween Lent Passover New Year
    Grammy Grammys Bafta Baftas Emmy Emmys Time
    God Allah Jesus Christ Lord Bible Koran Quran Internet Web Covid COVID Coronavirus Ebola Aids AIDS HIV
    Brexit Grexit Watergate Mr Mrs Ms Dr Prof Sir St Mt Ft GMT BST EST PST UTC AM PM BC AD CEO CFO
    Story Highlights Highlights Updated Edited Photograph Photo Image Images Video Watch Read Share Follow
    Subscribe Advertisement Related Click Comment Comments Source Sources Home Top Breaking Latest Live
    Exclusive Analysis Opinion Editorial Feature Features Sport Sports Business Politics Entertainment
    Tech Technology Science Health World National International Local Weather Travel Culture Lifestyle
    Report Reports Update Note Editor Author Copyright Reporting Additional Writing Editing Section
    Page Chapter Part Episode Season Series Volume Table Figure Fig Appendix Index Annex Article
    Olympics Paralympics World Cup League Premier Premiership Division Championship Grand Slam Open
    Super Bowl Tour Stage Round Final Finals Semi Quarter Group Test Tests Match Game Games Race
    Marathon Derby Classic Masters Challenge Trophy Shield Plate Rugby Football Soccer Cricket Tennis
    Golf Boxing Athletics Cycling Swimming Hockey Baseball Basketball Formula One Two Three Four Five
    Six Seven Eight Nine Ten Eleven Twelve Hundred Thousand Million Billion First Second Third Fourth
    Fifth Sixth Seventh Eighth Ninth Tenth Last Next New Old Big Little Great Good Bad Best Worst High
    Low Top Bottom Red Blue White Black Green Yellow Orange Gold Silver Bronze Royal Imperial National
    Federal State Public Private Free Fair Open Special Secret General Global Local Regional Foreign
    Domestic Internal External Official Unofficial Independent Joint United Association Minister
    Ministers Government Officials Opposition Prime President Presidents Secretary Chief Chairman
    Director Manager Coach Captain Leader Leaders Spokesman Spokeswoman Police Army Court Judge Jury
    Parliament Senate Congress Council Committee Commission Cabinet Administration Department
    Ministry Treasury Exchequer Budget Census Election Elections Referendum Poll Polls Vote Votes
    Campaign Manifesto Bill Act Law Laws Constitution Treaty Plan War Wars Peace Battle Crisis Revolution
    Spring Summer Autumn Fall Winter Morning Evening Night Day Days Week Weeks Month Months Year Years
    Era Age Century Decade Generation Millennium Anniversary Birthday Holiday Holidays Festival Fair
    Show Concert Album Single Song Songs Film Films Movie Movies Book Books Novel Play Opera Musical
    Programme Program Channel Station Studio Broadcast Radio Television Press News Newspaper
    Magazine Website Blog Podcast Email E-mail Phone Mobile Computer Software Apps Console PlayStation
    Xbox Nintendo Windows Linux Mac iPod iPhone iPad Android Office Excel Word Outlook Explorer Firefox
    Chrome Safari Java Python Unix DVD CD CDs DVDs TV MP3 PC PCs GPS SMS Wi-Fi Broadband Digital
    Monsieur Ltd Inc Corp Plc Co Bros Jr Sr Jnr Snr II III IV VI VII VIII IX XI XII
    Gross Domestic Product Consumer Price Inflation Interest Rate Rates Stock Market Markets Economy
    Economic Economics Trade Industry Industrial Manufacturing Services Sector Sectors Growth Recession
    Dollar Euro Sterling Pound Yen Profit Profits Loss Losses Sales Revenue Revenues Earnings Shares
    Share Price Prices Oil Gas Energy Power Climate Environment Environmental Pollution Carbon
    Chancellor Deputy Vice Speaker Mayor Governor Senator Ambassador Envoy Bishop Pope King Queen Prince
    Princess Duke Duchess Lady Lord Dame Emperor Empress Sultan Sheikh Emir Ayatollah Imam Father
    Mother Brother Sister Uncle Aunt Baby Son Daughter Husband Wife Family Friends Team Squad Club
    Side Fans Supporters Players Player Manager Boss Owner Chairman Board Staff Workers Union Unions
    Member Members MP MPs MEP MEPs Peer Peers Lords Commons Tory Tories Labour Liberal Democrats
    Republicans Democrats Conservatives Socialists Communists Greens Nationalists Independents
    Yes No Not Oh Ah Hey Wow OK Okay Please Thanks Thank Sorry Hello Goodbye Welcome Dear Attention
    Warning Danger Caution Stop Go Exit Enter Entrance Emergency Help Info Information Contact About
    Terms Privacy Policy Conditions Rights Reserved Advertising Careers Jobs Sitemap Search Menu Login
    Register Sign Newsletter Newsletters Podcasts Videos Pictures Photos Gallery Galleries Graphics
    Interactive Quiz Quizzes Puzzles Crossword Sudoku Games Horoscope Horoscopes Obituaries Obituary
    Letters Letter Reader Readers Viewers Listeners Audience Audiences Public Crowd Crowds People
    Person Persons Man Men Woman Women Child Children Boy Boys Girl Girls Kid Kids Teen Teens Youth
    Adult Adults Elderly Senior Seniors Junior Juniors Student Students Teacher Teachers Doctor Doctors
    Nurse Nurses Patient Patients Mum Mom Dad Grandma Grandpa Granny Mummy Daddy Mister Miss"""
)

GIVEN_NAMES: frozenset[str] = _GIVEN_OR_TITLE - HONORIFICS - (FUNCTION_WORDS - word_set("Will Bob Bill Pat"))
"""Title-cased given names (first names) from shipped data, without those that are titles ("Miss")."""

SPEECH_BEFORE: frozenset[str] = word_set("said says told quoted added asked according")
"""Verbs that put a speaker right after them: "said Hill", "quoted Chernomyrdin"."""

WEAK_VERBS: frozenset[str] = word_set(
    """was is has had will would could should won beat lost scored finished shot led leads met visited
    called became did does signed resigned died served joined took takes made makes gave"""
)
"""Verbs after a name that hint, weakly, that it is a person doing something."""

CALENDAR_WORDS: frozenset[str] = word_set(
    """Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July
    August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec"""
)
"""Days and months, cut from the end of a name ("Woods Tuesday")."""

SPLIT_TITLES: frozenset[str] = word_set(
    """President Minister Secretary Governor Director Chairman Chairwoman CEO Chancellor Senator Sen. Sens. Spokesman
    Spokeswoman Commissioner Ambassador Mayor Premier Speaker Leader Chief Coach Manager Captain Judge
    Prosecutor Envoy Secretary-General Director-General Mr Mrs Ms Dr Prof Sir President-elect Rep. Gov. Rep Sen
    Professor Prof. Dr. Doctor Gen. Col. Lt. Maj. Capt. Sgt. Adm. Mr. Mrs. Ms. Rev. Det. Cmdr. Supt. Insp.
    Representative Congressman Congresswoman Justice General"""
)
"""Titles that end a role phrase inside a run: "Federal Reserve Governor | Lawrence Lindsey"."""

ORG_ROLES: frozenset[str] = word_set(
    """analyst broadcaster publisher producer maker distributor operator retailer developer manufacturer
    provider carrier regulator watchdog owner investor partner sponsor rival host champion giant"""
)
"""Role nouns that also name companies and bodies: "analyst Gartner", "broadcaster ITV"."""

WOMEN_TITLES: frozenset[str] = word_set(
    "Mrs Mrs. Ms Ms. Miss Madam Madame Mme Lady Dame Baroness Duchess Queen Princess Countess"
)
"""Honorifics of women, to tell Mrs Clinton from Mr Clinton."""

MEN_TITLES: frozenset[str] = word_set("Mr Mr. Sir Lord Baron Duke King Prince Count Monsieur Herr Senor Señor")
"""Honorifics of men."""

PLACE_ABBREVIATIONS: frozenset[str] = word_set("U.S. U.K. U.N. E.U. U.S.A. U.A.E. D.C. U.S.S.R.")
"""Dotted abbreviations of places; other dotted capitals are initials ("J.K.")."""

NAME_SUFFIXES: frozenset[str] = word_set("Jr Jr. Sr Sr. Jnr Snr II III IV")
"""Generational suffixes left out of the canonical name."""

FOREIGN_ARTICLES: frozenset[str] = word_set("Der Die Das Le La Les El Los Las Il Lo San Santa Fort Port")
"""Words that open titles of papers, works and places: "Der Spiegel", "San Bernardino"."""

PARTY_LABELS: frozenset[str] = word_set(
    """Tory Tories Labour Conservative Liberal Democrat Democratic Republican Lib Dem SNP Plaid Ukip UKIP
    Green Socialist Communist Unionist Nationalist"""
)
"""Party names that stand before a person's name as a label, not a given name ("Tory David Heathcoat-Amory")."""

ORG_BEFORE: frozenset[str] = word_set(
    """agency newspaper daily weekly paper magazine journal tabloid broadcaster channel station network
    company firm group bank brokerage carrier airline operator maker producer manufacturer retailer
    chain insurer lender fund ship vessel tanker carrier frigate destroyer submarine hotel prison jail
    airport town city village district province region county suburb river port island camp team club
    side party movement organisation organization band film movie book novel album song show series
    programme program website site brand label studio publisher agency's unit subsidiary venue stadium"""
)
"""Lower-case nouns that put the capitalised words after them among organisations, works or places."""

ORG_AFTER: frozenset[str] = word_set(
    """airport hotel stadium bridge street road avenue university school college hospital centre center
    foundation institute prize award trophy cup memorial symposium conference flight flights airline
    airlines group company index fund daily newspaper paper agency chain spokesman spokeswoman
    spokesperson official officials executive executives chairman shares share stock stocks unit units
    subsidiary plant factory mine mines team squad club government administration regime ministry
    office headquarters board staff workers employees management brand products product model
    region province district village town city area border forces troops army police navy military
    analyst analysts researcher researchers boss bosses
    games books novels films movies franchise soundtrack film book novel movie star author creator"""
)
"""Lower-case nouns after a capitalised word that make it the name of an organisation, place or thing."""

MODIFIER_SUFFIXES: tuple[str, ...] = (
    "-based", "-controlled", "-owned", "-run", "-listed", "-born", "-backed", "-led", "-winning", "-nominated",
    "-old", "-style", "-made", "-era", "-bound", "-trained", "-educated", "-elect", "-called",
)
"""Endings of hyphenated modifiers that are never part of a name: "Ohio-based", "Oscar-winning"."""

NOBLE_TITLES: frozenset[str] = word_set(
    """Prince Princess King Queen Lord Lady Baron Baroness Duke Duchess Earl Count Countess Pope Sheikh Emperor
    Empress Sultan Emir Ayatollah Archbishop Cardinal Dame"""
)
"""Titles kept in the name of someone known by one name: "Prince Charles", "Lord Falconer", "Pope Francis"."""

ORG_TAILS: frozenset[str] = word_set(
    """Park Coast Hills Brothers Bros Utd Comics Display Engagement Presse Pradesh Yorkshire Leverkusen Dortmund
    Francais Toulousain Auvergne Artois Schweppes Show Factor Wars Trek Globe Mini Mae Division Patrol Liga
    Garros Vista Benz Romeo Kleinwort Fargo"""
)
"""Words that end names of places, firms, teams and works though they start or are names: "Goodison Park"."""

ORG_NAMES_OF_PEOPLE: frozenset[str] = phrase_set(
    """Morgan Stanley|Merrill Lynch|Lockheed Martin|Eli Lilly|Hewlett Packard|Hewlett-Packard|Grant Thornton
    |Smith Barney|Dow Jones|Goldman Sachs|Johnson Johnson|Procter Gamble|Ernst Young|Price Waterhouse|Arthur Andersen
    |Harley Davidson|Rolls Royce|Rolls-Royce|Aston Martin|Dolce Gabbana|Ben Jerry|Roland Garros|Ask Jeeves
    |Duran Duran|Franz Ferdinand|Warner Music|Dorothy Perkins|Philip Morris|Johnson Matthey|Freddie Mac|Fannie Mae
    |Anheuser Busch|Kinki Nippon|Nottm Forest|Jack Daniels|Johnnie Walker|Tim Hortons"""
)
"""Names of firms, brands and bands that read like people's names: "Morgan Stanley", "Franz Ferdinand"."""
