"""Regenerate search/entities/data/countries.json from CLDR (through Babel): Persian and English names for
every ISO 3166-1 alpha-2 country and territory. Curated additions (long forms, demonyms, press names) live in
countries_extra.json and are merged at load time, so this file is never edited by hand.

    .venv/bin/python scripts/build_countries.py
"""

import json
from pathlib import Path

from babel import Locale

# CLDR region codes that are not countries or territories (groupings, reserved and private-use codes).
NOT_COUNTRIES = {"AC", "CP", "CQ", "DG", "EA", "IC", "TA", "EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"}
OUT = Path(__file__).resolve().parent.parent / "search" / "entities" / "data" / "countries.json"


def main() -> None:
    persian, english = Locale("fa").territories, Locale("en").territories
    countries = {
        code: {"name_fa": persian[code], "name_en": english[code]}
        for code in sorted(persian)
        if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES and code in english
    }
    OUT.write_text(json.dumps(countries, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {len(countries)} countries to {OUT}")


if __name__ == "__main__":
    main()
