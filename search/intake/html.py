"""HTML to text: whole article pages through trafilatura (main text, title, date, canonical URL; navigation,
related links and comments left out) and feed summaries through lxml. Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html
import trafilatura
from lxml import etree

# trafilatura drops characters that are not printable, and the zero-width non-joiner (U+200C) is one: every
# «می‌شود» would come out as «میشود». A printable letter no Persian text uses stands in for it meanwhile.
_ZWNJ_FORMS = re.compile(r"\u200c|&zwnj;|&#8204;|&#x200c;", re.IGNORECASE)
_ZWNJ_STAND_IN = "\ua66e"
_BLOCKS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "table",
           "section", "article", "figure", "figcaption", "pre", "hr", "dd", "dt"}
_DROP = ("script", "style", "noscript", "iframe", "object", "form", "button", "nav")


@dataclass(frozen=True)
class Page:
    text: str
    title: str | None
    published: str | None
    url: str | None
    sitename: str | None


def extract_page(html: str, url: str | None = None) -> Page | None:
    """The article on a page, or None when the page has no main text."""
    protected = _ZWNJ_FORMS.sub(_ZWNJ_STAND_IN, html)
    document = trafilatura.bare_extraction(protected, url=url, with_metadata=True, include_comments=False,
                                           include_tables=True, favor_precision=True)
    if document is None:
        return None
    fields = document.as_dict() if hasattr(document, "as_dict") else dict(document)

    def restored(key: str) -> str | None:
        value = fields.get(key)
        return value.replace(_ZWNJ_STAND_IN, "\u200c").strip() if isinstance(value, str) and value.strip() else None

    text = restored("text")
    if not text:
        return None
    title = restored("title")
    if title and text.startswith(title):  # trafilatura repeats the headline as the first line of the text
        text = text[len(title):].lstrip()
    return Page(text=text, title=title, published=restored("date"), url=restored("url") or url,
                sitename=restored("sitename"))


def html_to_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed's summary or content): tags gone, entities decoded, one line per block."""
    if "<" not in fragment and "&" not in fragment:
        return fragment.strip()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return re.sub(r"<[^>]*>", " ", fragment).strip()
    for element in list(root.iter(*_DROP)):
        element.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCKS:
            element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)
