# Noun patterns: nominal events ("Khan's visit to Washington", "the arrest of Hafiz Saeed",
# "U.S. sanctions on Iran") and complement nouns ("asked for military aid").
#
#   noun [MODIFIER WORDS] HEAD | CONSTRAINTS | CODE
#
# The source of a nominal event is its possessor ("Islamabad's arrest"), an actor modifier
# ("U.S. sanctions", "Pakistani crackdown"), its `by`/`from` phrase, or the subject of a
# light verb that takes it ("held talks"; see `light` in frames.lex). `target=` names the
# prepositions that carry the target. `comp` marks nouns that are no event on their own and
# only fill a frame ("provide aid", "called for restraint").

# ----- 01 ---------------------------------------------------------------------------------
noun statement    | comp | 010
noun comment      | comp target=on/about | 010
noun remark       | comp target=on/about | 010
noun no comment   | | 011
noun pessimism    | target=about/over | 012
noun concern      | target=about/over/at | 012
noun concerns     | target=about/over/at | 012
noun worry        | target=about/over | 012
noun fear         | target=about/over/of | 012
noun skepticism   | target=about/over | 012
noun scepticism   | target=about/over | 012
noun doubt        | target=about/over | 012
noun optimism     | target=about/over | 013
noun confidence   | target=in | 013
noun hope         | target=for | 013
noun review       | target=of | 014
noun responsibility | comp | 015
noun denial       | target=of | 016
noun vigil        | target=for | 017  # lint: allow news.lex codes a vigil 141 and wins; kept because the trigger model reads 017 among the codes of "vigil" (a feature it was trained with)
noun wreath       | comp | 017
noun minute* of silence | | 017
noun homage       | target=to | 017
noun tribute      | target=to | 017
noun condolence   | target=to | 018
noun condolences  | target=to | 018
noun sympathy     | target=to/for/with | 018
noun solidarity   | target=with | 018
noun consensus    | target=with | 019

# ----- 02 ---------------------------------------------------------------------------------
noun appeal       | frame=appeal target=to | 020
noun call         | frame=appeal target=on needcomp | 020
noun request      | frame=appeal target=to | 020
noun plea         | frame=appeal target=to | 020
noun proposal     | frame=appeal target=to | 020
noun suggestion   | frame=appeal | 020
noun petition     | frame=appeal target=to | 114
noun reform petition | target=to | 024
noun invitation   | frame=intent target=to | 036

# ----- 03 ---------------------------------------------------------------------------------
noun offer        | frame=intent target=to | 030
noun promise      | frame=intent target=to | 030
noun pledge       | frame=intent target=to | 030
noun commitment   | frame=intent target=to | 030
noun decision     | frame=decide needcomp | 030
noun willingness  | frame=intent | 030
noun readiness    | frame=intent | 030
noun intention    | frame=intent needcomp | 030
noun plan         | frame=intent needcomp | 030
noun vow          | frame=intent | 030
noun agreement    | frame=intent target=with recip needcomp | 030
noun deal         | frame=intent target=with recip needcomp | 030
noun accord       | frame=intent target=with recip needcomp | 030
noun settlement   | comp | 037
noun peace        | comp | 037
noun peace deal   | comp | 037
noun peace agreement | comp | 037
noun peace accord | comp | 037
noun peace plan   | comp | 037
noun peace process | comp | 037
noun reconciliation | comp | 037
noun agreement    | comp | 030
noun deal         | comp | 030
noun accord       | comp | 030
noun pact         | comp | 030
noun treaty       | comp | 030
noun free trade agreement | comp | 0311
noun trade agreement | comp | 061
noun trade deal   | comp | 061

