"""Near-duplicate grouping: articles that tell the same story (an agency report republished with another
headline, a paragraph added or cut, spellings changed) share a `story_id`.

Each article's analysed body terms are cut into overlapping runs of SHINGLE terms; a MinHash signature
(datasketch) estimates the Jaccard similarity of two such sets. Locality-sensitive hashing splits the
signature into BANDS bands of ROWS values; articles sharing any band are candidates, and a candidate whose
estimated similarity reaches THRESHOLD tells the story. The band keys are indexed (`story_bands`), so a new
article finds its story among everything already stored with one query, and the signature is kept beside them
(`story_signature`) to check candidates. Everything here is pure but for the `lookup` a caller hands in.

A shingle's hash is built from its terms' CRC-32s (each term hashed once per process, see shingle_hash), not a
SHA1 per shingle as before ANALYSIS_VERSION 2 (enrich.py): the same estimate at a fraction of the cost. Band
keys name the scheme (BAND_KEY_SCHEME), so articles fingerprinted the old way are never candidates of new ones;
`python -m search reindex` regroups them.
"""

from __future__ import annotations

import base64
import functools
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

SHINGLE = 3
BANDS, ROWS = 40, 3  # two articles of similarity 0.4 (0.5) share a band with probability 0.93 (0.995)
NUM_PERM = BANDS * ROWS
THRESHOLD = 0.4  # chosen on the tuning set of bench/stories_eval.py (recall 0.951 -> 0.990 there, precision 1.0)
MIN_TERMS = 8  # below this a "story" is a headline or a caption: too little text to call two the same
# Rows a band key remembers in a load, the latest: on a templated archive a few band keys are shared by thousands of
# unrelated articles (at 60,000 generated articles one by 2,100, and an article met ~150 candidates, growing with the
# load); a copy comes soon after its story and shares other bands too (60,000 generated articles: the same story
# ids with 32 as with no limit). The stored look-up likewise takes the 10 articles sharing most bands.
BAND_MEMORY = 64
# Fixed, like the datasketch major version (2.x) in pyproject.toml: signatures stored in the index must stay
# comparable across runs and installs
_SEED = 20240521
_SCHEME = "affine32"

StoryLookup = Callable[[list[list[str]]], list[list[dict]]]  # band keys per article -> stored candidates each


@dataclass(frozen=True)
class Fingerprint:
    signature: np.ndarray  # NUM_PERM uint32 values
    bands: tuple[str, ...]
    text: str = ""  # the signature as encode_signature gives it, when already made

    def encoded(self) -> str:
        return self.text or encode_signature(self.signature)


def shingles(terms: Iterable[str]) -> set[str]:
    """The distinct runs of SHINGLE terms, joined by spaces: the values the signature is the MinHash of, each hashed
    by shingle_hash."""
    words = list(terms)
    if len(words) < SHINGLE:
        return {" ".join(words)} if words else set()
    return set(map(" ".join, zip(*(words[k:] for k in range(SHINGLE)))))


# Term hashes, remembered per process (news vocabulary repeats: after a few thousand articles nearly every term of
# a new one is known); bounded like the Analyzer's token cache, for endless streams of unseen terms
_TERM_HASHES: dict[str, int] = {}
_TERM_HASHES_MAX = 200_000
_MULTIPLIER = 0x9E3779B1  # odd: a shingle's hash is a polynomial in its terms' hashes, mod 2**32
_MASK = 0xFFFFFFFF


def term_hash(term: str) -> int:
    """A stable 32-bit hash of one analysed term: CRC-32 of its UTF-8 (the same in every process and install)."""
    value = _TERM_HASHES.get(term)
    if value is None:
        value = zlib.crc32(term.encode("utf-8"))
        if len(_TERM_HASHES) < _TERM_HASHES_MAX:
            _TERM_HASHES[term] = value
    return value


def shingle_hash(shingle: str) -> int:
    """The 32-bit hash of one shingle (terms joined by spaces, as `shingles` makes them): its terms' hashes
    h1 … hn as the polynomial h1·M^(n-1) + … + hn mod 2**32. Given to datasketch as `MinHash(hashfunc=…)`;
    `_signature` computes the same for all of an article's shingles at once."""
    value = 0
    for term in shingle.split(" "):
        value = (value * _MULTIPLIER + term_hash(term)) & _MASK
    return value


def fingerprint(terms: Iterable[str]) -> Fingerprint | None:
    """The signature and band keys of a text's analysed terms; None for a text too short to compare."""
    words = terms if isinstance(terms, list) else list(terms)
    if len(words) < MIN_TERMS:
        return None
    signature = _signature(words)
    # a band's key is its three values themselves (12 bytes: 16 base64 characters) after a prefix naming the band
    # and the hashing scheme
    encoded = encode_signature(signature)  # little-endian, so keys are the same on every machine
    return Fingerprint(signature, tuple([prefix + encoded[start:start + 16] for prefix, start in _BAND_KEYS]),
                       encoded)


