"""News intake: everything between the news as it arrives and an Article.

- `readers`: files, folders and addresses -> Articles or Rejects; the format told by content (RSS/Atom feeds
  with feedparser, HTML pages with trafilatura, JSON lines, plain text)
- `validate`: one record -> Article or Reject (empty bodies, impossible dates, non-http links, oversized text),
  ids and canonical URLs
- `dates`: publication dates in ISO, RFC 822, Jalali and written Persian/English forms
- `outlets`: the source of an article from its feed or site, or a credit naming a known outlet
- `html`: page and fragment text extraction
- `fetch`: HTTP with conditional requests and a per-host delay
- `watch`: following feeds, with a state file so a restart neither misses nor repeats
"""

from search.intake.dates import parse_published
from search.intake.readers import read_articles
from search.intake.validate import stable_id, title_from_body

__all__ = ["parse_published", "read_articles", "stable_id", "title_from_body"]
