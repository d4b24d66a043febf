# Verb and adjective (predicate) patterns.  Format: see README.md.
#
#   verb LEMMA [MORE WORDS] | CONSTRAINTS | CODE
#   adj  [MORE WORDS] LEMMA | CONSTRAINTS | CODE
#
# The source is the subject (the `by` agent of a passive), the target the object (the
# subject of a passive) unless `target=` says where else to look.

# ===== 01 statements ====================================================================
verb say        | frame=say target=to | 010
verb tell       | frame=say target=obj/iobj | 010
verb state      | frame=say | 010
verb announce   | frame=say | 010
verb declare    | frame=say | 010
verb add        | frame=say ccomp | 010
verb note       | frame=say ccomp | 010
verb stress     | frame=say | 010
verb emphasize  | frame=say | 010
verb emphasise  | frame=say | 010
verb explain    | frame=say ccomp | 010
verb remark     | frame=say | 010
verb comment    | frame=say target=on | 010
verb reiterate  | frame=say | 010
verb affirm     | frame=say | 010
verb reaffirm   | frame=say | 010
verb assert     | frame=say | 010
verb confirm    | frame=say | 010
verb disclose   | frame=say | 010
verb reveal     | frame=say ccomp | 010
verb report     | frame=say ccomp | 010
verb tweet      | frame=say | 010
verb write      | frame=say ccomp | 010
verb inform     | frame=say target=obj | 010
verb brief      | frame=say target=obj | 010
verb quote      | frame=say | 010
verb describe   | frame=say as | 010
verb proclaim   | frame=say | 010
verb argue      | frame=say | 010
verb maintain   | frame=say ccomp | 010
verb contend    | frame=say | 010
verb predict    | frame=say | 010
verb acknowledge | frame=say ccomp | 010
verb suggest    | frame=say ccomp | 010
verb speak      | target=to/with | 010
verb decline comment | | 011
verb refuse comment  | | 011
verb decline | xcomp~comment/elaborate/discuss/confirm/speculate | 011
verb refuse  | xcomp~comment/elaborate/discuss/confirm/speculate | 011
adj  pessimistic | target=about/on/over | 012
adj  skeptical   | target=about/of/over | 012
adj  sceptical   | target=about/of/over | 012
adj  doubtful    | target=about/of | 012
adj  worried     | target=about/by/over | 012
adj  concerned   | target=about/by/over | 012
adj  gloomy      | | 012
verb doubt       | | 012
verb fear        | | 012
verb lament      | | 012
verb worry       | target=about | 012
adj  optimistic  | target=about/on/over | 013
adj  confident   | target=about/of | 013
adj  hopeful     | target=about/of | 013
adj  upbeat      | | 013
verb consider    | | 014
verb explore     | obj~possibility/option/idea/way/proposal/plan/possibilities/options/ways | 014
verb study       | obj~proposal/plan/option/possibility/idea/request/offer | 014
verb weigh       | obj~option/options/proposal/possibility/plan/idea/move | 014
verb mull        | | 014
verb contemplate | | 014
verb ponder      | | 014
verb review      | obj~policy/policies/plan/options/strategy/decision/relations/ties/aid | 014
verb deliberate  | | 014
verb claim responsibility  | | 015
verb take responsibility   | | 015
verb accept responsibility | | 015
verb admit       | | 015
verb concede     | ccomp | 015
verb deny        | | 016
verb deny        | obj~entry/access/visa/visas/permission/landing | 1245
verb reject      | obj~charge/charges/allegation/allegations/accusation/accusations/claim/claims/report/reports/suggestion | 016
verb dismiss     | obj~charge/charges/allegation/allegations/accusation/accusations/claim/claims/report/reports | 016
verb refute      | | 016
verb rebut       | | 016
verb attend      | obj~funeral/memorial/ceremony/vigil/commemoration/service/burial | 017
verb lay wreath  | target=at | 017
verb observe     | obj~silence/minute/anniversary/day | 017
verb pay homage  | target=to | 017
verb pay tribute | target=to | 017
verb pay respects | target=to | 017
verb mourn       | | 017
verb commemorate | | 017
verb condole     | | 018
verb sympathize  | target=with | 018
verb sympathise  | target=with | 018
verb commiserate | target=with | 018
verb console     | | 018
verb agree       | ccomp | 019
verb concur      | target=with | 019
verb share       | obj~view/views/concern/concerns/position/assessment/vision/goal/goals | 019

