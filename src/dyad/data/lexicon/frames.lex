# Frames: how an event embedded under a frame word is coded, and light verbs.
#
#   compose FRAME | EMBEDDED | CODE
#       An event coded EMBEDDED (or a code starting with it: the longest prefix listed wins;
#       `*` matches anything) under a FRAME pattern ("urged X to <arrest Y>", "threatened
#       <sanctions>") gives the frame event CODE. CODE `+N` appends digit N to the frame
#       pattern's own code (protests: 141 + policy change -> 1412). A frame with no
#       embedded event keeps its pattern's code; `supply` and `stop` have no `*` row, so
#       "provide X" / "halt X" code nothing unless X is in their table.
#   light LEMMA | do
#       A verb that lends its subject to an event noun it takes as object ("held talks",
#       "paid a visit", "launched an offensive"); the event keeps the verb's modality.
#   light LEMMA | part
#       A verb whose object event is part of its subject event and shares its doer
#       ("Islamabad's crackdowns, which included the arrests of dozens of militants").
#   modal WORD | FRAME
#       In reported speech, "X said Y must/should <event>" is coded as FRAME by X on Y.
#   recode MODALITY | ROOTS | FRAME
#       An event with MODALITY whose root lies in ROOTS (`03-08`) is also coded, asserted,
#       as FRAME over itself (CAMEO: cooperation in the future tense is an intent, force in
#       the future tense a threat, a refusal to yield in the future a rejection).

# ---- appeal (02): urge, appeal, call on/for, ask, request -----------------------------
compose appeal | *    | 020
compose appeal | 02   | 020
compose appeal | 03   | 027
compose appeal | 037  | 027
compose appeal | 057  | 027
compose appeal | 04   | 026
compose appeal | 036  | 026
compose appeal | 045  | 028
compose appeal | 039  | 028
compose appeal | 038  | 028
compose appeal | 05   | 022
compose appeal | 054  | 022
compose appeal | 06   | 021
compose appeal | 061  | 0211
compose appeal | 062  | 0212
compose appeal | 063  | 0213
compose appeal | 064  | 0214
compose appeal | 07   | 023
compose appeal | 071  | 0231
compose appeal | 072  | 0232
compose appeal | 073  | 0233
compose appeal | 074  | 0234
compose appeal | 075  | 0233
compose appeal | 08   | 025
compose appeal | 080  | 025
compose appeal | 081  | 0251
compose appeal | 082  | 0252
compose appeal | 083  | 024
compose appeal | 0831 | 0241
compose appeal | 0832 | 0242
compose appeal | 0833 | 0243
compose appeal | 0834 | 0244
compose appeal | 084  | 0253
compose appeal | 085  | 0254
compose appeal | 086  | 0255
compose appeal | 087  | 0256
compose appeal | 09   | 020
compose appeal | 11   | 020
compose appeal | 113  | 053
compose appeal | 14   | 020
compose appeal | 16   | 020
compose appeal | 17   | 020
compose appeal | 173  | 0213
compose appeal | 174  | 0213
compose appeal | 19   | 020

# ---- demand (10): demand, insist, order, press, pressure ------------------------------
compose demand | *    | 100
compose demand | 03   | 107
compose demand | 037  | 107
compose demand | 057  | 107
compose demand | 04   | 106
compose demand | 036  | 106
compose demand | 045  | 108
compose demand | 038  | 108
compose demand | 039  | 108
compose demand | 05   | 102
compose demand | 06   | 101
compose demand | 061  | 1011
compose demand | 062  | 1012
compose demand | 063  | 1013
compose demand | 064  | 1014
compose demand | 07   | 103
compose demand | 071  | 1031
compose demand | 072  | 1032
compose demand | 073  | 1033
compose demand | 074  | 1034
compose demand | 075  | 1033
compose demand | 08   | 105
compose demand | 081  | 1051
compose demand | 082  | 1052
compose demand | 083  | 104
compose demand | 0831 | 1041
compose demand | 0832 | 1042
compose demand | 0833 | 1043
compose demand | 0834 | 1044
compose demand | 084  | 1053
compose demand | 085  | 1054
compose demand | 086  | 1055
compose demand | 087  | 1056
compose demand | 173  | 1013
compose demand | 174  | 1013