# Band key prefixes: the letter names the shingle hashing (`b`: term hashes, shingle_hash), so keys of signatures
# hashed another way never meet these (before it, keys were two digits and a blake2b of the band: SHA1 shingles)
BAND_KEY_SCHEME = "b"
_BAND_KEYS = tuple((f"{BAND_KEY_SCHEME}{band:02d}", band * 16) for band in range(BANDS))


def _signature(words: list[str]) -> np.ndarray:
    """What datasketch's `MinHash(num_perm=NUM_PERM, seed=_SEED, scheme="affine32", hashfunc=shingle_hash)
    .update_batch(shingles(words))` gives, in a few numpy operations: each term hashed once (term_hash, mostly a
    dict look-up), the shingles' polynomial hashes from the terms' (a repeated shingle only repeats a value, which
    leaves a minimum unchanged), then datasketch's MurmurHash3 finaliser, the affine permutations mod 2**32 and
    their minimum. tests/unit/test_stories.py checks it against datasketch itself."""
    hashes = list(map(_TERM_HASHES.get, words))
    if None in hashes:
        hashes = [value if value is not None else term_hash(word) for value, word in zip(hashes, words)]
    terms = np.array(hashes, dtype=np.uint32)
    runs = max(len(words) - SHINGLE + 1, 1)
    hv = terms[:runs].copy()
    for k in range(1, min(SHINGLE, len(words))):
        hv *= np.uint32(_MULTIPLIER)
        hv += terms[k:k + runs]
    hv ^= hv >> np.uint32(16)
    hv *= np.uint32(0x85EBCA6B)
    hv ^= hv >> np.uint32(13)
    hv *= np.uint32(0xC2B2AE35)
    hv ^= hv >> np.uint32(16)
    a, b = _permutations()
    permuted = hv.reshape(-1, 1) * a
    permuted += b
    return permuted.min(axis=0)


@functools.cache
def _permutations():
    """Drawn once per process (drawing them is most of the cost of a MinHash)."""
    a, b = MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME).permutations
    return a.astype(np.uint32), b.astype(np.uint32)


def encode_signature(signature: np.ndarray) -> str:
    return base64.b64encode(signature.astype("<u4", copy=False).tobytes()).decode("ascii")


def decode_signature(text: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(text), dtype="<u4")


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two shingle sets."""
    return float(np.count_nonzero(a == b)) / len(a) if len(a) == len(b) else 0.0


def similarities(signature: np.ndarray, others: list[np.ndarray]) -> list[float]:
    """similarity(signature, other) for each of `others`, in one numpy comparison: on a large load an article
    can share bands with hundreds of earlier ones, and one comparison each was most of the main process's time."""
    n = len(signature)
    scores = [0.0] * len(others)
    comparable = [i for i, other in enumerate(others) if len(other) == n]
    if comparable:
        counts = np.count_nonzero(np.stack([others[i] for i in comparable]) == signature, axis=1).tolist()
        for i, count in zip(comparable, counts):
            scores[i] = float(count) / n
    return scores


