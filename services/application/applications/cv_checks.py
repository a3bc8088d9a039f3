"""What every CV check shares: the refusal a candidate reads, and which links a CV may carry."""

from __future__ import annotations

from urllib.parse import urlsplit

# Links a reader follows only by clicking, to places a browser opens anyway. Everything else
# (file:, javascript:, smb:, Windows share paths) opens local files or scripts, or sends the
# reader's Windows credentials to whoever runs the share.
_SAFE_LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

ACCEPTED_FORMATS = "a CV must be a PDF or a Word document (.docx)"


class CvRejected(ValueError):
    """The upload is not an acceptable CV; str(exc) says why, for the candidate."""


def is_safe_link(target: str) -> bool:
    """Whether a link target is a web, mail or phone address (or relative) rather than a local file or script."""
    target = target.strip()
    # Rooted or parent paths and \\host\share reach the reader's own files or Windows shares. Other
    # relative targets ("www.example.com", as LaTeX writes them) can only name files beside the
    # downloaded CV, which the uploader does not control.
    if target.startswith(("/", "\\", ".")):
        return False
    try:
        scheme = urlsplit(target).scheme.lower()
    except ValueError:
        return False
    return scheme in _SAFE_LINK_SCHEMES or scheme == ""