# ---- intent (03): agree/promise/pledge/offer/decide to, be ready/willing to -----------
compose intent | *    | 030
compose intent | 01   | 030
compose intent | 017  | 017
compose intent | 018  | 018
compose intent | 013  | 013
compose intent | 055  | 055
compose intent | 056  | 056
compose intent | 019  | 030
compose intent | 02   | 030
compose intent | 03   | 030
compose intent | 037  | 037
compose intent | 057  | 037
compose intent | 04   | 036
compose intent | 045  | 039
compose intent | 05   | 032
compose intent | 06   | 031
compose intent | 061  | 0311
compose intent | 062  | 0312
compose intent | 063  | 0313
compose intent | 064  | 0314
compose intent | 07   | 033
compose intent | 071  | 0331
compose intent | 072  | 0332
compose intent | 073  | 0333
compose intent | 074  | 0334
compose intent | 075  | 0333
compose intent | 08   | 035
compose intent | 080  | 035
compose intent | 081  | 0351
compose intent | 082  | 0352
compose intent | 083  | 034
compose intent | 0831 | 0341
compose intent | 0832 | 0342
compose intent | 0833 | 0343
compose intent | 0834 | 0344
compose intent | 084  | 0353
compose intent | 085  | 0354
compose intent | 086  | 0355
compose intent | 087  | 0356
# committing to force is a threat, not an intent to cooperate
compose intent | 09   | 030
compose intent | 11   | 030
compose intent | 12   | 030
compose intent | 13   | 130
compose intent | 14   | 133
compose intent | 15   | 130
compose intent | 16   | 131
compose intent | 161  | 1313
compose intent | 162  | 1311
compose intent | 163  | 1312
compose intent | 164  | 134
compose intent | 165  | 135
compose intent | 166  | 136
compose intent | 17   | 137
compose intent | 172  | 132
compose intent | 1721 | 1321
compose intent | 1722 | 1322
compose intent | 1723 | 1323
compose intent | 1724 | 1324
compose intent | 18   | 1383
compose intent | 19   | 138
compose intent | 190  | 1384
compose intent | 191  | 1381
compose intent | 192  | 1382
compose intent | 193  | 1384
compose intent | 194  | 1384
compose intent | 195  | 1384
compose intent | 20   | 1385

# ---- decide (a decision taken): like intent, except that a decision to supply aid is the
# supply approved (07), as "approved/authorized aid" is; "Washington's decision to provide
# $125 million in support" and "State authorizes a sale" are the same act.
compose decide | *    | 030
compose decide | 01   | 030
compose decide | 017  | 017
compose decide | 018  | 018
compose decide | 013  | 013
compose decide | 055  | 055
compose decide | 056  | 056
compose decide | 019  | 030
compose decide | 02   | 030
compose decide | 03   | 030
compose decide | 037  | 037
compose decide | 057  | 037
compose decide | 04   | 036
compose decide | 045  | 039
compose decide | 05   | 032
compose decide | 06   | 031
compose decide | 061  | 0311
compose decide | 062  | 0312
compose decide | 063  | 0313
compose decide | 064  | 0314
compose decide | 07   | 070
compose decide | 071  | 071
compose decide | 072  | 072
compose decide | 073  | 073
compose decide | 074  | 074
compose decide | 075  | 075
compose decide | 08   | 035
compose decide | 080  | 035
compose decide | 081  | 0351
compose decide | 082  | 0352
compose decide | 083  | 034
compose decide | 0831 | 0341
compose decide | 0832 | 0342
compose decide | 0833 | 0343
compose decide | 0834 | 0344
compose decide | 084  | 0353
compose decide | 085  | 0354
compose decide | 086  | 0355
compose decide | 087  | 0356
compose decide | 09   | 030
compose decide | 11   | 030
compose decide | 12   | 030
compose decide | 13   | 130
compose decide | 14   | 133
compose decide | 15   | 130
compose decide | 16   | 131
compose decide | 161  | 1313
compose decide | 162  | 1311
compose decide | 163  | 1312
compose decide | 164  | 134
compose decide | 165  | 135
compose decide | 166  | 136
compose decide | 17   | 137
compose decide | 172  | 132
compose decide | 1721 | 1321
compose decide | 1722 | 1322
compose decide | 1723 | 1323
compose decide | 1724 | 1324
compose decide | 18   | 1383
compose decide | 19   | 138
compose decide | 190  | 1384
compose decide | 191  | 1381
compose decide | 192  | 1382
compose decide | 193  | 1384
compose decide | 194  | 1384
compose decide | 195  | 1384
compose decide | 20   | 1385

# ---- accept: accept mediation, accede to demands ---------------------------------------
compose accept | *    | 030
compose accept | 02   | 080
compose accept | 10   | 080
compose accept | 045  | 038
compose accept | 039  | 038
compose accept | 037  | 037
compose accept | 057  | 037
compose accept | 083  | 083
compose accept | 0831 | 0831
compose accept | 0832 | 0832
compose accept | 0833 | 0833
compose accept | 0834 | 0834
compose accept | 086  | 086
compose accept | 087  | 0356
compose accept | 0871 | 0356

