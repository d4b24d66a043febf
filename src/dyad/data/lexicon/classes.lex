# Word classes used by constraints in the other lexicon files (`obj~@aid`, `of~@crime`).
#
#   class @NAME | item, item, item ...
#
# An item is a lemma ("embargo") or several words ("martial law", "state of emergency"): a
# token matches a multi-word item when its lemma is one of the item's words and the other
# content words occur within two dependency steps below it. Items match lemmas and
# lower-cased surface forms, so list plurals only where the lemmatizer keeps them ("talks").

class @troops | troop, troops, force, forces, soldier, army, military, unit, battalion, brigade, division, tank, warship, jet, marine, paratrooper, reinforcement, personnel, militia, navy, fleet, contingent, serviceman, infantry
class @person | prisoner, hostage, detainee, captive, journalist, correspondent, reporter, activist, dissident, opponent, national, citizen, suspect, militant, man, woman, people, person, member, leader, official, worker, student, fighter, civilian, refugee, child, girl, boy, crew, tourist, worker, aid worker, missionary, priest, protester, demonstrator, politician, diplomat, migrant, monk, president, minister, governor, mayor, general, commander, chief, lawmaker, congressman, senator, opponent, blogger, lawyer, prisoner of war, hostages, prisoners, detainees, activists, journalists
class @property | ship, vessel, plane, aircraft, property, land, asset, assets, helicopter, boat, tanker, cargo, remains, body, bodies, artifact, gorilla, embassy, building, farm, house, home, equipment, weapon
class @statement | statement, report, communique, video, document, data, figure, figures, detail, details, list, text, tape, recording, message, transcript, result, results, footage, photo, photograph, picture, album, film, book, song, study, paper, plan, proposal, version, budget
class @sanctions | sanction, sanctions, embargo, boycott, tariff, duty, duties, trade ban, economic sanction, trade restriction, export ban, import ban
class @restriction | restriction, restrictions, ban, curb, curbs, censorship, control, controls, limit, limits, measures, travel ban, visa ban
class @curfew | curfew
class @emergency | state of emergency, martial law, emergency, state of siege, emergency rule, emergency law, emergency measures, military rule, siege
class @ceasefire | ceasefire, cease-fire, truce, armistice, cessation of hostilities
class @agreement | agreement, treaty, accord, deal, pact, protocol, memorandum, convention, contract, charter, understanding, declaration, compact, arrangement, framework
class @ties | tie, ties, relation, relations, relationship, contact, contacts, link, links, dialogue, diplomatic relations, diplomatic ties
class @econ | trade, economic tie, trade tie, economic relation, trade relation, economic cooperation, trade link, commerce, investment, business tie
class @milcoop | military tie, military cooperation, security cooperation, defense cooperation, defence cooperation, military relation, security tie, defense tie, military alliance, alliance
class @intel | intelligence, information, evidence, data, expertise, know-how, detail, details, intel, file, files, secret
class @weapons | weapon, weapons, arms, weaponry, missile, rocket, ammunition, munition, munitions, tank, jet, fighter jet, aircraft, helicopter, drone, gun, rifle, military equipment, warplane, bomber, artillery, F-16, submarine
class @media | newspaper, paper, media, press, website, site, station, broadcaster, channel, publication, magazine, journal, internet, television, radio, network, outlet, daily, weekly, news agency, social media, twitter, facebook
class @party | party, candidate, politician, opposition, organization, organisation, group, movement, faction, union, leader, front
class @protest | protest, demonstration, rally, march, strike, boycott, sit-in, agitation, walkout, hunger strike, blockade, picket, riot, unrest, dissent
class @meeting | meeting, visit, trip, summit, talks, talk, conference, negotiation, negotiations, session, consultation, tour, dialogue
class @diplomat | ambassador, envoy, diplomat, diplomats, consul, attache, charge d'affaires, emissary, embassy staff, mission
class @embassy | embassy, consulate, mission, legation
class @peacekeepers | peacekeeper, peacekeepers, peacekeeping force, peacekeeping troops, peacekeeping mission, blue helmet, protection force, stabilization force
class @inspectors | inspector, inspectors, observer, observers, monitor, monitors, observer mission, monitoring mission, fact-finding mission, investigator, investigators, team
class @aidgroups | aid agency, aid agencies, aid worker, aid workers, relief agency, relief worker, NGO, humanitarian worker, humanitarian agency, charity, UNHCR, Red Cross, agency
class @crime | crime, corruption, fraud, murder, killing, theft, bribery, embezzlement, kickback, kickbacks, smuggling, trafficking, terrorism, laundering, money laundering, misuse, misappropriation, graft, abuse of power, tax evasion, bribe, extortion, racketeering, drug, embezzle, steal, launder, misuse funds, kill, murder, plot, conspiracy, sabotage, arson, robbery, financing, terrorist financing
class @hr | abuse, abuses, torture, human rights, right, rights, rights violation, discrimination, persecution, disappearance, repression, mistreatment, ill-treatment, violation of human rights, violate rights, rape, detention, extrajudicial killing, arbitrary arrest
class @aggression | aggression, attack, invasion, incursion, shelling, provocation, violate ceasefire, violation of ceasefire, ceasefire violation, intervention, hostility, hostilities, aggressive, raid, bombing, infiltration, meddling, interference, interfere, meddle, invade, attack, start war, occupation, expansionism, militarism, arm
class @warcrime | war crime, war crimes, atrocity, atrocities, genocide, crimes against humanity, massacre, ethnic cleansing
class @espionage | espionage, spying, spy, treason, sedition, collaboration, collaborate, treachery, betrayal, spying for
class @money | million, billion, trillion, dollar, fund, funds, funding, grant, loan, credit, money, cash, euro, yen, pound, shilling, rupee, yuan, ruble, franc, financing, budget support, $, m, bn
class @territory | territory, town, village, city, area, region, province, land, island, base, airport, position, positions, stronghold, hill, outpost, district, capital, port, enclave, zone, border crossing, oilfield, neighborhood, camp, valley, peninsula, control
class @leader | leader, chief, president, minister, governor, commander, mayor, premier, king, general, prime minister, deputy, head, chairman, sheikh, emir, cleric, judge, prosecutor, lawmaker, senator, parliamentarian, politician, spokesman, official
class @power | power, office, control, authority, leadership, presidency, post, position, seat, throne
class @election | election, elections, vote, poll, polls, referendum, ballot
class @protesters | protester, protesters, demonstrator, demonstrators, rioter, rioters, crowd, crowds, mob, student, students, worker, workers, youth, youths, marcher, activist
class @ills | corruption, poverty, inflation, disease, diseases, crime, hunger, famine, illiteracy, unemployment, climate change, global warming, pandemic, epidemic, virus, coronavirus, covid, covid-19, malaria, polio, cancer, fire, fires, wildfire, drugs, addiction, pollution, smog, locust, locusts, debt, deficit, tax evasion, fake news, misinformation, obesity, illness, flood, floods, drought
