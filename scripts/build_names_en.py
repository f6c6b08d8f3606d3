"""Writes search/entities/data/names_en.json: English names and the common transliteration variants of every
official, organisation and country, for Latin-script queries (`Araqchi`, `Rohani`, `Hizbullah`) and the
entity pages. Rerun after adding entries:  .venv/bin/python scripts/build_names_en.py

Variants come from three places: the entries' own Latin names and aliases, a table of the spellings the
English-language press uses for common Persian and Arabic name parts (Mohammad/Muhammad/Mohammed), and
spelling rules (gh/q, ou/u, diacritics dropped, hyphens spaced or dropped, the article al- left out). Curated
extras for countries and organisations are below; the file is data, so review it like data.
"""

from __future__ import annotations

import itertools
import json
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "search" / "entities" / "data"
# Curated Latin aliases of officials (the spellings the English-language press uses that the rules below cannot
# make: Tebboune/Tebbun, Kilicdaroglu); scripts/merge_kb_additions.py fills it from knowledge-base additions.
CURATED_OFFICIALS = ROOT / "scripts" / "officials_en.json"
MAX_VARIANTS = 8

# Spellings of the same name part in English-language news (each group: every member is a variant of the others).
NAME_PARTS = [
    ("Mohammad", "Mohammed", "Muhammad", "Mohamed", "Mohamad"), ("Hossein", "Hussein", "Hosein", "Husayn"),
    ("Hassan", "Hasan"), ("Hosseini", "Husseini"), ("Javad", "Jawad"), ("Mahmoud", "Mahmud"),
    ("Masoud", "Massoud", "Masud"), ("Saeed", "Said", "Saeid", "Saied"), ("Mehdi", "Mahdi"), ("Ahmad", "Ahmed"),
    ("Mostafa", "Mustafa"), ("Abdollah", "Abdullah", "Abdallah"), ("Ebrahim", "Ibrahim"),
    ("Esmaeil", "Esmail", "Ismail", "Ismael"), ("Yousef", "Yusuf", "Youssef", "Yousuf"),
    ("Qasem", "Ghasem", "Qassem", "Kassem", "Qasim"), ("Jafar", "Jaafar", "Ja'far"), ("Sadegh", "Sadeq"),
    ("Bagher", "Baqer", "Baqir"), ("Gholam", "Qolam"), ("Nasser", "Naser", "Nasir"), ("Rouhani", "Rohani", "Ruhani"),
    ("Araghchi", "Araqchi"), ("Ghalibaf", "Qalibaf"), ("Raisi", "Raeisi", "Raeesi"), ("Pezeshkian", "Pezeshkiyan"),
    ("Khamenei", "Khamene'i", "Khameneh'i"), ("Amir-Abdollahian", "Amirabdollahian", "Abdollahian"),
    ("Zarif",), ("Sergey", "Sergei"), ("Shoigu", "Shoygu"), ("Zelenskyy", "Zelensky", "Zelenskiy"),
    ("Yevgeny", "Evgeny"), ("Dmitry", "Dmitri"), ("Aleksandr", "Alexander"), ("Andrey", "Andrei"),
    ("Alexei", "Aleksei", "Alexey"), ("Vladimir",), ("Yury", "Yuri"), ("Valery", "Valeri"), ("Mikhail",),
    ("Abdolrahim", "Abdulrahim", "Abdul Rahim"), ("Abdolnaser", "Abdolnasser", "Abdulnaser"),
    ("Reza",), ("Ali",), ("Abbas",), ("Hamid",), ("Ghazi", "Qazi"), ("Shamkhani",), ("Larijani",),
    ("Salami",), ("Bagheri", "Baqeri"), ("Soleimani", "Suleimani", "Sulaimani"), ("Mokhber",),
    ("Eslami", "Islami"), ("Ejei", "Ejehi", "Ezhei"), ("Mohseni-Ejei", "Mohseni Ejei"),
    ("Qatar",), ("bin", "ibn"), ("Abdulaziz", "Abdul Aziz", "Abdel Aziz"), ("Abdel", "Abdul", "Abd al"),
    ("Fattah", "Fatah"), ("Sisi", "el-Sisi", "al-Sisi"), ("Erdogan", "Erdoğan"), ("Cavusoglu", "Çavuşoğlu"),
    ("Davutoglu", "Davutoğlu"), ("Yildirim", "Yıldırım"), ("Sharaa", "al-Sharaa", "Shara"),
    ("Jolani", "Julani", "Golani"), ("Nasrallah", "Nasrullah"), ("Haniyeh", "Haniya", "Haniyya"),
    ("Sinwar",), ("Qassem", "Kassem", "Qasim"), ("Netanyahu",), ("Gallant",), ("Guterres",),
    ("Grossi",), ("Lavrov",), ("Putin",), ("Xi",), ("Jinping",), ("Shehbaz", "Shahbaz"),
    ("Sudani", "al-Sudani"), ("Kadhimi", "al-Kadhimi", "Kazemi"), ("Faisal", "Faysal", "Feisal"),
    ("Khalid", "Khaled"), ("Salman",), ("Osman", "Othman", "Uthman"), ("Omar", "Umar"),
    ("Hamad",), ("Tamim",), ("Sheikh", "Shaikh"), ("Hezbollah", "Hizbollah", "Hizbullah"),
]
# Further English names of countries the press uses (the CLDR name is already there).
COUNTRIES = {
    "IR": ["Iran", "Islamic Republic of Iran", "Persia"], "US": ["United States", "USA", "US", "U.S.", "America",
    "United States of America"], "GB": ["United Kingdom", "UK", "U.K.", "Britain", "Great Britain", "England"],
    "RU": ["Russia", "Russian Federation"], "CN": ["China", "People's Republic of China", "PRC"],
    "TR": ["Turkey", "Türkiye", "Turkiye"], "KR": ["South Korea", "Republic of Korea", "Korea"],
    "KP": ["North Korea", "DPRK", "Democratic People's Republic of Korea"], "SY": ["Syria", "Syrian Arab Republic"],
    "AE": ["United Arab Emirates", "UAE", "Emirates"], "SA": ["Saudi Arabia", "Saudi", "KSA"],
    "PS": ["Palestine", "Palestinian Territories", "State of Palestine"], "IL": ["Israel"],
    "AF": ["Afghanistan"], "AZ": ["Azerbaijan", "Republic of Azerbaijan"], "CZ": ["Czechia", "Czech Republic"],
    "MM": ["Myanmar", "Burma"], "CI": ["Côte d'Ivoire", "Cote d'Ivoire", "Ivory Coast"],
    "CD": ["DR Congo", "Democratic Republic of the Congo", "Congo-Kinshasa", "DRC"],
    "CG": ["Republic of the Congo", "Congo-Brazzaville"], "NL": ["Netherlands", "Holland", "The Netherlands"],
    "VA": ["Vatican", "Holy See", "Vatican City"], "MK": ["North Macedonia", "Macedonia"],
    "SZ": ["Eswatini", "Swaziland"], "TL": ["Timor-Leste", "East Timor"], "VN": ["Vietnam", "Viet Nam"],
    "LA": ["Laos", "Lao PDR"], "BO": ["Bolivia"], "VE": ["Venezuela"], "TW": ["Taiwan"],
    "BA": ["Bosnia and Herzegovina", "Bosnia"], "DE": ["Germany"], "FR": ["France"], "IQ": ["Iraq"],
    "LB": ["Lebanon"], "YE": ["Yemen"], "JO": ["Jordan"], "EG": ["Egypt"], "QA": ["Qatar"], "OM": ["Oman"],
    "BH": ["Bahrain"], "KW": ["Kuwait"], "PK": ["Pakistan"], "IN": ["India"], "UA": ["Ukraine"],
    "BY": ["Belarus", "Byelorussia"], "MD": ["Moldova"], "KG": ["Kyrgyzstan", "Kyrgyz Republic"],
    "TJ": ["Tajikistan"], "TM": ["Turkmenistan"], "UZ": ["Uzbekistan"], "KZ": ["Kazakhstan"],
    "LY": ["Libya"], "SD": ["Sudan"], "SS": ["South Sudan"], "CV": ["Cape Verde", "Cabo Verde"],
}
ORGANIZATIONS = {
    "un": ["UN", "U.N.", "United Nations"], "un-security-council": ["Security Council", "UNSC",
    "United Nations Security Council"], "un-general-assembly": ["UNGA", "General Assembly",
    "United Nations General Assembly"], "un-human-rights-council": ["Human Rights Council",
    "United Nations Human Rights Council"], "iaea": ["IAEA", "UN nuclear watchdog", "Atomic Energy Agency"],
    "opec-plus": ["OPEC Plus", "OPEC+"], "isis": ["Islamic State", "ISIS", "ISIL", "Daesh", "Daish"],
    "isis-k": ["ISIS-K", "ISKP", "Islamic State Khorasan"], "al-qaeda": ["al-Qaida", "Al Qaeda", "Al-Qaida"],
    "hezbollah": ["Hizbollah", "Hizbullah", "Hizballah"], "houthis": ["Houthis", "Houthi", "Ansarallah",
    "Ansar Allah"], "hts": ["Hay'at Tahrir al-Sham", "Tahrir al-Sham"], "irgc": ["Revolutionary Guards",
    "Revolutionary Guard", "Sepah", "Islamic Revolutionary Guards Corps"], "quds-force": ["Quds Force",
    "Qods Force"], "mek": ["MEK", "MKO", "PMOI", "Mujahedin-e Khalq", "Mojahedin-e Khalq"],
    "majlis": ["Majlis", "Majles", "Iranian Parliament", "Parliament of Iran"], "pmu": ["PMF", "PMU",
    "Hashd al-Shaabi", "Popular Mobilisation Forces"], "kataib-hezbollah": ["Kataib Hezbollah",
    "Kata'ib Hizballah"], "icrc": ["Red Cross"], "msf": ["Doctors Without Borders", "Medecins Sans Frontieres"],
    "who": ["World Health Organisation"], "eu": ["EU", "European Union", "E.U."], "nato": ["NATO", "Nato"],
    "arab-league": ["League of Arab States"], "gcc": ["Gulf Cooperation Council", "Cooperation Council for the "
    "Arab States of the Gulf"], "aeoi": ["Atomic Energy Organisation of Iran"], "snsc": ["Supreme National "
    "Security Council of Iran"], "cbi": ["CBI", "Bank Markazi"], "irib": ["IRIB"], "al-jazeera": ["Aljazeera"],
    "jaish-al-adl": ["Jaish ul-Adl", "Jaish-ul-Adl"], "taliban": ["Taleban", "Islamic Emirate of Afghanistan"],
}