# ----- 04 ---------------------------------------------------------------------------------
noun meeting      | target=with recip | 040
noun talks        | target=with recip | 046
noun talk         | target=with recip | 046
noun peace talks  | target=with recip | 046
noun negotiations | target=with recip | 046
noun negotiation  | target=with recip | 046
noun dialogue     | target=with recip | 040
noun consultations | target=with recip | 040
noun consultation | target=with recip | 040
noun discussions  | target=with recip | 040
noun discussion   | target=with recip | 040
noun summit       | target=with recip | 040
noun phone call   | target=with/to | 041
noun telephone call | target=with/to | 041
noun phone conversation | target=with | 041
noun telephone conversation | target=with | 041
noun visit        | target=to source=of | 042
noun trip         | target=to source=of | 042
noun tour         | target=of/to | 042
noun state visit  | target=to | 042
noun mediation    | target=between | 045
noun mediation effort | target=between | 045
noun mediation mission | target=between | 045

# ----- 05 ---------------------------------------------------------------------------------
noun praise       | target=for | 051
noun support      | light~express/voice/declare/reiterate/reaffirm/pledge/lend/throw/offer target=for | 051
noun backing      | target=for | 051
noun endorsement  | target=of | 051
noun approval     | target=of | 051
noun recognition  | target=of | 054
noun apology      | target=to | 055
noun forgiveness  | comp | 056
noun ties         | comp target=with | 050
noun relations    | comp target=with | 050
noun diplomatic ties | comp target=with | 050
noun diplomatic relations | comp target=with | 050
noun cooperation  | comp target=with | 060
noun signing      | target=of | 057

# ----- 06 ---------------------------------------------------------------------------------
noun economic cooperation | comp target=with | 061
noun trade        | comp target=with | 061
noun investment   | comp target=in | 061
noun trade relations | comp target=with | 061
noun economic ties | comp target=with | 061
noun military cooperation | comp target=with | 062
noun security cooperation | comp target=with | 062
noun defense cooperation | comp target=with | 062
noun defence cooperation | comp target=with | 062
noun counterterrorism cooperation | comp target=with | 062
noun war games    | target=with recip | 062
noun joint exercise | target=with recip | 062
noun joint exercises | target=with recip | 062
noun military exercise | target=with recip | 062
noun joint patrol | target=with recip | 062
noun arms sale    | target=to | 062
noun military sale | target=to | 062
noun arms deal    | target=with | 062
noun judicial cooperation | comp target=with | 063
noun extradition  | target=of | 063
noun intelligence | comp target=with | 064
noun information  | comp target=on | 064
noun intelligence sharing | target=with | 064

# ----- 07 ---------------------------------------------------------------------------------
noun aid          | comp target=to/for | 070
noun assistance   | comp target=to/for | 070
noun help         | comp target=to/for | 070
noun support      | comp target=to/for | 070
noun supplies     | comp target=to | 070
noun technical support | comp target=for | 070
noun economic aid | comp target=to | 071
noun economic assistance | comp target=to | 071
noun financial aid | comp target=to | 071
noun financial assistance | comp target=to | 071
noun financial support | comp target=to | 071
noun development aid | comp target=to | 071
noun budget support | comp target=to | 071
noun loan         | comp target=to | 071
noun loans        | comp target=to | 071
noun grant        | comp target=to | 071
noun credit       | comp target=to | 071
noun funds        | comp target=to/for | 071
noun funding      | comp target=to/for | 071
noun money        | comp target=to/for | 071
noun million      | comp target=to/for | 071
noun billion      | comp target=to/for | 071
noun debt relief  | comp target=to | 071
noun compensation | comp target=to | 080
noun military aid | comp target=to | 072
noun military assistance | comp target=to | 072
noun security assistance | comp target=to | 072
noun military support | comp target=to | 072
noun military equipment | comp target=to | 072
noun arms         | comp target=to | 072
noun weapons      | comp target=to | 072
noun weapon       | comp target=to | 072
noun ammunition   | comp target=to | 072
noun humanitarian aid | comp target=to | 073
noun humanitarian assistance | comp target=to | 073
noun food aid     | comp target=to | 073
noun emergency aid | comp target=to | 073
noun emergency assistance | comp target=to | 073
noun relief       | comp target=to | 073
noun food         | comp target=to | 073
noun medicine     | comp target=to | 073
noun medicines    | comp target=to | 073
noun shelter      | comp target=to | 073
noun peacekeepers | comp target=to | 074
noun peacekeeping force | comp target=to | 074
noun peacekeeping troops | comp target=to | 074
noun protection   | comp target=to/for | 074
noun troops       | comp target=to | 072
noun asylum       | comp target=to | 075
noun refuge       | comp | 075

