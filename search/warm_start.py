"""A built Enricher kept on disk, so a process starts enriching in about a second instead of five.

Building the analyser (hazm's tokenizer and lemmatizer, the lexicon) and the entity matcher (every name of the
knowledge base analysed into the automaton) costs ~5 s of one core; `index` pays it before the first article,
and at 100,000 articles that was 6% of the load, with the second core idle. The built object depends only on
this package's files (code, tables, knowledge base) and the versions of the libraries it holds, so it is
pickled once under a key of those and loaded while the key matches; any other key is a different file, and an
unreadable file is built again. `SEARCH_CACHE_DIR` chooses the folder (default `~/.cache/persian-news-search`);
set it empty to always build.

Only this user's processes write the folder, and they read back only what they wrote there.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

PACKAGE = Path(__file__).resolve().parent
# the libraries whose objects the enricher holds or whose data it read while being built
LIBRARIES = ("hazm", "nltk", "numpy", "datasketch", "pyahocorasick", "wordfreq")
PREFIX = "enricher-"


def cache_folder(env: dict[str, str] | None = None) -> Path | None:
    env = os.environ if env is None else env
    chosen = env.get("SEARCH_CACHE_DIR")
    if chosen is not None:
        return Path(chosen).expanduser() if chosen.strip() else None
    return Path("~/.cache/persian-news-search").expanduser()


def build_key(package: Path = PACKAGE) -> str:
    """A digest of every file of the package and the libraries' versions: any edit gives another key."""
    digest = hashlib.sha256(sys.version.encode())
    for library in LIBRARIES:
        try:
            version = metadata.version(library)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{library}={version};".encode())
    for path in sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:24]


def load_or_build(build: Callable[[], T], folder: Path | None = None, key: str | None = None) -> T:
    """`build()`'s object from the folder when one with this key is there, else built and stored (best effort:
    a folder that cannot be written only costs the next process its start)."""
    folder = cache_folder() if folder is None else folder
    if folder is None:
        return build()
    path = folder / f"{PREFIX}{key or build_key()}.pickle"
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except FileNotFoundError:
        pass
    except Exception:  # noqa: BLE001 - truncated, or from a Python that pickled differently: build it again
        pass
    built = build()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".tmp-", delete=False) as handle:
            pickle.dump(built, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)  # whole or not at all, also with several processes at once
        for old in folder.glob(f"{PREFIX}*.pickle"):  # other code's builds: never read again
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass
    return built
