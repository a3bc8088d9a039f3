"""The README's configuration reference names every environment variable the code reads."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
READ = re.compile(r"""(?:environ\.get\(|environ\[|getenv\()\s*["']([A-Z][A-Z0-9_]+)["']""")
# Every service's package (the folder beside its pyproject.toml, tests excluded), the shared package, deploy/.
PACKAGES = [path.parent for path in (ROOT / "services").glob("*/*/__init__.py") if path.parent.name != "tests"]
SOURCES = [ROOT / "shared" / "recruitment_shared", *PACKAGES, ROOT / "deploy"]


def _variables_read() -> dict[str, Path]:
    found = {}
    for source in SOURCES:
        for path in source.rglob("*.py"):
            if "tests" not in path.parts:
                found.update({name: path for name in READ.findall(path.read_text())})
    return found


def _configuration_section() -> str:
    readme = (ROOT / "README.md").read_text()
    return readme[readme.index("## Configuration") : readme.index("\n## ", readme.index("## Configuration") + 1)]


def test_every_variable_the_code_reads_is_in_the_configuration_reference():
    section = _configuration_section()
    variables = _variables_read()
    missing = {name: str(path.relative_to(ROOT)) for name, path in variables.items() if f"`{name}`" not in section}

    assert len(variables) > 20, "the scan found too few variables: is SOURCES still right?"
    assert not missing, f"document these in README.md's Configuration section: {missing}"