# ----- 08 ---------------------------------------------------------------------------------
noun concession   | comp target=to | 080
noun concessions  | comp target=to | 080
noun reform       | comp | 083
noun reforms      | comp | 083
noun political reform | comp | 083
noun political reforms | comp | 083
noun change       | comp | 0832
noun policy change | comp | 0832
noun economic reform | comp | 0832
noun economic reforms | comp | 0832
noun resignation  | source=of | 0831
noun leadership change | comp | 0831
noun regime change | comp | 0834
noun rights       | comp | 0833
noun human rights | comp | 0833
noun freedom      | comp | 0833
noun independence | comp | 0834
noun autonomy     | comp | 0834
noun democracy    | comp | 0834
noun election     | comp | 0834
noun elections    | comp | 0834
noun new election law | comp | 0834
noun referendum   | comp | 0834
noun release      | target=of | 0841
noun prisoner exchange | recip | 0841
noun prisoner swap | recip | 0841
noun amnesty      | target=for | 0841
noun pardon       | target=for | 0841
noun return       | comp target=of | 084
noun restraint    | comp | 087
noun calm         | comp | 087
noun de-escalation | comp | 087
noun ceasefire    | comp target=with | 0871
noun cease-fire   | comp target=with | 0871
noun truce        | comp target=with | 0871
noun withdrawal   | source=of target=from | 0874
noun troop withdrawal | source=of target=from | 0874
noun pullout      | source=of target=from | 0874
noun pull-out     | source=of target=from | 0874
noun retreat      | source=of target=from | 0874
noun surrender    | source=of target=to | 0874
noun demobilization | source=of | 0873
noun disarmament  | source=of | 0873
noun access       | comp | 086
noun humanitarian access | comp | 0863
noun inspections  | comp | 0862
noun inspectors   | comp | 0862
noun observers    | comp | 086
noun easing       | frame=stop target=of | 081

# ----- 09 ---------------------------------------------------------------------------------
noun investigation | target=into/of | 090
noun inquiry       | target=into/of | 090
noun probe         | target=into/of | 090
noun investigation | into~@crime target=into/of | 091
noun investigation | mod~@crime target=into/of | 091
noun probe         | into~@crime target=into/of | 091
noun investigation | into~@hr target=into/of | 092
noun investigation | into~@warcrime target=into/of | 094
noun inquiry       | into~@warcrime target=into/of | 094
noun war crimes investigation | target=into/of | 094
noun fact-finding mission | target=to | 090

# ----- 10 ---------------------------------------------------------------------------------
noun demand       | frame=demand target=on/for | 100
noun demands      | frame=demand target=on/for | 100
noun pressure     | frame=demand target=on source=from | 100
noun ultimatum    | target=to | 139
noun order        | frame=demand needcomp | 100

# ----- 11 ---------------------------------------------------------------------------------
noun criticism    | target=of | 111
noun condemnation | target=of | 111
noun denunciation | target=of | 111
noun accusation   | target=against | 112
noun accusations  | target=against | 112
noun allegation   | target=against | 112
noun allegations  | target=against | 112
noun charge       | target=against | 112
noun charges      | target=against | 112
noun official protest | target=with/to | 114
noun complaint    | target=against/with | 114
noun lawsuit      | target=against | 115
noun suit         | target=against | 115
noun conviction   | target=of | 116
noun verdict      | target=against | 116
noun indictment   | target=of/against | 1121
noun dissatisfaction | target=with/about/over | 110
noun displeasure  | target=with/about/over | 110
noun disapproval  | target=of | 110
noun opposition   | light~express/voice/reiterate target=to | 110
noun regret       | light~express/voice target=over/for | 055
noun objection    | target=to | 110
noun anger        | target=at/over | 110
noun outrage      | target=at/over | 110
noun frustration  | target=with | 110