class StoryGrouper:
    """Gives each document of a load its `story_id`: the story of the most similar article already stored or
    seen earlier in this load, else a new story named after the document itself. A re-sent article that is
    still similar to its stored version keeps its story.

    What a load remembers costs the same per article however long the load: each article seen is a row number,
    its signature a row of one packed uint32 table (a bytearray read through numpy: no Python object per article),
    and a band key maps to the rows that have it (a bare int for the usual single row; at most `band_memory`, the
    latest, see BAND_MEMORY). An article's candidates are scored in one numpy comparison of table rows."""

    def __init__(self, lookup: StoryLookup | None = None, threshold: float = THRESHOLD,
                 band_memory: int = BAND_MEMORY) -> None:
        self.lookup = lookup
        self.band_memory = band_memory
        self.threshold = threshold
        self._by_band: dict[str, int | list[int]] = {}  # band key -> rows of this load's articles having it
        self._row_of: dict[str, int] = {}  # id -> row
        self._ids: list[str] = []  # row -> id
        self._stories: list[str] = []  # row -> story id
        self._signatures = bytearray()  # row -> NUM_PERM little-endian uint32 values
        self._incomparable: set[int] = set()  # rows whose signature is not NUM_PERM values long: they match nothing

    def assign(self, docs: list[dict], look_up_stored: bool = True) -> None:
        """Set `story_id` on each document (dicts from `Enricher.document`), in order. `look_up_stored=False`
        when the caller knows the lookup would find nothing (a load into an empty index)."""
        stories = self.story_ids([(d["id"], d.get("story_bands"), d.get("story_signature")) for d in docs],
                                 look_up_stored)
        for doc, story in zip(docs, stories):
            doc["story_id"] = story

    def story_ids(self, docs: list[tuple[str, Sequence[str] | None, str | None]], look_up_stored: bool = True,
                  ) -> list[str]:
        """The story id of each (id, story_bands, story_signature), in order: `assign` without the dicts."""
        with_bands = [d for d in docs if d[1]]
        wanted = self.lookup and with_bands and look_up_stored
        stored = self.lookup([list(d[1]) for d in with_bands]) if wanted else []
        candidates_of = {id(d): found for d, found in zip(with_bands, stored)}
        return [self._story_of(*doc, candidates_of.get(id(doc), [])) for doc in docs]

    def _rows_sharing(self, bands: Sequence[str], row: int | None = None) -> set[int]:
        """The rows that have one of `bands`; with `row` (a new article's), that row is added under each band in the
        same dict operation (one hash look-up per band: on a large load the band dict is far bigger than the CPU's
        caches, and its look-ups are most of the grouping's cost)."""
        rows: set[int] = set()
        by_band = self._by_band
        if row is None:
            for band in bands:
                entry = by_band.get(band)
                if entry is not None:
                    rows.add(entry) if isinstance(entry, int) else rows.update(entry)
            return rows
        for band in bands:
            entry = by_band.setdefault(band, row)
            if entry is row:
                continue
            if isinstance(entry, int):
                if entry != row:
                    rows.add(entry)
                    by_band[band] = [entry, row]
            elif entry[-1] != row:  # (a band listed twice by one article is added once)
                rows.update(entry)
                if len(entry) >= self.band_memory:
                    del entry[0]
                entry.append(row)
        rows.discard(row)
        return rows

    def _scored_rows(self, signature: np.ndarray, rows: set[int]) -> list[tuple[float, str, str]]:
        """(score, id, story) of the rows whose similarity to `signature` reaches the threshold."""
        if len(signature) != NUM_PERM:
            return []  # compares as 0 with every signature of this load
        if self._incomparable:
            rows = rows - self._incomparable
        if not rows:
            return []
        wanted = np.fromiter(rows, dtype=np.intp, count=len(rows))
        table = np.frombuffer(self._signatures, dtype="<u4").reshape(-1, NUM_PERM)
        counts = np.count_nonzero(table[wanted] == signature, axis=1)
        del table  # the bytearray cannot grow while a view of it exists
        scores = counts / NUM_PERM  # float64 division, as similarity()'s float(count) / n
        hits = np.flatnonzero(scores >= self.threshold)
        return [(float(scores[i]), self._ids[row], self._stories[row])
                for i, row in zip(hits.tolist(), wanted[hits].tolist())]

    def _story_of(self, doc_id: str, bands: Sequence[str] | None, encoded: str | None, stored: list[dict]) -> str:
        if not bands:
            return doc_id
        signature = decode_signature(encoded)
        comparable = len(signature) == NUM_PERM
        values = signature.astype("<u4").tobytes() if comparable else bytes(4 * NUM_PERM)
        row = self._row_of.get(doc_id)
        if row is None:  # a new article: remembered under its bands as they are read
            row = self._row_of[doc_id] = len(self._ids)
            self._ids.append(doc_id)
            self._stories.append(doc_id)
            rows = self._rows_sharing(bands, row)
            scored = self._scored_rows(signature, rows)
            self._signatures += values
        else:  # a re-send in the same load: compared with its earlier version, then replaces it (its first bands kept)
            rows = self._rows_sharing(bands)
            scored = self._scored_rows(signature, rows)
            self._signatures[row * 4 * NUM_PERM:(row + 1) * 4 * NUM_PERM] = values
        if comparable:
            self._incomparable.discard(row)
        else:
            self._incomparable.add(row)
        in_load = {self._ids[r] for r in rows}  # this load's version wins over the stored one
        stored_hits = [(hit["id"], hit["story_id"], hit["story_signature"]) for hit in stored
                       if hit.get("story_signature") and hit.get("story_id") and hit["id"] not in in_load]
        if stored_hits:
            latest = {other: (story, text) for other, story, text in stored_hits}  # a repeated id: the last hit
            found = list(latest.items())
            scores = similarities(signature, [decode_signature(text) for _, (_, text) in found])
            scored += [(score, other, story) for score, (other, (story, _)) in zip(scores, found)
                       if score >= self.threshold]
        own = [s for s in scored if s[1] == doc_id]
        if own:
            story = own[0][2]
        elif scored:
            story = max(scored, key=lambda s: (s[0], s[1]))[2]
        else:
            story = doc_id
        self._stories[row] = story
        return story
