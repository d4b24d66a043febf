# Discard domains: sentences about something other than politics that use political verbs.
#
#   discard DOMAIN | CUE, CUE, ... | VERB, VERB, ...
#
# When a sentence contains one of a domain's cues (a lemma, or consecutive lemmas), triggers
# whose lemma is one of the domain's verbs give no event there. Cues must be unmistakable:
# "over", "goal", "league" (the Muslim League) or "final" also occur in political news. National teams "beat",
# "meet", "face" and "host" each other; that is sport, not a dyad's relations. Written for dyad.

discard sport | match, wicket, innings, tournament, world cup, championship, semi-final, semifinal, quarter-final, quarterfinal, midfielder, goalkeeper, batsman, bowler, fixture, test match, medal, olympics, olympic games, grand prix, touchdown, playoff, run chase, century, half-century, cricket, football, soccer, hockey, tennis, squash, athletics, rugby, boxing, wrestling | beat, defeat, thrash, crush, rout, edge, outplay, overpower, whitewash, humble, stun, upset, meet, face, play, host, visit, attack, shoot, kill, strike, fight, clash, battle, hit, down, eliminate, knock, dump, draw, tie, lose, win, win over, trounce, hammer, sweep, clinch, claim, capture, seize, retain, defend, challenge, threaten, dominate, surrender, concede, tour, pull out, withdraw

# Markets: indexes and currencies "fall", "surge" and "hit" without anybody acting on anybody.
discard markets | stock, stocks, share, shares, index, sensex, nifty, nasdaq, dow, bond, bonds, yield, currency, rupee, dollar, euro, yuan, oil price, crude, brent, commodity, trader, traders, investor, investors, market | hit, attack, fight, battle, clash, threaten, surrender, retreat, crash, plunge, slump, rally, beat, rebound, recover, gain, lose, strike, tumble, collapse, worry, fear, fret

# Weather and disasters: storms "strike", "hit" and "kill"; no actor does.
discard weather | storm, cyclone, hurricane, typhoon, flood, floods, rain, rains, monsoon, earthquake, quake, tremor, heatwave, heat wave, drought, snow, blizzard, landslide, tsunami, wildfire, weather, temperature, tornado | hit, strike, kill, attack, batter, lash, threaten, destroy, damage, sweep, ravage, pound, displace, injure, wound, wipe out

# Everyday crime: a brawl, a burglary or a drunk driver "arrested", "attacked" or "shot"
# is police news, not a political event. Cues name the private setting, not the deed.
discard everyday crime | bar fight, brawl, pub, nightclub, burglary, burglar, burglars, shoplifting, shoplifter, drunk, drunken, drink-driving, drunk driving, speeding, carjacking, pickpocket, mugging, road rage, domestic dispute | arrest, detain, hold, charge, book, attack, assault, beat, stab, shoot, fight, nab, jail, remand