# ===== 02 appeals ========================================================================
verb urge        | frame=appeal | 020
verb appeal      | frame=appeal target=to | 020
verb call        | on frame=appeal target=on | 020
verb call        | for frame=appeal | 020
verb call        | frame=appeal xcomp | 020
verb ask         | frame=appeal needcomp | 020
verb request     | frame=appeal | 020
verb plead       | frame=appeal target=with | 020
verb beg         | frame=appeal | 020
verb implore     | frame=appeal | 020
verb encourage   | frame=appeal | 020
verb recommend   | frame=appeal | 020
verb advise      | frame=appeal needcomp | 020
verb propose     | frame=appeal target=to | 020
verb seek        | frame=appeal target=from needcomp | 020
verb lobby       | frame=appeal | 020
verb push        | frame=appeal needcomp | 020
verb exhort      | frame=appeal | 020
verb invite      | frame=intent | 036
verb invite      | obj~@inspectors | 0355
verb petition    | frame=appeal | 024
verb suggest     | frame=appeal xcomp | 020

# ===== 03 intent ==========================================================================
verb agree       | frame=intent target=with recip | 030
verb agree       | frame=intent on recip | 030
verb agree       | frame=intent upon recip | 030
verb agree       | frame=intent to recip | 030
verb promise     | frame=intent target=iobj/to | 030
verb pledge      | frame=intent target=to | 030
verb vow         | frame=intent | 030
verb swear       | frame=intent | 030
verb offer       | frame=intent target=iobj/to | 030
verb commit      | frame=intent | 030
adj  committed   | frame=intent | 030
verb undertake   | frame=intent xcomp | 030
verb volunteer   | frame=intent | 030
verb decide      | frame=intent needcomp | 030
verb resolve     | frame=intent xcomp | 030
verb consent     | frame=intent | 030
verb guarantee   | frame=intent | 030
verb assure      | frame=intent target=obj | 030
verb intend      | frame=intent needcomp | 030
verb plan        | frame=intent needcomp | 030
verb prepare     | frame=intent xcomp | 030
verb accept      | frame=accept | 030
verb accept      | obj~@agreement/formula/plan/proposal/settlement/compromise | 037
verb accept      | obj~@person/refugee/refugees/migrant/migrants | 0833
verb accept      | obj~@inspectors | 0862
verb accept      | obj~@peacekeepers | 0861
verb accede      | to frame=accept | 083
verb reach       | obj~@agreement/consensus/compromise/settlement frame=intent recip target=with | 030
verb pursue      | obj~deal/agreement/settlement/talks/negotiation/negotiations/dialogue/peace/accord | 036
adj  ready       | frame=intent | 030
adj  willing     | frame=intent | 030
adj  prepared    | frame=intent | 030
adj  eager       | frame=intent | 030
adj  keen        | frame=intent | 030
adj  determined  | frame=intent | 030
adj  open        | to frame=intent | 030
verb settle      | obj~dispute/conflict/differences/issue/row/quarrel | 037
verb resolve     | obj~dispute/conflict/differences/issue/row/crisis | 037

# ===== 04 consult =========================================================================
verb meet        | target=obj/with recip | 040
verb talk        | target=with/to recip | 040
verb discuss     | target=with recip | 040
verb consult     | target=obj/with recip | 040
verb confer      | target=with recip | 040
verb convene     | | 040
verb gather      | target=with | 040
verb telephone   | | 041
verb phone       | | 041
verb call        | obj~@leader | 041
verb speak       | by~phone/telephone target=with/to | 041
verb speak       | over~phone/telephone target=with/to | 041
verb visit       | | 042
verb travel      | target=to needtarget | 042
verb fly         | target=to needtarget | 042
verb arrive      | target=in/at needtarget | 042
verb go          | target=to needtarget | 042
verb come        | target=to needtarget | 042
verb head        | target=to/for needtarget | 042
verb leave       | target=for needtarget | 042
verb tour        | | 042
verb land        | target=in needtarget | 042
verb host        | | 043
verb receive     | obj~@leader/delegation/envoy/ambassador/minister/visitor/guest/counterpart/president/king | 043
verb welcome     | obj~@leader/delegation/envoy/ambassador/minister/visitor/guest/counterpart/president/king | 043
verb entertain   | obj~@leader/delegation/guest | 043
verb mediate     | target=between | 045
verb broker      | | 045
verb negotiate   | target=with recip | 046
verb bargain     | target=with recip | 046
verb haggle      | target=with recip | 046

