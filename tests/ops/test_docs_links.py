"""The documentation stays inside the repository: every relative Markdown link leads to a file of
the repository, and no file points at documents or folders that only exist beside a checkout."""

from __future__ import annotations

import re
import subprocess
from functools import cache
from pathlib import Path
from urllib.parse import unquote

import pytest

ROOT = Path(__file__).resolve().parents[2]
SKIPPED_DIRECTORIES = {".git", ".venv", "var", "node_modules", "__pycache__"}
TEXT_SUFFIXES = {".py", ".md", ".sh", ".yml", ".yaml", ".toml", ".txt", ".conf", ".template"}
TEXT_NAMES = {"Dockerfile", "Procfile"}

# [text](target) and ![alt](target), with an optional "title"; and reference definitions [id]: target.
INLINE_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'(][^)]*)?\)")
REFERENCE_LINK = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
FENCED_BLOCK = re.compile(r"^ {0,3}(```|~~~).*?^ {0,3}\1", re.MULTILINE | re.DOTALL)
CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1", re.DOTALL)
EXTERNAL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")  # http:, https:, mailto: and any other scheme

# What a clone of the repository does not contain. Written so that this file does not match them.
OUTSIDE_REFERENCES = {
    "the design document that lived outside the repository": re.compile(r"\bDESIGN\.md\b"),
    "a folder beside the repository": re.compile(r"\.\./shared\b"),
}


@cache
def _repository_files() -> tuple[Path, ...]:
    """Tracked files and new ones not ignored by .gitignore; without git, a walk of the tree."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
            cwd=ROOT,
            capture_output=True,
            check=True,
            timeout=60,
        ).stdout.decode()
        candidates = [ROOT / name for name in listed.split("\0") if name]
    except (OSError, subprocess.SubprocessError):
        candidates = [path for path in ROOT.rglob("*") if not SKIPPED_DIRECTORIES & set(path.relative_to(ROOT).parts)]
    return tuple(sorted(path for path in candidates if path.is_file()))


def _markdown_files() -> list[Path]:
    return [path for path in _repository_files() if path.suffix == ".md"]


def _text_files() -> list[Path]:
    return [path for path in _repository_files() if path.suffix in TEXT_SUFFIXES or path.name in TEXT_NAMES]


def _relative_links(markdown: str) -> list[str]:
    """The link targets of `markdown` that name a file, outside code blocks and code spans."""
    prose = CODE_SPAN.sub("", FENCED_BLOCK.sub("", markdown))
    targets = INLINE_LINK.findall(prose) + REFERENCE_LINK.findall(prose)
    return [target for target in targets if not EXTERNAL.match(target) and not target.startswith("#")]


def _broken(document: Path, target: str) -> str | None:
    """Why `target`, linked from `document`, is not a file or folder of the repository; None if it is."""
    path = unquote(target.split("#", 1)[0].split("?", 1)[0])
    resolved = ((ROOT if path.startswith("/") else document.parent) / path.lstrip("/")).resolve()
    if not resolved.is_relative_to(ROOT):
        return "leads outside the repository"
    if not resolved.exists():
        return "leads to nothing"
    if not any(path == resolved or resolved in path.parents for path in _repository_files()):
        return "leads to something that is not part of the repository (ignored by git)"
    return None


def test_the_link_finder_sees_links_and_skips_code_and_the_web():
    markdown = (
        'See [the architecture](docs/architecture.md#events-and-topics), ![a diagram](img/flow.png "title")\n'
        "and [Kafka](https://kafka.apache.org), [mail](mailto:ops@example.com), [above](#layout).\n"
        "`[not a link](code.md)`\n"
        "```\n[nor this](block.md)\n```\n"
        "[ref]: deploy/README.md\n"
    )
    assert _relative_links(markdown) == ["docs/architecture.md#events-and-topics", "img/flow.png", "deploy/README.md"]


def test_the_checks_tell_a_broken_link_and_an_outside_reference():
    readme = ROOT / "README.md"
    assert _broken(readme, "docs/architecture.md#events-and-topics") is None
    assert _broken(readme, "docs/no-such-file.md") == "leads to nothing"
    assert _broken(readme, "../elsewhere/README.md") == "leads outside the repository"
    assert _broken(readme, "deploy/k8s") is None
    beside = "/".join(["..", "shared", "seeds"])  # spelt out, this file would name it too
    assert OUTSIDE_REFERENCES["a folder beside the repository"].search(f"from {beside}")


@pytest.mark.parametrize("document", _markdown_files(), ids=lambda path: str(path.relative_to(ROOT)))
def test_every_relative_link_leads_to_a_file_of_the_repository(document: Path):
    broken = [
        f"{document.relative_to(ROOT)}: [..]({target}) {why}"
        for target in _relative_links(document.read_text(encoding="utf-8"))
        if (why := _broken(document, target))
    ]

    assert not broken, "broken links:\n" + "\n".join(broken)


def test_documentation_is_found():
    documents = {str(path.relative_to(ROOT)) for path in _markdown_files()}

    assert {"README.md", "docs/architecture.md"} <= documents, f"the scan missed documents: {sorted(documents)}"


def test_no_file_refers_to_documents_outside_the_repository():
    found = []
    for path in _text_files():
        for line_number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            found += [
                f"{path.relative_to(ROOT)}:{line_number}: {what}: {line.strip()}"
                for what, pattern in OUTSIDE_REFERENCES.items()
                if pattern.search(line)
            ]

    assert len(_text_files()) > 100, "the scan found too few files: is the file list still right?"
    assert not found, "refer to files of this repository instead (docs/architecture.md, ...):\n" + "\n".join(found)
