"""The peer a newsroom would pick instead of this product: Elasticsearch's `persian` analyzer, which is Lucene's
`PersianAnalyzer`. The development distribution of Elasticsearch has no analysis-common module, so the analyzer
runs here, outside Elasticsearch: Lucene 10.3.2 (the version Elasticsearch 9.2.8 ships) is fetched from Maven
Central into the git-ignored `.cache/lucene/`, bench/peer/PersianTokens.java is compiled against it, and one JVM
analyses a whole batch of texts. The harness indexes the tokens into `whitespace` fields.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LUCENE_VERSION = "10.3.2"
ARTIFACTS = ("lucene-core", "lucene-analysis-common")
SOURCE = ROOT / "bench" / "peer" / "PersianTokens.java"
CACHE = ROOT / ".cache" / "lucene"
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029\u0085\v\f]+")


def find_jdk() -> Path:
    """A JDK >= 21 from /usr/lib/jvm (Lucene 10 needs Java 21), the same rule scripts/dev-es uses."""
    for home in sorted(Path("/usr/lib/jvm").glob("*")):
        release = home / "release"
        if not (home / "bin" / "javac").is_file() or not release.is_file():
            continue
        found = re.search(r'JAVA_VERSION="(\d+)', release.read_text(errors="replace"))
        if found and int(found.group(1)) >= 21:
            return home
    raise SystemExit("the persian-analyzer baseline needs a JDK >= 21 in /usr/lib/jvm (Lucene 10)")


def _jars() -> list[Path]:
    jars = [CACHE / f"{name}-{LUCENE_VERSION}.jar" for name in ARTIFACTS]
    for name, jar in zip(ARTIFACTS, jars):
        if not jar.is_file():
            artifact = f"org.apache.lucene:{name}:{LUCENE_VERSION}"
            result = subprocess.run(["mvn", "-q", "dependency:copy", f"-Dartifact={artifact}",
                                     f"-DoutputDirectory={CACHE}"], capture_output=True, text=True)
            if result.returncode != 0 or not jar.is_file():
                raise SystemExit(f"could not fetch {artifact} with mvn:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return jars


def classpath() -> tuple[Path, str]:
    """(java executable, class path) with PersianTokens compiled (again when its source changed)."""
    jdk = find_jdk()
    CACHE.mkdir(parents=True, exist_ok=True)
    jars = _jars()
    classes = CACHE / "classes"
    compiled = classes / "PersianTokens.class"
    path = ":".join(str(p) for p in [classes, *jars])
    if not compiled.is_file() or compiled.stat().st_mtime < SOURCE.stat().st_mtime:
        classes.mkdir(exist_ok=True)
        subprocess.run([str(jdk / "bin" / "javac"), "-cp", path, "-d", str(classes), str(SOURCE)], check=True)
    return jdk / "bin" / "java", path


def persian_tokens(texts: list[str]) -> list[str]:
    """Each text analysed by Lucene's PersianAnalyzer, as space-separated tokens (one JVM for the batch)."""
    java, path = classpath()
    lines = "".join(_LINE_BREAKS.sub(" ", text) + "\n" for text in texts)
    result = subprocess.run([str(java), "-cp", path, "PersianTokens"], input=lines.encode("utf-8"),
                            capture_output=True, check=True)
    output = result.stdout.decode("utf-8").split("\n")[: len(texts)]
    if len(output) != len(texts):
        raise RuntimeError(f"PersianTokens returned {len(output)} lines for {len(texts)} texts")
    return output