# ---- reject (12): reject, refuse, decline, rule out ------------------------------------
compose reject | *    | 120
compose reject | 03   | 127
compose reject | 037  | 127
compose reject | 057  | 127
compose reject | 04   | 125
compose reject | 036  | 125
compose reject | 045  | 126
compose reject | 039  | 126
compose reject | 05   | 120
compose reject | 06   | 121
compose reject | 061  | 1211
compose reject | 062  | 1212
compose reject | 063  | 1213
compose reject | 064  | 121
compose reject | 07   | 122
compose reject | 071  | 1221
compose reject | 072  | 1222
compose reject | 073  | 1223
compose reject | 074  | 1224
compose reject | 075  | 1223
compose reject | 08   | 124
compose reject | 081  | 1241
compose reject | 0813 | 1241
compose reject | 082  | 1242
compose reject | 083  | 123
compose reject | 0831 | 1231
compose reject | 0832 | 1232
compose reject | 0833 | 1233
compose reject | 0834 | 1234
compose reject | 084  | 1243
compose reject | 085  | 1244
compose reject | 086  | 1245
compose reject | 087  | 1246
compose reject | 0871 | 1246

# ---- threaten (13): threaten, warn, threat of ------------------------------------------
compose threaten | *    | 130
compose threaten | 04   | 130
compose threaten | 11   | 130
compose threaten | 14   | 133
compose threaten | 15   | 138
compose threaten | 16   | 131
compose threaten | 160  | 131
compose threaten | 161  | 1313
compose threaten | 162  | 1311
compose threaten | 163  | 1312
compose threaten | 164  | 134
compose threaten | 165  | 135
compose threaten | 166  | 136
compose threaten | 17   | 137
compose threaten | 172  | 132
compose threaten | 1721 | 1321
compose threaten | 1722 | 1322
compose threaten | 1723 | 1323
compose threaten | 1724 | 1324
compose threaten | 173  | 137
compose threaten | 174  | 132
compose threaten | 175  | 137
compose threaten | 18   | 1383
compose threaten | 19   | 138
compose threaten | 190  | 1384
compose threaten | 191  | 1381
compose threaten | 192  | 1382
compose threaten | 193  | 1384
compose threaten | 194  | 1384
compose threaten | 195  | 1384
compose threaten | 20   | 1385
compose threaten | 0871 | 130

# ---- supply: provide/give/send/deliver X -> X's own code ------------------------------
compose supply | 05   | 070
compose supply | 050  | 070
compose supply | 051  | 070
compose supply | 06   | 060
compose supply | 061  | 061
compose supply | 062  | 062
compose supply | 063  | 063
compose supply | 064  | 064
compose supply | 07   | 070
compose supply | 071  | 071
compose supply | 072  | 072
compose supply | 073  | 073
compose supply | 074  | 074
compose supply | 075  | 075
compose supply | 08   | 080
compose supply | 086  | 0862
compose supply | 15   | 154
compose supply | 154  | 154

# ---- stop: cut/halt/suspend/freeze X -> reduce relations by X --------------------------
compose stop | 04   | 161
compose stop | 046  | 164
compose stop | 045  | 165
compose stop | 05   | 161
compose stop | 06   | 160
compose stop | 061  | 163
compose stop | 07   | 162
compose stop | 071  | 1621
compose stop | 072  | 1622
compose stop | 073  | 1623
compose stop | 074  | 1661
compose stop | 086  | 1662
compose stop | 0862 | 1662
compose stop | 14   | 082
compose stop | 16   | 085
compose stop | 163  | 085
compose stop | 17   | 081
compose stop | 172  | 081
compose stop | 1721 | 0811
compose stop | 1722 | 0812
compose stop | 1723 | 0813
compose stop | 1724 | 0814
compose stop | 18   | 087
compose stop | 19   | 087
compose stop | 191  | 0872

# ---- protest: demonstrate/strike/riot for X -> sub-code by demand ----------------------
compose protest | *    | +0
compose protest | 0831 | +1
compose protest | 0341 | +1
compose protest | 083  | +2
compose protest | 0832 | +2
compose protest | 0833 | +3
compose protest | 0834 | +4

light hold | do
light have | do
light pay | do
light make | do
light launch | do
light conduct | do
light carry | do
light stage | do
light begin | do
light start | do
light continue | do
light resume | do
light renew | do
light undertake | do
light mount | do
light wage | do
light impose | do
light declare | do
light announce | do
light order | do
light organize | do
light organise | do
light lead | do
light join | do
light open | do
light step | do
light reimpose | do
light intensify | do
light escalate | do
light extend | do
light issue | do
light express | do
light voice | do
light offer | do
light give | do
light deliver | do
light lodge | do
light file | do
light perform | do
light execute | do
light initiate | do
light complete | do
light finish | do
light go | do
light enter | do
light engage | do
light publish | do
light unleash | do

light include | part
light involve | part
light comprise | part
light see | part

modal must | demand
modal should | appeal
modal ought | appeal
modal need | appeal
modal have | demand

recode future | 03-08 | intent
recode future | 14-20 | threaten
recode negated-future | 03-08 | reject