# ----- 12 ---------------------------------------------------------------------------------
noun rejection    | frame=reject target=of | 120
noun refusal      | frame=reject needcomp | 120
noun veto         | target=of | 129
noun defiance     | target=of | 128
noun violation    | target=of | 128

# ----- 13 ---------------------------------------------------------------------------------
noun threat       | frame=threaten target=to/against needcomp | 130
noun threats      | frame=threaten target=to/against needcomp | 130
noun warning      | frame=threaten target=to | 130

# ----- 14 ---------------------------------------------------------------------------------
noun protest      | frame=protest target=against | 141
noun protests     | frame=protest target=against | 141
noun demonstration | frame=protest target=against | 141
noun rally        | frame=protest target=against | 141
noun march        | frame=protest target=against | 141
noun sit-in       | frame=protest target=against | 141
noun hunger strike | frame=protest target=against | 142
noun strike       | frame=protest target=against | 143
noun general strike | frame=protest target=against | 143
noun boycott      | frame=protest target=of | 143
noun blockade     | subj~@protesters | 144
noun riot         | frame=protest target=against | 145
noun riots        | frame=protest target=against | 145
noun rioting      | frame=protest target=against | 145

# ----- 15 ---------------------------------------------------------------------------------
noun deployment   | target=to/in | 154
noun mobilization | target=against | 154
noun military buildup | target=near/on | 154
noun build-up     | target=near/on | 154
noun buildup      | target=near/on | 154
noun show* of force | target=against | 150
noun missile test | | 150
noun nuclear test | | 150
noun weapons test | | 150
noun alert        | comp | 152
noun patrols      | comp | 153

# ----- 16 ---------------------------------------------------------------------------------
noun sanctions    | target=on/against | 163
noun sanction     | target=on/against | 163
noun embargo      | target=on/against | 163
noun trade embargo | target=on/against | 163
noun arms embargo | target=on/against | 163
noun tariffs      | target=on/against | 163
noun tariff       | target=on/against | 163
noun suspension   | frame=stop target=with/to needcomp | 160
noun cut          | frame=stop target=to needcomp | 160
noun cuts         | frame=stop target=to needcomp | 160
noun freeze       | frame=stop target=on/to needcomp | 160
noun expulsion    | target=of | 166
noun expulsion    | of~@diplomat target=of | 161
noun expulsion    | of~@person target=of | 174

# ----- 17 ---------------------------------------------------------------------------------
noun coercion     | target=of/against | 170
noun raid         | target=on | 1711
noun raids        | target=on | 1711
noun seizure      | target=of | 1711
noun confiscation | target=of | 1711
noun destruction  | target=of | 1712
noun demolition   | target=of | 1712
noun restrictions | target=on | 172
noun restriction  | target=on | 172
noun ban          | target=on | 172
noun ban          | on~@media/speech/rally/rallies/protest/protests/gathering | 1721
noun ban          | on~@party | 1722
noun censorship   | target=of | 1721
noun curfew       | target=on/in | 1723
noun state* of emergency | target=in | 1724
noun martial law  | target=in | 1724
noun emergency rule | target=in | 1724
noun arrest       | target=of | 173
noun arrests      | target=of | 173
noun detention    | target=of | 173
noun imprisonment | target=of | 173
noun prosecution  | target=of | 173
noun trial        | target=of | 173
noun deportation  | target=of | 174
noun crackdown    | target=on/against | 175
noun crackdowns   | target=on/against | 175
noun repression   | target=of | 175
noun suppression  | target=of | 175