# ===== 05 diplomatic cooperation ==========================================================
verb praise      | | 051
verb commend     | | 051
verb laud        | | 051
verb hail        | | 051
verb applaud     | | 051
verb endorse     | | 051
verb back        | | 051
verb support     | | 051
verb welcome     | | 051
verb congratulate | | 051
verb thank       | | 051
verb approve     | | 051
verb salute      | | 051
verb compliment  | | 051
verb fete        | | 051
verb honor       | | 051
verb honour      | | 051
verb appreciate  | | 051
adj  satisfied   | target=with | 051
adj  pleased     | target=with | 051
adj  grateful    | target=to | 051
verb defend      | | 052
verb justify     | | 052
verb stand       | by | 052
verb rally       | obj~support target=for | 053
verb mobilize    | obj~support target=for | 053
verb mobilise    | obj~support target=for | 053
verb recognize   | | 054
verb recognise   | | 054
verb establish   | obj~@ties target=with recip | 054
verb open        | obj~@embassy target=in | 054
verb restore     | obj~@ties target=with recip | 050
verb resume      | obj~@ties target=with recip | 050
verb renew       | obj~@ties target=with recip | 050
verb upgrade     | obj~@ties target=with recip | 050
verb normalize   | obj~@ties target=with recip | 050
verb normalise   | obj~@ties target=with recip | 050
verb improve     | obj~@ties target=with recip | 050
verb strengthen  | obj~@ties target=with recip | 050
verb expand      | obj~@ties target=with recip | 050
verb deepen      | obj~@ties target=with recip | 050
verb boost       | obj~@ties target=with recip | 050
verb enhance     | obj~@ties target=with recip | 050
verb bolster     | obj~@ties target=with recip | 050
verb cement      | obj~@ties/cooperation/partnership/alliance/friendship target=with recip | 050
verb forge       | obj~@ties/alliance/partnership target=with recip | 050
verb apologize   | target=to | 055
verb apologise   | target=to | 055
verb regret      | | 055
verb forgive     | | 056
verb reconcile   | target=with recip | 056
verb sign        | obj~@agreement target=with recip | 057
verb conclude    | obj~@agreement target=with recip | 057
verb ratify      | | 057
verb finalize    | obj~@agreement | 057
verb finalise    | obj~@agreement | 057
verb ink         | | 057
verb initial     | obj~@agreement | 057
verb strike      | obj~@agreement target=with recip | 057

# ===== 06 material cooperation ============================================================
verb cooperate   | target=with recip | 060
verb collaborate | target=with recip | 060
verb partner     | target=with recip | 060
verb cooperate   | on~@econ/economy/trade/energy/investment target=with recip | 061
verb cooperate   | on~security/defense/defence/counterterrorism/terrorism/military target=with recip | 062
verb trade       | target=with recip | 061
verb invest      | target=in | 061
verb export      | target=to | 061
verb import      | target=from | 061
verb sell        | obj~@weapons target=to | 062
verb sell        | target=to needtarget | 061
verb buy         | obj~@weapons target=from | 062
verb buy         | target=from needtarget | 061
verb purchase    | target=from needtarget | 061
verb strengthen  | obj~@econ target=with recip | 061
verb expand      | obj~@econ target=with recip | 061
verb boost       | obj~@econ target=with recip | 061
verb ramp up     | obj~@econ target=with recip | 061
verb strengthen  | obj~@milcoop target=with recip | 062
verb expand      | obj~@milcoop target=with recip | 062
verb train       | obj~@troops/police/officers | 062
verb extradite   | target=to | 063
verb hand over   | obj~suspect/suspects/fugitive/fugitives/militant/militants/bomber/bombers/criminal/criminals/accused target=to | 063
verb repatriate  | | 063
verb share       | obj~@intel target=with | 064
verb exchange    | obj~@intel target=with recip | 064
verb pass        | obj~@intel target=to | 064
verb provide     | obj~@intel target=to/iobj | 064
verb supply      | obj~@intel target=to/iobj | 064

# ===== 07 aid =============================================================================
verb provide     | frame=supply target=to/for/iobj needcomp | 070
verb give        | frame=supply target=to/iobj needcomp | 070
verb send        | frame=supply target=to/iobj needcomp | 070
verb deliver     | frame=supply target=to/iobj needcomp | 070
verb extend      | frame=supply target=to/iobj needcomp | 070
verb grant       | frame=supply target=to/iobj needcomp | 070
verb donate      | frame=supply target=to/iobj needcomp | 070
verb supply      | frame=supply target=to/iobj needcomp | 070
verb ship        | frame=supply target=to needcomp | 070
verb airlift     | frame=supply target=to needcomp | 070
verb dispatch    | frame=supply target=to needcomp | 070
verb contribute  | frame=supply target=to needcomp | 070
verb allocate    | frame=supply target=to/for needcomp | 070
verb disburse    | frame=supply target=to needcomp | 070
verb release     | obj~@money target=to/for | 071
verb channel     | frame=supply target=to needcomp | 070
verb hand over   | frame=supply target=to needcomp | 070
verb unfreeze    | frame=supply target=to needcomp | 070
verb restore     | frame=supply target=to needcomp | 070
verb resume      | frame=supply target=to needcomp | 070
verb approve     | frame=supply target=for/to needcomp | 070
verb authorize   | frame=supply target=to/for needcomp | 070
verb authorise   | frame=supply target=to/for needcomp | 070
verb fund        | | 071
verb finance     | | 071
verb bankroll    | | 071
verb subsidize   | | 071
verb lend        | target=to/iobj | 071
verb loan        | target=to/iobj | 071
verb forgive     | obj~debt/debts/loan/loans | 071
verb write off   | obj~debt/debts/loan/loans | 071
verb cancel      | obj~debt/debts | 071
verb assist      | | 070
verb aid         | | 070
verb rescue      | | 073
verb evacuate    | | 073
verb feed        | | 073
verb shelter     | | 073
verb grant       | obj~asylum/refuge/sanctuary | 075
verb deploy      | obj~@peacekeepers target=to/in | 074

