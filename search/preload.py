"""Imported by the enrichment fork server (search/parallel.py) and nowhere else: importing it builds the
process-wide enricher, so every worker forked from that server starts with it built. The one module of the
package with an import-time side effect, on purpose."""

from search.enrich import get_enricher

get_enricher()
