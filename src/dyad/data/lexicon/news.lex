# How news says it: the words of wire, local and police reporting for events the codebook
# words differently, and the figurative uses of event words that are no event.
# Written for dyad (see README.md in this folder for the format). Read after nouns.lex, so a
# pattern here wins a tie with a bundled one of the same head.

class @police | police, policeman, policemen, policewoman, cop, cops, officer, officers, constable, constables, sheriff, deputies, agent, agents, authorities, detective, detectives, investigators, security forces, security personnel, paramilitaries, rangers, gendarme, gendarmes, troops, soldiers, army
class @suspects | man, men, woman, women, youth, youths, people, person, persons, suspect, suspects, accused, member, members, leader, leaders, activist, activists, worker, workers, student, students, protester, protesters, militant, militants, driver, journalist, journalists, official, officials
class @projectile | grenade, grenades, bomb, bombs, petrol bomb, petrol bombs, molotov, molotov cocktail, molotov cocktails, explosive, explosives, shell, shells, mortar, mortars, rocket, rockets
class @crowdcontrol | tear gas, teargas, tear-gas, water cannon, water cannons, rubber bullets, rubber bullet, pellets, batons, baton, stun grenades, pepper spray, tear gas shells, tear gas canisters
class @fightwords | opponent, opponents, rival, rivals, critic, critics, policy, policies, plan, record, remarks, comments, decision, proposal, bill, media, press, idea, ideas

# --- arrests and detention (17) --------------------------------------------------------
verb book          | for | 173
verb book          | under | 173
verb pick up       | subj~@police | 173
verb pick up       | by~@police | 173
verb hold          | subj~@police obj~@suspects | 173
verb hold          | by~@police | 173
verb take          | into~custody | 173
verb lock up       | | 173
verb remand        | | 173
verb nab           | | 173
verb net           | obj~@suspects | 173
verb haul          | before~court | 173
noun remand        | | 173
noun roundup       | | 173
noun round-up      | | 173

# --- attacks, fighting, bombs (18-20) --------------------------------------------------
verb storm         | trans | 190
verb lob           | obj~@projectile | 190
verb hurl          | obj~@projectile | 190
# riot-control weapons against a crowd: violent repression (175), not an armed attack
verb lob           | obj~@crowdcontrol target=at/on/into | 175
verb fire          | obj~@crowdcontrol target=at/on/into | 175
verb use           | obj~@crowdcontrol target=against/on/to | 175
verb shoot         | obj~@crowdcontrol target=at/on/into | 175
verb spray         | obj~@crowdcontrol target=obj/at/on | 175
verb hurl          | obj~@crowdcontrol target=at/on/into | 175
verb deploy        | obj~@crowdcontrol target=against/on | 175
verb detonate      | obj~explosive/explosives/bomb/bombs/car_bomb/device/grenade/vest | 183
verb pound         | obj~@territory | 194
verb strike        | obj~convoy/convoys/target/targets/@territory/vehicle/vehicles/checkpoint | 190
verb hit           | subj~airstrike/airstrikes/missile/missiles/rocket/rockets/drone/drones/shell/shells/strike/strikes | 195
verb raid          | subj~@troops | 190
verb set fire      | | 1712
verb set ablaze    | | 1712
verb thrash        | | 182
verb beat up       | | 182
verb stab          | | 182
noun gunfight      | recip | 190
noun firefight     | recip | 190
noun shootout      | recip | 190
noun gunbattle     | recip | 190
noun gun battle    | recip | 190
noun skirmish      | recip | 190
noun ambush        | target=on | 180
noun air raid      | target=on | 195
noun bombardment   | target=of/on | 195
noun stabbing      | | 182
noun lynching      | | 182
noun beheading     | | 180
noun arson         | | 1712

# --- protest (14) ----------------------------------------------------------------------
verb gherao        | | 1444
noun gherao        | | 1444
noun dharna        | | 141
noun bandh         | | 143
noun hartal        | | 143
noun vigil         | | 141
noun walkout       | | 143
verb take          | to~street/streets/road/roads | 141
verb chant         | obj~slogan/slogans | 141
verb stage         | obj~@protest | 141
verb march         | to~parliament/office/embassy/headquarters/house/palace/square | 141

# --- meetings (04) ---------------------------------------------------------------------
verb sit down      | target=with | 040
verb huddle        | target=with | 040

# --- figurative uses that are no event ---------------------------------------------------
verb attack        | mod~verbally | 111
verb attack        | obj~@fightwords | 111
verb talk          | to~@media/reporter/reporters/journalist/journalists/press | 010
verb speak         | to~@media/reporter/reporters/journalist/journalists/press | 010
verb meet          | with~approval/resistance/opposition/success/criticism/skepticism/scepticism/derision/applause | none
verb meet          | obj~target/targets/goal/goals/demand/deadline/standard/standards/need/needs/requirement/requirements/criteria/expectations | none
verb fight         | obj~@ills | none
verb fight         | obj~fire/fires/wildfire/wildfires/blaze/flames/cancer/illness/disease/addiction | none
verb battle        | obj~fire/fires/wildfire/wildfires/blaze/flames/cancer/illness/disease/addiction | none
verb attack        | obj~problem/problems/issue/issues/challenge/challenges/task/question | none
verb tackle        | obj~problem/problems/issue/issues/challenge/challenges/task/question | none

# forms the parser's lemmatiser leaves as they are
verb retook        | | 192
noun sit in        | frame=protest target=against | 141

# ACLED-style and police reporting
class @gatherers | farmer, farmers, resident, residents, villager, villagers, trader, traders, shopkeeper, shopkeepers, lawyer, lawyers, teacher, teachers, doctor, doctors, nurse, nurses, employee, employees, supporter, supporters, hundreds, thousands, dozens
verb gather        | subj~@protesters/@gatherers | 141
verb assemble      | subj~@protesters/@gatherers | 141
verb send          | to~custody/jail/prison/remand/lockup | 173
verb hold          | for~questioning/interrogation | 173
verb detain        | for~questioning/interrogation | 173
verb explode       | subj~ied/ieds/bomb/bombs/device/explosive/explosives/mine/landmine/grenade/car_bomb | 183
verb go off        | subj~ied/ieds/bomb/bombs/device/explosive/explosives/mine/landmine/grenade/car_bomb | 183