# ===== 08 yield ===========================================================================
verb yield       | target=to | 080
verb concede     | target=to | 080
verb cave        | in target=to | 080
verb give in     | target=to | 080
verb back down   | | 080
verb compensate  | | 080
verb pay         | obj~compensation/reparation/reparations/damages/ransom target=to | 080
verb ease        | obj~@restriction target=on | 081
verb lift        | obj~@restriction target=on | 081
verb relax       | obj~@restriction target=on | 081
verb loosen      | obj~@restriction target=on | 081
verb remove      | obj~@restriction target=on | 081
verb scrap       | obj~@restriction target=on | 081
verb abolish     | obj~@restriction target=on | 081
verb ease        | obj~@restriction on~@media/press/speech/expression/assembly/freedom | 0811
verb lift        | obj~ban on~@party/candidate/politician/opposition | 0812
verb legalize    | obj~@party | 0812
verb legalise    | obj~@party | 0812
verb unban       | | 0812
verb allow       | obj~@party/candidate/politician/opposition/leader | 0812
verb lift        | obj~@curfew target=on/in | 0813
verb ease        | obj~@curfew target=on/in | 0813
verb relax       | obj~@curfew target=on/in | 0813
verb end         | obj~@curfew target=on/in | 0813
verb lift        | obj~@emergency target=on/in | 0814
verb ease        | obj~@emergency target=on/in | 0814
verb end         | obj~@emergency target=on/in | 0814
verb revoke      | obj~@emergency target=on/in | 0814
verb call off    | obj~@protest | 082
verb cancel      | obj~@protest | 082
verb suspend     | obj~@protest | 082
verb postpone    | obj~@protest | 082
verb end         | obj~@protest | 082
verb accede      | | 083
verb introduce   | obj~reform/reforms/law/wage/rule | 0832
verb implement   | obj~reform/reforms | 083
verb enact       | obj~reform/reforms/law | 0832
verb democratize | | 0834
verb democratise | | 0834
verb resign      | | 0831
verb step down   | | 0831
verb quit        | | 0831
verb abdicate    | | 0831
verb hand over   | obj~@power target=to | 0831
verb relinquish  | obj~@power | 0831
verb cede        | obj~@power | 0831
verb allow       | obj~@person/refugee/refugees/people/citizens | 0833
verb grant       | obj~rights/right/freedom/freedoms/autonomy/citizenship/amnesty | 0833
verb respect     | obj~rights/right | 0833
verb release     | obj~@person/%person | 0841
verb release     | obj~@property | 0842
verb release     | obj~@statement | 010
verb free        | obj~@person/%person | 0841
verb pardon      | | 0841
verb amnesty     | | 0841
verb swap        | obj~prisoner/prisoners/hostages/detainees | 0841
verb exchange    | obj~prisoner/prisoners/hostages/detainees/captives | 0841
verb return      | obj~@property target=to | 0842
verb return      | obj~@person/%person target=to | 0841
verb hand back   | target=to | 0842
verb lift        | obj~@sanctions target=on/against | 085
verb ease        | obj~@sanctions target=on/against | 085
verb relax       | obj~@sanctions target=on/against | 085
verb suspend     | obj~@sanctions target=on/against | 085
verb remove      | obj~@sanctions target=on/against | 085
verb end         | obj~@sanctions target=on/against | 085
verb waive       | obj~@sanctions target=on/against | 085
verb drop        | obj~@sanctions target=on/against | 085
verb allow       | obj~@inspectors | 0862
verb allow       | obj~@peacekeepers | 0861
verb allow       | obj~@aidgroups/aid/access/relief/assistance/supplies/convoy/convoys | 0863
verb admit       | obj~@inspectors | 0862
verb receive     | obj~@inspectors | 086
verb open        | obj~border/borders/airspace/crossing/crossings target=to | 086
verb reopen      | obj~border/borders/airspace/crossing/crossings target=to | 086
verb re-open     | obj~border/borders/airspace/crossing/crossings target=to | 086
verb de-escalate | | 087
verb disengage   | | 087
verb declare     | obj~@ceasefire | 0871
verb observe     | obj~@ceasefire | 0871
verb implement   | obj~@ceasefire | 0871
verb respect     | obj~@ceasefire | 0871
verb lift        | obj~blockade/siege | 0872
verb ease        | obj~blockade/siege | 0872
verb demobilize  | | 0873
verb demobilise  | | 0873
verb disarm      | | 0873
verb lay down    | obj~arms/weapons | 0873
verb surrender   | obj~@weapons | 0873
verb decommission | | 0873
verb surrender   | target=to | 0874
verb retreat     | | 0874
verb pull out    | | 0874
verb pull back   | | 0874
verb withdraw    | obj~@troops target=from | 0874
verb withdraw    | subj~@troops target=from | 0874

