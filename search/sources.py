"""Kept for the modules that import from here; the readers live in `search.intake`."""

from search.intake.dates import parse_published
from search.intake.readers import SUPPORTED_SUFFIXES, article_from_record, expand_paths, read_articles
from search.intake.validate import stable_id, title_from_body

__all__ = ["SUPPORTED_SUFFIXES", "article_from_record", "expand_paths", "parse_published", "read_articles",
           "stable_id", "title_from_body"]
