"""Naming a candidate without their address: the keyed hash that CandidateErased carries.

HMAC-SHA256 of the trimmed, lower-cased address under the CANDIDATE_KEYS key (CANDIDATE_KEYS_SECRET,
or derived from JWT_SECRET). Without the key nobody can test a guessed address against it, which a
plain hash would allow; the application and notification services hold the same key.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Mapping

from recruitment_shared.secrets import CANDIDATE_KEYS, signing_key


def candidate_key(address: str, key: str) -> str:
    """The keyed hash of `address` (64 hex characters); the same for any spelling of its case."""
    return hmac.new(key.encode(), address.strip().lower().encode(), hashlib.sha256).hexdigest()


def candidate_keys_secret(environ: Mapping[str, str] | None = None) -> str:
    """The key of candidate_key(): CANDIDATE_KEYS_SECRET, or derived from JWT_SECRET (fail-closed)."""
    return signing_key(CANDIDATE_KEYS, os.environ if environ is None else environ)