# ===== 09 investigate =====================================================================
verb investigate | | 090
verb probe       | | 090
verb examine     | | 090
verb inquire     | target=into | 090
verb look into   | | 090
verb interrogate | | 090
verb question    | | 090
verb investigate | obj~@crime | 091
verb probe       | obj~@crime | 091
verb investigate | obj~@hr | 092
verb probe       | obj~@hr | 092
verb investigate | obj~@aggression | 093
verb investigate | obj~@warcrime | 094
verb probe       | obj~@warcrime | 094

# ===== 10 demand ==========================================================================
verb demand      | frame=demand target=from/of | 100
verb insist      | frame=demand target=on needcomp | 100
verb order       | frame=demand needcomp | 100
verb require     | frame=demand xcomp | 100
verb command     | frame=demand needcomp | 100
verb instruct    | frame=demand | 100
verb press       | frame=demand target=obj/for | 100
verb pressure    | frame=demand | 100
verb pressurize  | frame=demand | 100
verb compel      | frame=demand | 100
verb force       | frame=demand xcomp | 100
verb issue       | obj~ultimatum | 139

# ===== 11 disapprove ======================================================================
verb disapprove  | target=of | 110
verb object      | target=to | 110
verb oppose      | | 110
verb complain    | target=about/to/of | 110
verb summon      | obj~@diplomat | 110
verb regret      | obj~decision/refusal/move | 110
verb protest     | obj~decision/move/plan/arrest/killing/treatment/detention/policy | 111
adj  dissatisfied | target=with/about/at/over | 110
adj  unhappy     | target=with/about/at/over | 110
adj  displeased  | target=with/about/at/over | 110
adj  angry       | target=with/about/at/over | 110
adj  upset       | target=with/about/at/over | 110
adj  disappointed | target=with/about/at/over/by | 110
adj  frustrated  | target=with/about/at/over/by | 110
adj  critical    | target=of | 111
adj  satisfied   | neg target=with | 110
adj  happy       | neg target=with/about | 110
adj  pleased     | neg target=with | 110
verb criticize   | | 111
verb criticise   | | 111
verb condemn     | | 111
verb denounce    | | 111
verb decry       | | 111
verb slam        | | 111
verb blast       | | 111
verb lambaste    | | 111
verb castigate   | | 111
verb censure     | | 111
verb rebuke      | | 111
verb harden      | obj~tone/stance/position/line/rhetoric target=against/toward/towards | 111
verb deplore     | | 111
verb chide       | | 111
verb scold       | | 111
verb reprimand   | | 111
verb berate      | | 111
verb disparage   | | 111
verb ridicule    | | 111
verb mock        | | 111
verb assail      | | 111
verb attack      | obj~policy/policies/decision/remarks/statement/plan/stance/comments | 111
verb accuse      | | 112
verb blame       | target=obj/for | 112
verb allege      | | 112
verb accuse      | of~@crime | 1121
verb accuse      | of~@hr | 1122
verb accuse      | of~@aggression | 1123
verb accuse      | of~@warcrime | 1124
verb accuse      | of~@espionage | 1125
verb blame       | for~@aggression | 1123
verb indict      | | 1121
verb indict      | for~@warcrime | 1124
verb rally       | obj~opposition against target=against | 113
verb mobilize    | against target=against | 113
verb mobilise    | against target=against | 113
verb incite      | against target=against | 113
verb lodge       | obj~protest/complaint/objection target=with | 114
verb file        | obj~complaint/protest/objection target=with/against | 114
verb file        | obj~lawsuit/suit/case/charges target=against | 115
verb sue         | | 115
verb take        | obj~court | 115
verb convict     | | 116
verb find        | oprd~guilty/liable | 116
verb sentence    | | 116

