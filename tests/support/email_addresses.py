"""Email addresses every endpoint must refuse (each shape once), and a good unusual one it must take."""

from __future__ import annotations

BAD_ADDRESSES = {
    "control-in-quotes": '"\x0b"@example.com',  # passed the old validators, then stopped the sender
    "control": "jan\x0bpeeters@example.com",
    "quoted-local-part": '"jan peeters"@example.com',
    "address-literal": "hr@[10.0.0.5]",
    "dotless-host": "root@localhost",
    "special-use-domain": "jan@printer.local",
    "header-injection": "jan@example.com\r\nBcc: everyone@example.com",
    "display-name": "Jan Peeters <jan@example.com>",
    "local-part-over-64": f"{'j' * 65}@example.com",
    "over-254": f"{'j' * 64}@{'b' * 63}.{'c' * 63}.{'d' * 63}.com",  # 260 characters, each part in bounds
}

# A tag, mixed case and an internationalised domain: stored with the local part as typed and the
# domain lowercased (in Unicode; the sender writes it in ASCII for the SMTP server).
GOOD_ADDRESS, GOOD_ADDRESS_STORED = "Jan.Peeters+jobs@Bücher.BE", "Jan.Peeters+jobs@bücher.be"
