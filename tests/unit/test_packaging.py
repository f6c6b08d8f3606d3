"""A non-editable install (the Docker image) must carry every data file the code reads."""

import tomllib
from fnmatch import fnmatch
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_data_file_is_declared_as_package_data():
    package_data = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    data_files = [p for folder in ("search", "web") for p in (ROOT / folder).rglob("*")
                  if p.is_file() and p.suffix in (".json", ".jsonl", ".html", ".css", ".js")]
    assert data_files
    for path in data_files:
        relative = path.relative_to(ROOT)
        declared = any(
            fnmatch(str(relative.relative_to(Path(*package.split(".")))), pattern)
            for package, patterns in package_data.items()
            if relative.is_relative_to(Path(*package.split(".")))
            for pattern in patterns
        )
        assert declared, f"{relative} is not in [tool.setuptools.package-data]"