# ===== 12 reject ==========================================================================
verb reject      | frame=reject | 120
verb refuse      | frame=reject | 120
verb decline     | frame=reject needcomp | 120
verb rebuff      | frame=reject | 120
verb spurn       | frame=reject | 120
verb turn down   | frame=reject | 120
verb rule out    | frame=reject | 120
verb dismiss     | frame=reject needcomp | 120
verb renege      | on frame=reject | 120
verb resist      | frame=reject needcomp | 124
verb defy        | | 128
verb violate     | | 128
verb flout       | | 128
verb disobey     | | 128
verb breach      | | 128
verb ignore      | obj~law/ban/order/resolution/ruling/warning/demand/demands/call/calls | 128
verb veto        | | 129
verb block       | obj~resolution/bill/proposal/motion/measure | 129

# ===== 13 threaten ========================================================================
verb threaten    | frame=threaten | 130
verb warn        | frame=threaten | 130
verb menace      | | 130
verb intimidate  | | 130
verb issue       | obj~threat frame=threaten | 130
verb tighten     | obj~blockade target=on/of | 1381

# ===== 14 protest =========================================================================
verb protest     | frame=protest target=against | 141
verb demonstrate | intrans frame=protest target=against | 141
verb rally       | intrans frame=protest target=against | 141
verb march       | intrans frame=protest target=against/on | 141
verb picket      | | 141
verb go          | on~strike frame=protest | 143
verb strike      | subj~@protesters frame=protest | 143
verb boycott     | frame=protest | 143
verb walk out    | frame=protest | 143
verb block       | obj~road/roads/street/streets/bridge/highway/entrance/access/traffic/railway/port/route frame=protest | 144
verb blockade    | subj~@protesters frame=protest | 144
verb occupy      | subj~@protesters frame=protest | 144
verb riot        | intrans frame=protest | 145
verb clash       | subj~@protesters target=with | 145
verb stone       | | 145

# ===== 15 force posture ===================================================================
verb mobilize    | obj~@troops target=against | 154
verb mobilise    | obj~@troops target=against | 154
verb deploy      | obj~@troops target=to/in/against | 154
verb mass        | obj~@troops target=on/near | 154
verb reinforce   | | 154
verb strengthen  | obj~force/forces/presence | 154
verb increase    | obj~force/forces/presence/troops | 154
verb put         | on~alert | 152
verb place       | on~alert | 152
verb remain      | on~alert | 152
verb go          | on~alert | 152
verb tighten     | obj~security | 151
verb heighten    | obj~security | 151
verb step up     | obj~security/patrols/patrol | 153
verb patrol      | | 153
verb test        | obj~@weapons | 150
verb test-fire   | | 150
verb flex        | obj~muscle/muscles | 150
verb prepare     | xcomp~shell/attack/strike/invade | 150

# ===== 16 reduce relations ================================================================
verb cut         | frame=stop target=to/for/with needcomp | 160
verb cut off     | frame=stop target=to/for/with needcomp | 160
verb halt        | frame=stop target=to/for/with needcomp | 160
verb stop        | frame=stop target=to/for/with needcomp | 160
verb suspend     | frame=stop target=to/for/with needcomp | 160
verb freeze      | frame=stop target=to/for/with needcomp | 160
verb reduce      | frame=stop target=to/for/with needcomp | 160
verb withhold    | frame=stop target=to/for/from needcomp | 160
verb end         | frame=stop target=to/for/with needcomp | 160
verb terminate   | frame=stop target=to/for/with needcomp | 160
verb slash       | frame=stop target=to/for needcomp | 160
verb scale back  | frame=stop target=to/for/with needcomp | 160
verb curtail     | frame=stop target=to/for/with needcomp | 160
verb discontinue | frame=stop target=to/for/with needcomp | 160
verb break off   | frame=stop target=with needcomp | 160
verb abandon     | frame=stop target=with needcomp | 160
verb withdraw    | frame=stop target=from/to needcomp | 160
verb cancel      | frame=stop target=to/with needcomp | 160
verb postpone    | obj~@meeting target=to/with | 161
verb cancel      | obj~@meeting target=to/with | 161
verb call off    | obj~@meeting target=to/with | 161
verb sever       | obj~@ties target=with | 161
verb cut         | obj~@ties target=with | 161
verb break       | obj~@ties target=with | 161
verb downgrade   | obj~@ties target=with | 161
verb freeze      | obj~@ties target=with | 161
verb suspend     | obj~@ties target=with | 161
verb expel       | obj~@diplomat target=obj/from | 161
verb recall      | obj~@diplomat target=from | 161
verb withdraw    | obj~@diplomat target=from | 161
verb close       | obj~@embassy target=in | 161
verb shut        | obj~@embassy target=in | 161
verb suspend     | obj~flight/flights/link/links/service/services/trade/@econ target=to/with | 160
verb sanction    | | 163
verb embargo     | | 163
verb blacklist   | | 163
verb impose      | obj~@sanctions target=on/against | 163
verb slap        | obj~@sanctions target=on | 163
verb walk out    | of~@meeting | 164
verb expel       | obj~@peacekeepers target=obj/from | 1661
verb withdraw    | obj~@peacekeepers target=from | 1661
verb pull out    | obj~@peacekeepers target=from | 1661
verb expel       | obj~@inspectors target=obj/from | 1662
verb withdraw    | obj~@inspectors target=from | 1662
verb expel       | obj~@aidgroups target=obj/from | 1663
verb expel       | | 166
verb kick out    | | 166
verb force out   | | 166
verb force       | out | 166

