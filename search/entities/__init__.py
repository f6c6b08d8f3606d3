"""Entities: who and what an article mentions.

kb.py          the knowledge base (data/: countries, officials, organisations, places, offices, English names)
matcher.py     one Aho-Corasick pass over an article's token keys, then context rules for ambiguous names
discovery.py   officials the knowledge base lacks, found by how the press introduces them (a matcher mixin)
actors.py      capitals standing for their governments (پکن اعلام کرد)
variants.py    misspellings of known names the press prints (glued, spaced, ئی/یی, Dari alef)
offices.py     office mentions resolved to whoever held the office on the article's date
evidence.py    the office and sentence a discovered official was found with
kb_check.py, kb_find.py, kb_discovered.py   `python -m search kb check | find | discovered`
"""