def _plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _word_variants(word: str) -> list[str]:
    out = [word]
    for group in NAME_PARTS:
        if word in group:
            out += [w for w in group if w != word]
    plain = _plain(word)
    out.append(plain)
    lower = plain.lower()
    if "gh" in lower[1:] or lower.startswith("gh"):  # Araghchi ~ Araqchi, Ghalibaf ~ Qalibaf
        out.append(plain.replace("gh", "q").replace("Gh", "Q"))
    if "ou" in lower:  # Rouhani ~ Ruhani, Mahmoud ~ Mahmud
        out.append(plain.replace("ou", "u"))
    if "-" in word:  # Takht-Ravanchi ~ Takht Ravanchi, al-Sharaa ~ Sharaa
        out += [word.replace("-", " "), word.replace("-", "")]
        head, _, tail = word.partition("-")
        if head.lower() in ("al", "el", "ad", "as", "ash"):
            out.append(tail)
    return list(dict.fromkeys(out))


def name_variants(name: str, latin_aliases: list[str] = ()) -> list[str]:
    """The name itself first, then the given aliases (all kept), then generated variants (up to MAX_VARIANTS)."""
    words = name.replace("(", " ").replace(")", " ").split()
    options = [_word_variants(w) for w in words]
    found = [name, *latin_aliases]
    # vary one word at a time first (the likeliest spellings), then every word at once
    for i, choices in enumerate(options):
        for choice in choices[1:]:
            found.append(" ".join(words[:i] + [choice] + words[i + 1:]))
    for combination in itertools.islice(itertools.product(*options), 50):
        found.append(" ".join(combination))
    found.append(_plain(name))
    cleaned = list(dict.fromkeys(" ".join(v.split()) for v in found if v and v.strip()))
    return cleaned[:max(MAX_VARIANTS, 1 + len(set(latin_aliases)))]