# ===== 17 coerce ==========================================================================
verb prevent     | | 170
verb harass      | | 170
verb tighten     | obj~screw/screws/noose target=on | 170
verb coerce      | | 170
verb blackmail   | | 170
verb damage      | | 171
verb seize       | | 1711
verb confiscate  | | 1711
verb expropriate | | 1711
verb impound     | | 1711
verb loot        | | 1711
verb raid        | | 1711
verb ransack     | | 1711
verb nationalize | | 1711
verb nationalise | | 1711
verb wiretap     | | 1711
verb tap         | obj~communication/communications/phone/phones/line/lines | 1711
verb destroy     | | 1712
verb demolish    | | 1712
verb raze        | | 1712
verb bulldoze    | | 1712
verb torch       | | 1712
verb burn        | | 1712
verb burn down   | | 1712
verb blow up     | | 1712
verb vandalize   | | 1712
verb vandalise   | | 1712
verb set         | obj~fire target=to | 1712
verb impose      | obj~@restriction target=on | 172
verb restrict    | | 172
verb restrict    | obj~access/freedom/movement/speech/media/press | 1721
verb curb        | obj~freedom/freedoms/speech/press/media/expression/assembly/dissent | 1721
verb censor      | | 1721
verb shut down   | obj~@media | 1721
verb close       | obj~@media | 1721
verb gag         | | 1721
verb muzzle      | | 1721
verb block       | obj~website/websites/internet/site/sites/access | 1721
verb ban         | | 172
verb outlaw      | | 1721
verb ban         | obj~@media/rally/rallies/protest/protests/demonstration/demonstrations/gathering/gatherings | 1721
verb ban         | obj~@party | 1722
verb bar         | obj~@party/candidate/candidates/politician/politicians | 1722
verb disqualify  | | 1722
verb dissolve    | obj~party/parliament | 1722
verb impose      | obj~@curfew target=on/in | 1723
verb extend      | obj~@curfew target=on/in | 1723
verb declare     | obj~@emergency | 1724
verb impose      | obj~@emergency target=on/in | 1724
verb extend      | obj~@emergency target=on/in | 1724
verb arrest      | | 173
verb detain      | | 173
verb apprehend   | | 173
verb jail        | | 173
verb imprison    | | 173
verb incarcerate | | 173
verb round up    | | 173
verb capture     | | 173
verb charge      | | 173
verb prosecute   | | 173
verb hold        | obj~@person in~custody/detention/jail/prison | 173
verb put         | on~trial | 173
verb deport      | | 174
verb expel       | obj~@person target=obj/from | 174
verb banish      | | 174
verb exile       | | 174
verb disperse    | | 175
verb suppress    | | 175
verb repress     | | 175
verb quell       | | 175
verb crush       | obj~protest/protests/demonstration/demonstrations/uprising/rebellion/revolt/dissent/opposition/unrest | 175
verb crack down  | target=on/against | 175

# ===== 18 assault =========================================================================
verb kidnap      | | 181
verb abduct      | | 181
verb hijack      | | 181
verb take hostage | | 181
verb hold        | obj~hostage/hostages | 181
verb take        | obj~hostage/hostages | 181
verb beat        | | 182
verb assault     | | 182
verb punch       | | 182
verb whip        | | 182
verb flog        | | 182
verb lynch       | | 1823
verb beat to death | | 1823
verb torture     | | 1822
verb rape        | | 1821
verb molest      | | 1821
verb abuse       | mod~sexually | 1821
verb bomb        | subj~bomber/bombers/militant/militants/insurgent/insurgents/guerrilla/guerrillas/terrorist/terrorists | 183
verb blow up     | obj~themselves/himself/herself | 1831
verb use         | as~shield/shields target=obj | 184
verb hold        | as~shield/shields | 184
verb assassinate | | 186
verb kill        | obj~@leader | 186
verb behead      | | 180
verb ambush      | | 180