# ----- 18 ---------------------------------------------------------------------------------
noun kidnapping   | target=of | 181
noun abduction    | target=of | 181
noun hijacking    | target=of | 181
noun hostage taking | | 181
noun beating      | target=of | 182
noun torture      | target=of | 1822
noun rape         | target=of | 1821
noun bombing      | target=of/on | 183
noun bomb attack  | target=on/against | 183
noun bomb blast   | target=on/against | 183
noun suicide bombing | target=on/against | 1831
noun suicide attack | target=on/against | 1831
noun suicide bomber | | 1831
noun car bomb     | target=on/against | 1832
noun car bombing  | target=on/against | 1832
noun roadside bomb | target=on/against | 1833
noun roadside bombing | target=on/against | 1833
noun human shield | | 184
noun human shields | | 184
noun assassination attempt | target=on/against | 185
noun attempt* assassinate | | 185
noun attempt* on life | | 185
noun assassination | target=of | 186
noun terrorist attack | target=on/against | 180
noun terror attack | target=on/against | 180

# ----- 19 ---------------------------------------------------------------------------------
noun attack       | target=on/against | 190
noun attacks      | target=on/against | 190
noun assault      | target=on/against | 190
noun offensive    | target=against/on | 190
noun military operation | target=against/in | 190
noun military action | target=against | 190
noun fighting     | target=with/against recip | 190
noun clash        | target=with recip | 190
noun clashes      | target=with recip | 190
noun war          | target=against/on/with recip | 190
noun killing      | target=of | 190
noun killings     | target=of | 190
noun blockade     | target=of/on | 191
noun siege        | target=of | 191
noun invasion     | target=of | 192
noun occupation   | target=of | 192
noun annexation   | target=of | 192
noun incursion    | target=into | 192
noun gunfire      | target=on/at | 193
noun shooting     | target=of | 193
noun shelling     | target=of | 194
noun artillery fire | target=on | 194
noun rocket attack | target=on/against | 194
noun rocket fire  | target=on | 194
noun mortar attack | target=on | 194
noun airstrike    | target=on/against | 195
noun airstrikes   | target=on/against | 195
noun air strike   | target=on/against | 195
noun air strikes  | target=on/against | 195
noun air raids    | target=on/against | 195
noun drone strike | target=on/against | 195
noun drone strikes | target=on/against | 195
noun bombing raid | target=on | 195
noun ceasefire violation | | 196
noun ceasefire violations | | 196

# ----- 20 ---------------------------------------------------------------------------------
noun massacre     | target=of | 202
noun mass killing | target=of | 202
noun mass killings | target=of | 202
noun genocide     | target=against | 202
noun ethnic cleansing | target=of/against | 203
noun mass expulsion | target=of | 201
noun chemical attack | target=on/against | 2041
noun gas attack   | target=on/against | 2041
noun chemical weapons attack | target=on | 2041
noun nuclear attack | target=on | 2042

# ----- additions --------------------------------------------------------------------------
noun dissent      | target=against | 140
noun mass violence | target=against | 200
noun atrocities   | target=against | 200
noun removal      | comp | 0831
noun welcome      | target=to | 043
noun goods        | comp target=to | 070
noun presence     | comp | 074
noun military presence | comp | 074
noun air links    | comp target=with | 060
noun links        | comp target=with | 050
noun flights      | comp target=to/with | 060
noun evacuation   | target=of/from | 073
noun rescue       | target=of | 073
noun aid delivery | target=to | 070
noun aid deliveries | target=to | 070
noun deliveries   | comp target=to | 070
noun euros        | comp target=to/for | 071
noun dollars      | comp target=to/for | 071
noun pounds       | comp target=to/for | 071
noun yen          | comp target=to/for | 071
noun oda          | comp target=to | 071
noun development assistance | comp target=to | 071
noun war game     | target=with recip | 062
noun military drills | target=with recip | 062
noun cyber attack | target=on/against | 170
noun cyberattack  | target=on/against | 170
noun cyber warfare | target=against | 170
noun cyberattacks | target=on/against | 170
