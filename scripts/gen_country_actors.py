"""One-off generator of dyad's country and capital actor files.

Seeds ``src/dyad/data/actors/countries.jsonl`` and ``capitals.jsonl`` from pycountry (names
and ISO 3166-1 alpha-3 codes), CAMEO's exceptions to ISO (read from
``../shared/ontology/cameo_country_codes.txt`` when given), and the table below, written for
dyad: short and historic names, adjectives, demonyms and capitals. It was run once; the
generated files are committed and are the source of truth from then on, edited by hand.
The script refuses to overwrite them unless ``--force`` is given.

    python scripts/gen_country_actors.py --cameo ../shared/ontology/cameo_country_codes.txt
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from pathlib import Path

import pycountry

OUT = Path(__file__).resolve().parents[1] / "src" / "dyad" / "data" / "actors"

# ISO3 | extra names | adjectives | demonyms (plural) | capitals standing for the government
# Lists are separated by ";". A capital left empty: none used metonymically (or a common word).
TABLE = """
ABW|Aruba|Aruban|Arubans|
AFG|Afghanistan|Afghan|Afghans|Kabul
AGO|Angola|Angolan|Angolans|Luanda
AIA|Anguilla|Anguillan|Anguillans|
ALA|Aland Islands;Åland|Alandish||
ALB|Albania|Albanian|Albanians|Tirana
AND|Andorra|Andorran|Andorrans|Andorra la Vella
ARE|United Arab Emirates;UAE;U.A.E.;Emirates|Emirati|Emiratis|Abu Dhabi
ARG|Argentina|Argentine;Argentinian|Argentines;Argentinians|Buenos Aires
ARM|Armenia|Armenian|Armenians|Yerevan
ASM|American Samoa|American Samoan|American Samoans|
ATA|Antarctica|Antarctic||
ATF|French Southern Territories|||
ATG|Antigua and Barbuda;Antigua|Antiguan|Antiguans|
AUS|Australia|Australian|Australians|Canberra
AUT|Austria|Austrian|Austrians|Vienna
AZE|Azerbaijan|Azerbaijani;Azeri|Azerbaijanis;Azeris|Baku
BDI|Burundi|Burundian|Burundians|Gitega;Bujumbura
BEL|Belgium|Belgian|Belgians|
BEN|Benin|Beninese|Beninois|Porto-Novo;Cotonou
BES|Bonaire;Sint Eustatius;Saba|||
BFA|Burkina Faso;Burkina|Burkinabe;Burkinabè|Burkinabes|Ouagadougou
BGD|Bangladesh|Bangladeshi|Bangladeshis|Dhaka;Dacca
BGR|Bulgaria|Bulgarian|Bulgarians|Sofia
BHR|Bahrain|Bahraini|Bahrainis|Manama
BHS|Bahamas;The Bahamas|Bahamian|Bahamians|Nassau
BIH|Bosnia and Herzegovina;Bosnia-Herzegovina;Bosnia|Bosnian|Bosnians|Sarajevo
BLM|Saint Barthelemy;St Barts|||
BLR|Belarus;Byelorussia|Belarusian;Belarussian|Belarusians|Minsk
BLZ|Belize|Belizean|Belizeans|Belmopan
BMU|Bermuda|Bermudian|Bermudians|
BOL|Bolivia|Bolivian|Bolivians|La Paz;Sucre
BRA|Brazil|Brazilian|Brazilians|Brasilia;Brasília;Planalto
BRB|Barbados|Barbadian;Bajan|Barbadians|Bridgetown
BRN|Brunei;Brunei Darussalam|Bruneian|Bruneians|Bandar Seri Begawan
BTN|Bhutan|Bhutanese||Thimphu
BVT|Bouvet Island|||
BWA|Botswana|Botswanan;Motswana|Batswana|Gaborone
CAF|Central African Republic;CAR|Central African|Central Africans|Bangui
CAN|Canada|Canadian|Canadians|Ottawa
CCK|Cocos Islands;Keeling Islands|||
CHE|Switzerland;Swiss Confederation|Swiss||Bern;Berne
CHL|Chile|Chilean|Chileans|Santiago
CHN|China;People's Republic of China;PRC;mainland China|Chinese||Beijing;Peking;Zhongnanhai
CIV|Côte d'Ivoire;Cote d'Ivoire;Ivory Coast|Ivorian;Ivory Coast|Ivorians|Yamoussoukro;Abidjan
CMR|Cameroon|Cameroonian|Cameroonians|Yaounde;Yaoundé
COD|Democratic Republic of the Congo;Democratic Republic of Congo;DR Congo;D.R. Congo;DRC;Congo-Kinshasa;Congo;Zaire|Congolese||Kinshasa
COG|Republic of the Congo;Republic of Congo;Congo Republic;Congo-Brazzaville|||Brazzaville
COK|Cook Islands;Cook Island|Cook Islander|Cook Islanders|
COL|Colombia|Colombian|Colombians|Bogota;Bogotá
COM|Comoros|Comorian|Comorians|Moroni
CPV|Cape Verde;Cabo Verde|Cape Verdean|Cape Verdeans|Praia
CRI|Costa Rica|Costa Rican|Costa Ricans|San Jose;San José
CUB|Cuba|Cuban|Cubans|Havana
CUW|Curaçao;Curacao|Curaçaoan||
CXR|Christmas Island|||
CYM|Cayman Islands|Caymanian|Caymanians|
CYP|Cyprus|Cypriot;Greek Cypriot|Cypriots;Greek Cypriots|Nicosia
CZE|Czech Republic;Czechia|Czech|Czechs|Prague
DEU|Germany;Federal Republic of Germany;West Germany|German;West German|Germans|Berlin
DJI|Djibouti|Djiboutian|Djiboutians|
DMA|Dominica|||Roseau
DNK|Denmark|Danish|Danes|Copenhagen
DOM|Dominican Republic|Dominican|Dominicans|Santo Domingo
DZA|Algeria|Algerian|Algerians|Algiers
ECU|Ecuador|Ecuadorian;Ecuadorean|Ecuadorians|Quito
EGY|Egypt|Egyptian|Egyptians|Cairo
ERI|Eritrea|Eritrean|Eritreans|Asmara
ESH|Western Sahara|Sahrawi;Saharawi|Sahrawis|
ESP|Spain|Spanish|Spaniards|Madrid;La Moncloa;Moncloa
EST|Estonia|Estonian|Estonians|Tallinn
ETH|Ethiopia|Ethiopian|Ethiopians|Addis Ababa
FIN|Finland|Finnish|Finns|Helsinki
FJI|Fiji|Fijian|Fijians|Suva
FLK|Falkland Islands;Falklands;Malvinas|Falkland Islander|Falkland Islanders|
FRA|France;French Republic|French|Frenchmen|Paris;Elysee;Élysée;Elysee Palace;Élysée Palace;Quai d'Orsay;Matignon
FRO|Faroe Islands;Faeroe Islands;Faroes|Faroese||
FSM|Micronesia;Federated States of Micronesia|Micronesian|Micronesians|
GAB|Gabon|Gabonese||Libreville
GBR|United Kingdom;UK;U.K.;Britain;Great Britain;England;Scotland;Wales;Northern Ireland|British;English;Scottish;Welsh;Briton|Britons;Brits;Englishmen|London;Downing Street;Whitehall;Number 10;No 10;No. 10
GEO|Georgia|Georgian|Georgians|Tbilisi
GGY|Guernsey|||
GHA|Ghana|Ghanaian|Ghanaians|Accra
GIB|Gibraltar|Gibraltarian|Gibraltarians|
GIN|Guinea;Guinea-Conakry|Guinean|Guineans|Conakry
GLP|Guadeloupe|Guadeloupean||
GMB|Gambia;The Gambia|Gambian|Gambians|Banjul
GNB|Guinea-Bissau;Guinea Bissau|Bissau-Guinean|Bissau-Guineans|Bissau
GNQ|Equatorial Guinea|Equatoguinean;Equatorial Guinean|Equatoguineans|Malabo
GRC|Greece;Hellenic Republic|Greek|Greeks|Athens
GRD|Grenada|Grenadian|Grenadians|
GRL|Greenland|Greenlandic|Greenlanders|Nuuk
GTM|Guatemala|Guatemalan|Guatemalans|Guatemala City
GUF|French Guiana|French Guianese||
GUM|Guam|Guamanian|Guamanians|
GUY|Guyana|Guyanese||
HKG|Hong Kong|Hong Konger;Hong Kong|Hong Kongers|
HMD|Heard Island and McDonald Islands|||
HND|Honduras|Honduran|Hondurans|Tegucigalpa
HRV|Croatia|Croatian;Croat|Croatians;Croats|Zagreb
HTI|Haiti|Haitian|Haitians|Port-au-Prince
HUN|Hungary|Hungarian|Hungarians|Budapest
IDN|Indonesia|Indonesian|Indonesians|Jakarta
IMN|Isle of Man|Manx||
IND|India;Republic of India;Bharat|Indian|Indians|New Delhi;South Block;Raisina Hill
IOT|British Indian Ocean Territory;Chagos Islands;Diego Garcia|Chagossian|Chagossians|
IRL|Ireland;Republic of Ireland;Eire|Irish|Irishmen|Dublin
IRN|Iran;Islamic Republic of Iran|Iranian|Iranians|Tehran;Teheran
IRQ|Iraq|Iraqi|Iraqis|Baghdad
ISL|Iceland|Icelandic|Icelanders|Reykjavik
ISR|Israel;State of Israel|Israeli|Israelis|Jerusalem
ITA|Italy;Italian Republic|Italian|Italians|Rome;Palazzo Chigi
JAM|Jamaica|Jamaican|Jamaicans|
JEY|Jersey|||
JOR|Jordan;Hashemite Kingdom of Jordan|Jordanian|Jordanians|Amman
JPN|Japan|Japanese||Tokyo
KAZ|Kazakhstan|Kazakh;Kazakhstani|Kazakhs;Kazakhstanis|Astana;Nur-Sultan
KEN|Kenya|Kenyan|Kenyans|Nairobi
KGZ|Kyrgyzstan;Kirghizia|Kyrgyz;Kyrgyzstani|Kyrgyzstanis|Bishkek
KHM|Cambodia;Kampuchea|Cambodian|Cambodians|Phnom Penh
KIR|Kiribati|I-Kiribati||Tarawa
KNA|Saint Kitts and Nevis;St Kitts and Nevis|Kittitian|Kittitians|Basseterre
KOR|South Korea;Republic of Korea;ROK;Korea|South Korean;Korean|South Koreans;Koreans|Seoul
KWT|Kuwait|Kuwaiti|Kuwaitis|Kuwait City
LAO|Laos;Lao PDR|Laotian;Lao|Laotians|Vientiane
LBN|Lebanon|Lebanese||Beirut
LBR|Liberia|Liberian|Liberians|Monrovia
LBY|Libya|Libyan|Libyans|Tripoli
LCA|Saint Lucia;St Lucia|Saint Lucian|Saint Lucians|Castries
LIE|Liechtenstein|Liechtensteiner|Liechtensteiners|Vaduz
LKA|Sri Lanka;Ceylon|Sri Lankan|Sri Lankans|Colombo
LSO|Lesotho|Basotho;Mosotho||Maseru
LTU|Lithuania|Lithuanian|Lithuanians|Vilnius
LUX|Luxembourg|Luxembourgish;Luxembourgian|Luxembourgers|
LVA|Latvia|Latvian|Latvians|Riga
MAC|Macao;Macau|Macanese||
MAF|Saint Martin|||
MAR|Morocco|Moroccan|Moroccans|Rabat
MCO|Monaco|Monegasque|Monegasques|
MDA|Moldova;Republic of Moldova|Moldovan|Moldovans|Chisinau;Chișinău
MDG|Madagascar|Malagasy||Antananarivo
MDV|Maldives|Maldivian|Maldivians|
MEX|Mexico;United Mexican States|Mexican|Mexicans|Mexico City;Los Pinos
MHL|Marshall Islands|Marshallese||Majuro
MKD|North Macedonia;Macedonia;Former Yugoslav Republic of Macedonia;FYROM|Macedonian;North Macedonian|Macedonians|Skopje
MLI|Mali|Malian|Malians|Bamako
MLT|Malta|Maltese||Valletta
MMR|Myanmar;Burma|Burmese;Myanmarese||Naypyidaw;Naypyitaw;Nay Pyi Taw
MNE|Montenegro|Montenegrin|Montenegrins|Podgorica
MNG|Mongolia|Mongolian|Mongolians|Ulaanbaatar;Ulan Bator
MNP|Northern Mariana Islands;Northern Marianas|||
MOZ|Mozambique|Mozambican|Mozambicans|Maputo
MRT|Mauritania|Mauritanian|Mauritanians|Nouakchott
MSR|Montserrat|Montserratian||
MTQ|Martinique|Martinican||
MUS|Mauritius|Mauritian|Mauritians|Port Louis
MWI|Malawi|Malawian|Malawians|Lilongwe
MYS|Malaysia|Malaysian|Malaysians|Kuala Lumpur;Putrajaya
MYT|Mayotte|Mahoran||
NAM|Namibia|Namibian|Namibians|Windhoek
NCL|New Caledonia|New Caledonian|New Caledonians|
NER|Niger|Nigerien|Nigeriens|Niamey
NFK|Norfolk Island|||
NGA|Nigeria|Nigerian|Nigerians|Abuja
NIC|Nicaragua|Nicaraguan|Nicaraguans|Managua
NIU|Niue|Niuean||
NLD|Netherlands;Holland|Dutch|Netherlanders;Dutchmen|
NOR|Norway|Norwegian|Norwegians|Oslo
NPL|Nepal|Nepali;Nepalese|Nepalis|Kathmandu
NRU|Nauru|Nauruan|Nauruans|
NZL|New Zealand|New Zealander;Kiwi|New Zealanders;Kiwis|Wellington
OMN|Oman;Sultanate of Oman|Omani|Omanis|Muscat
PAK|Pakistan|Pakistani|Pakistanis|Islamabad
PAN|Panama|Panamanian|Panamanians|Panama City
PCN|Pitcairn;Pitcairn Islands|||
PER|Peru|Peruvian|Peruvians|Lima
PHL|Philippines;The Philippines|Philippine;Filipino|Filipinos|Manila;Malacanang;Malacañang
PLW|Palau|Palauan|Palauans|
PNG|Papua New Guinea;PNG|Papua New Guinean|Papua New Guineans|Port Moresby
POL|Poland|Polish|Poles|Warsaw
PRI|Puerto Rico|Puerto Rican|Puerto Ricans|
PRK|North Korea;DPRK;Democratic People's Republic of Korea|North Korean|North Koreans|Pyongyang
PRT|Portugal|Portuguese||Lisbon
PRY|Paraguay|Paraguayan|Paraguayans|Asuncion;Asunción
PSE|Palestine;State of Palestine;Palestinian Territories;Occupied Palestinian Territories;Occupied Palestinian Territory;West Bank|Palestinian|Palestinians|Ramallah
PYF|French Polynesia;Tahiti|French Polynesian;Tahitian||
QAT|Qatar|Qatari|Qataris|Doha
REU|Reunion;Réunion|Reunionese||
ROU|Romania|Romanian|Romanians|Bucharest
RUS|Russia;Russian Federation|Russian|Russians|Moscow;Kremlin
RWA|Rwanda|Rwandan|Rwandans|Kigali
SAU|Saudi Arabia;Kingdom of Saudi Arabia;KSA;Saudi|Saudi;Saudi Arabian|Saudis|Riyadh
SDN|Sudan;Republic of the Sudan|Sudanese||Khartoum
SEN|Senegal|Senegalese||Dakar
SGP|Singapore|Singaporean|Singaporeans|
SGS|South Georgia and the South Sandwich Islands|||
SHN|Saint Helena;St Helena;Ascension Island;Tristan da Cunha|||
SJM|Svalbard and Jan Mayen;Svalbard|||
SLB|Solomon Islands|Solomon Islander|Solomon Islanders|Honiara
SLE|Sierra Leone|Sierra Leonean|Sierra Leoneans|Freetown
SLV|El Salvador|Salvadoran;Salvadorean|Salvadorans|San Salvador
SMR|San Marino|Sammarinese||
SOM|Somalia|Somali|Somalis|Mogadishu;Villa Somalia
SPM|Saint Pierre and Miquelon|||
SRB|Serbia;Serbia and Montenegro;Yugoslavia;Federal Republic of Yugoslavia|Serbian;Serb;Yugoslav|Serbians;Serbs;Yugoslavs|Belgrade
SSD|South Sudan|South Sudanese||Juba
STP|Sao Tome and Principe;São Tomé and Príncipe|Santomean|Santomeans|
SUR|Suriname;Surinam|Surinamese||Paramaribo
SVK|Slovakia;Slovak Republic|Slovak;Slovakian|Slovaks|Bratislava
SVN|Slovenia|Slovenian;Slovene|Slovenians;Slovenes|Ljubljana
SWE|Sweden|Swedish|Swedes|Stockholm
SWZ|Eswatini;Swaziland|Swazi;Emaswati|Swazis|Mbabane
SXM|Sint Maarten|||
SYC|Seychelles|Seychellois||
SYR|Syria;Syrian Arab Republic|Syrian|Syrians|Damascus
TCA|Turks and Caicos Islands;Turks and Caicos|||
TCD|Chad|Chadian|Chadians|N'Djamena;Ndjamena
TGO|Togo|Togolese||Lome;Lomé
THA|Thailand;Siam|Thai||Bangkok
TJK|Tajikistan|Tajik;Tajikistani|Tajiks|Dushanbe
TKL|Tokelau|Tokelauan||
TKM|Turkmenistan|Turkmen|Turkmens|Ashgabat
TLS|Timor-Leste;East Timor;Timor Leste|East Timorese;Timorese||Dili
TON|Tonga|Tongan|Tongans|Nuku'alofa
TTO|Trinidad and Tobago;Trinidad|Trinidadian;Tobagonian|Trinidadians|Port of Spain
TUN|Tunisia|Tunisian|Tunisians|Tunis;Carthage
TUR|Turkey;Türkiye;Turkiye|Turkish|Turks|Ankara
TUV|Tuvalu|Tuvaluan|Tuvaluans|Funafuti
TWN|Taiwan;Republic of China|Taiwanese||Taipei
TZA|Tanzania;United Republic of Tanzania|Tanzanian|Tanzanians|Dodoma;Dar es Salaam
UGA|Uganda|Ugandan|Ugandans|Kampala
UKR|Ukraine|Ukrainian|Ukrainians|Kyiv;Kiev
UMI|United States Minor Outlying Islands|||
URY|Uruguay|Uruguayan|Uruguayans|Montevideo
USA|United States;United States of America;U.S.;US;U.S.A.;USA;America|American|Americans|Washington;Washington D.C.;Washington, D.C.;Washington DC
UZB|Uzbekistan|Uzbek;Uzbekistani|Uzbeks|Tashkent
VAT|Holy See;Vatican;Vatican City|Vatican||
VCT|Saint Vincent and the Grenadines;St Vincent|Vincentian|Vincentians|Kingstown
VEN|Venezuela|Venezuelan|Venezuelans|Caracas;Miraflores
VGB|British Virgin Islands|||
VIR|U.S. Virgin Islands;United States Virgin Islands|||
VNM|Vietnam;Viet Nam|Vietnamese||Hanoi
VUT|Vanuatu|Ni-Vanuatu||Port Vila
WLF|Wallis and Futuna|||
WSM|Samoa|Samoan|Samoans|Apia
YEM|Yemen|Yemeni|Yemenis|
ZAF|South Africa;Republic of South Africa|South African|South Africans|Pretoria;Union Buildings
ZMB|Zambia|Zambian|Zambians|Lusaka
ZWE|Zimbabwe|Zimbabwean|Zimbabweans|Harare
KSV|Kosovo;Republic of Kosovo|Kosovar;Kosovan|Kosovars|Pristina;Prishtina
"""

# Not in pycountry's current list: (code, names, adjectives, demonyms, valid_from, valid_to, note)
HISTORIC = [
    (
        "USR",
        ["Soviet Union", "USSR", "U.S.S.R.", "Union of Soviet Socialist Republics"],
        ["Soviet"],
        ["Soviets"],
        None,
        "1991-12-26",
        "dissolved 26 December 1991; later mentions are historical",
    ),
    (
        "DDR",
        ["East Germany", "German Democratic Republic", "GDR"],
        ["East German"],
        ["East Germans"],
        None,
        "1990-10-03",
        "reunified with Germany 3 October 1990",
    ),
    ("CSK", ["Czechoslovakia"], ["Czechoslovak"], ["Czechoslovaks"], None, "1993-01-01", "dissolved 1 January 1993"),
]

# Territories CAMEO codes under their sovereign (a territory chunk after the country code).
# Gaza is kept apart from the rest of Palestine, as CAMEO does.
EXTRA = [
    ("PSEGZA", ["Gaza", "Gaza Strip"], ["Gazan"], ["Gazans"], "CAMEO codes Gaza apart (PSEGZA)"),
]

# Obvious slips in the CAMEO list, corrected.
CAMEO_FIXES = {"FRNWLF": "FRAWLF"}

# Capitals left out on purpose: a common word or a name used for other things more often.
NOT_SEATS = {"Male", "Victoria", "Kingston", "Georgetown", "Brussels", "Amsterdam", "Saint John's"}


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold().replace(".", "").strip()


def read_cameo(path: Path | None) -> dict[str, str]:
    """CAMEO country names (normalised) -> CAMEO code, from the shared ontology file."""
    if path is None:
        return {}
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0] != "NULL" and parts[1].strip():
            out[_norm(parts[0])] = parts[1].strip()
    return out


def _split(field: str) -> list[str]:
    return [x.strip() for x in field.split(";") if x.strip()]


def build(cameo: dict[str, str]) -> tuple[list[dict], list[dict]]:
    table = {}
    for line in TABLE.strip().splitlines():
        iso, names, adjectives, demonyms, capitals = (line.split("|") + [""] * 5)[:5]
        table[iso] = (_split(names), _split(adjectives), _split(demonyms), _split(capitals))
    countries, capitals = [], []
    pyc = {c.alpha_3: c for c in pycountry.countries}
    # a name written in the table for one country is not seeded into another ("Congo")
    claimed = {_norm(n): iso for iso, (names, *_rest) in table.items() for n in names}
    for iso in sorted(set(pyc) | set(table)):
        names, adjectives, demonyms, caps = table.get(iso, ([], [], [], []))
        c = pyc.get(iso)
        seeded = []
        if c is not None:
            for attr in ("common_name", "name", "official_name"):
                value = getattr(c, attr, None)
                if value and "," not in value and "(" not in value and claimed.get(_norm(value), iso) == iso:
                    seeded.append(value)
        all_names = list(dict.fromkeys(names + seeded))
        code = iso
        for name in all_names:  # the first name CAMEO lists decides
            if _norm(name) in cameo:
                code = CAMEO_FIXES.get(cameo[_norm(name)], cameo[_norm(name)])
                break
        note = "" if code == iso else f"CAMEO code {code} (ISO {iso})"
        entry = {"id": f"country:{iso}", "kind": "country", "names": all_names}
        if adjectives:
            entry["adjectives"] = adjectives
        if demonyms:
            entry["demonyms"] = demonyms
        entry["codes"] = [{"code": code, "valid_from": None, "valid_to": None}]
        if note:
            entry["note"] = note
        countries.append(entry)
        sovereign = code[:3] == iso or iso in ("TLS",)
        for cap in caps:
            if cap in NOT_SEATS or not sovereign or len(code) > 3:
                continue
            capitals.append(
                {
                    "id": f"seat:{_norm(cap).replace(' ', '-')}",
                    "kind": "seat",
                    "names": [cap],
                    "country": code[:3],
                    "codes": [{"code": code[:3] + "GOV", "valid_from": None, "valid_to": None}],
                }
            )
    for code, names, adjectives, demonyms, start, end, note in HISTORIC:
        countries.append(
            {
                "id": f"country:{code}",
                "kind": "country",
                "names": names,
                "adjectives": adjectives,
                "demonyms": demonyms,
                "codes": [{"code": code, "valid_from": start, "valid_to": end}],
                "note": note,
            }
        )
    for code, names, adjectives, demonyms, note in EXTRA:
        countries.append(
            {
                "id": f"country:{code}",
                "kind": "country",
                "names": names,
                "adjectives": adjectives,
                "demonyms": demonyms,
                "codes": [{"code": code, "valid_from": None, "valid_to": None}],
                "note": note,
            }
        )
    return countries, _merge_seats(capitals)


def _merge_seats(capitals: list[dict]) -> list[dict]:
    """One seat entry per government, with all its capital names."""
    by_code: dict[str, dict] = {}
    for cap in capitals:
        code = cap["codes"][0]["code"]
        if code in by_code:
            by_code[code]["names"].extend(cap["names"])
        else:
            by_code[code] = dict(cap, id=f"capital:{code[:3]}", names=list(cap["names"]))
    return list(by_code.values())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cameo", type=Path, help="cameo_country_codes.txt (CAMEO's exceptions to ISO)")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--force", action="store_true", help="overwrite existing files")
    args = parser.parse_args(argv)
    targets = [args.out / "countries.jsonl", args.out / "capitals.jsonl"]
    if not args.force and any(t.exists() for t in targets):
        print("refusing to overwrite the committed files (they are edited by hand now); use --force", file=sys.stderr)
        return 1
    countries, capitals = build(read_cameo(args.cameo))
    args.out.mkdir(parents=True, exist_ok=True)
    for target, rows in zip(targets, (countries, capitals)):
        with open(target, "w", encoding="utf-8") as out:
            for row in rows:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
        print(f"{target}: {len(rows)} entries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
