"""The webfont and axe-core come from the npm registry at set-up, pinned, never from a CDN; the stylesheet, the
set-up script and the Docker build must agree on where the font lands."""

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FONT = "vendor/vazirmatn/Vazirmatn-Variable.woff2"


def test_versions_are_pinned_with_integrity_hashes():
    lock = json.loads((ROOT / "assets" / "package-lock.json").read_text())
    for name in ("vazirmatn", "axe-core"):
        entry = lock["packages"][f"node_modules/{name}"]
        assert entry["integrity"].startswith("sha512-"), name


def test_stylesheet_setup_and_docker_agree_on_the_font_path():
    css = (ROOT / "web" / "static" / "style.css").read_text()
    assert re.search(r'@font-face\s*{[^}]*url\("' + re.escape(FONT) + '"', css)
    assert "http" not in "".join(re.findall(r"url\(([^)]*)\)", css)), "no font from another site"
    # scripts/web-assets copies into $VENDOR (= web/static/vendor); the Docker stage into /vendor, copied there
    assert '"$VENDOR/vazirmatn/Vazirmatn-Variable.woff2"' in (ROOT / "scripts" / "web-assets").read_text()
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "/vendor/vazirmatn/Vazirmatn-Variable.woff2" in dockerfile
    assert "COPY --from=web-assets /vendor ./web/static/vendor" in dockerfile


def test_setup_fetched_the_font_and_axe():
    # `make setup` (scripts/bootstrap -> scripts/web-assets) ran before the tests
    font = ROOT / "web" / "static" / FONT
    assert font.is_file() and font.read_bytes()[:4] == b"wOF2"
    assert (ROOT / "web" / "static" / "vendor" / "axe-core" / "axe.min.js").stat().st_size > 100_000


def test_templates_load_nothing_from_other_sites():
    for template in (ROOT / "web" / "templates").glob("*.html"):
        text = template.read_text()
        assert not re.search(r'(src|href)="(https?:)?//', text), template.name