def _org_variants(row: dict) -> list[str]:
    name = row["name_en"]
    found = [name]
    if "(" in name:  # "Islamic State (ISIS)" -> "Islamic State", "ISIS"
        outer, _, inner = name.partition("(")
        found += [outer.strip(), inner.rstrip(")").strip()]
    found += ORGANIZATIONS.get(row["id"], [])
    found += [a for a in row.get("aliases", []) if a.isascii()]
    for variant in list(found):
        if "Organization" in variant:
            found.append(variant.replace("Organization", "Organisation"))
        if variant.startswith("UN "):
            found.append("United Nations " + variant[3:])
        if variant.lower().startswith("al-"):
            found += [variant[3:], "Al " + variant[3:]]
        found.append(_plain(variant))
    return list(dict.fromkeys(v for v in found if v))


def build() -> dict:
    countries = json.loads((DATA / "countries.json").read_text(encoding="utf-8"))
    officials = [json.loads(line) for line in (DATA / "officials.jsonl").read_text(encoding="utf-8").splitlines()
                 if line.strip()]
    organizations = [json.loads(line) for line in
                     (DATA / "organizations.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    out = {"about": "English names and common transliteration variants (aliases_en), by kind and id; written by "
                    "scripts/build_names_en.py", "countries": {}, "officials": {}, "organizations": {}}
    for code, entry in sorted(countries.items()):
        names = [entry["name_en"], *COUNTRIES.get(code, [])]
        names += [n.replace(" & ", " and ") for n in names if "&" in n]
        out["countries"][code] = list(dict.fromkeys([*names, *(_plain(n) for n in names)]))
    curated = json.loads(CURATED_OFFICIALS.read_text(encoding="utf-8")) if CURATED_OFFICIALS.is_file() else {}
    for row in officials:
        latin = [a for a in row.get("aliases", []) if a.isascii()] + curated.get(row["id"], [])
        out["officials"][row["id"]] = name_variants(row["name_en"], latin)
    for row in organizations:
        out["organizations"][row["id"]] = _org_variants(row)
    return out


def main() -> int:
    path = DATA / "names_en.json"
    data = build()
    path.write_text(json.dumps(data, ensure_ascii=False, indent=0, sort_keys=False) + "\n", encoding="utf-8")
    counts = {kind: len(data[kind]) for kind in ("countries", "officials", "organizations")}
    print(f"wrote {path.relative_to(ROOT)}: {counts}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