# ===== 19 fight ===========================================================================
verb attack      | | 190
verb strike      | obj~@territory/@troops/target/targets/base/bases/position/positions | 190
verb kill        | | 190
verb murder      | | 190
verb wound       | | 190
verb injure      | | 190
verb fight       | target=obj/with/against recip | 190
# fighting corruption, poverty or a disease is no use of force
verb fight       | against~@ills | none
verb combat      | obj~@ills | none
verb battle      | obj~@ills | none
verb battle      | against~@ills | none
verb tackle      | obj~@ills | none
verb battle      | target=obj/with/against recip | 190
verb clash       | target=with recip | 190
verb target      | | 190
verb assault     | obj~@territory/position/positions/base | 190
verb eliminate   | obj~@person/militant/militants/terrorist/terrorists | 190
verb wipe out    | | 190
verb retaliate   | target=against | 190
verb besiege     | | 191
verb blockade    | | 191
verb encircle    | | 191
verb cordon off  | | 191
verb seal off    | | 191
verb invade      | | 192
verb occupy      | | 192
verb annex       | | 192
verb retake      | | 192
verb recapture   | | 192
verb overrun     | | 192
verb capture     | obj~@territory | 192
verb seize       | obj~@territory | 192
verb take        | obj~control target=of | 192
verb seize       | obj~control target=of | 192
verb shoot       | | 193
verb gun down    | | 193
verb open fire   | target=on/at | 193
verb fire        | target=on/at needtarget | 193
verb snipe       | | 193
verb shell       | | 194
verb bombard     | | 194
verb pound       | | 194
verb fire        | obj~rocket/rockets/missile/missiles/mortar/mortars/shell/shells/artillery target=at/on/into | 194
verb launch      | obj~rocket/rockets/missile/missiles target=at/on/into | 194
verb bomb        | | 195
verb strafe      | | 195
verb airstrike   | | 195
verb violate     | obj~@ceasefire | 196
verb break       | obj~@ceasefire | 196

# ===== 20 mass violence ===================================================================
verb massacre    | | 202
verb slaughter   | | 202
verb exterminate | | 202
verb gas         | | 2041
verb use         | obj~chemical_weapons/poison_gas/nerve_gas/nerve_agent/sarin/chlorine/mustard_gas | 2041
verb detonate    | obj~nuclear/bomb/device | 2042
verb drive out   | obj~@person/population/residents/villagers | 201
verb force out   | obj~refugee/refugees/residents/villagers/population | 201

# ===== additions: third-location meetings, dissent, mass violence ========================
verb meet        | on~sidelines/margins/margin target=obj/with recip | 044
verb meet        | at~summit/conference/forum target=obj/with recip | 044
verb dissent     | | 140
verb collect     | obj~signatures frame=protest | 140
verb use         | obj~wmd/weapons_of_mass_destruction/nuclear_weapons | 204
verb want        | frame=appeal ccomp | 020
verb want        | frame=intent xcomp | 030
verb like        | frame=appeal ccomp | 020
verb convince    | frame=appeal | 020
verb persuade    | frame=appeal | 020
verb agree       | to~mediation/mediator/mediators frame=accept | 038
verb accept      | obj~mediation/mediator/mediators | 038
verb meet        | obj~demand/demands/condition/conditions/request/requests | 083
verb throw       | obj~stone/stones/rock/rocks/molotov/cocktail/cocktails/petrol_bomb/petrol_bombs target=at | 145
verb stop        | obj~work | 143
verb fail        | xcomp~reach/agree/conclude recip | 164
verb conclude    | frame=say ccomp | 010
verb delay       | obj~@meeting target=to/with | 161
verb reimpose    | obj~@sanctions target=on/against | 163
verb reimpose    | obj~@curfew target=on/in | 1723
verb reimpose    | obj~blockade/blockades/siege target=on/in | 191
verb impose      | obj~blockade/blockades/siege target=on/in | 191
verb return      | trans target=to needtarget | 0842
verb fly         | frame=supply trans target=into/to needcomp | 070
verb announce    | obj~@ceasefire target=with recip | 0871
verb close       | obj~border/borders/crossing/crossings/airspace target=with/to | 172
verb roll back   | obj~@sanctions target=on | 085
verb displace    | | 201
