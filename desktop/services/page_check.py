"""SQLCipher's page authentication, done here so a backup's copy is checked while it is made.

Every page of the database file ends with a reserve: a 16-byte IV, then the HMAC-SHA512 of
the page's encrypted bytes and IV followed by the page number (4 bytes, little-endian).
The HMAC key is PBKDF2-HMAC-SHA512 of the 32-byte encryption key, salted with the file's
first 16 bytes each XORed with 0x3a, 2 iterations. Page 1 begins with that salt, which is
not part of its HMAC. (SQLCipher 4, src/sqlcipher.c: sqlcipher_page_hmac,
sqlcipher_cipher_ctx_key_derive, sqlcipher_codec_ctx_integrity_check; checked against the
ten-year benchmark database, every page.)

`PRAGMA cipher_integrity_check` does the same in C, one 4 KB read and one freshly set-up
HMAC a page, on one thread. Here the pages are checked from large reads while the copy is
being written (services/backup_copy.py). It is used only when the database's cipher settings
are those written above (`page_format`); otherwise the caller asks SQLCipher.

Why the HMAC is written out from two SHA-512 states (RFC 2104) rather than `hmac.new(...)
.copy()` a page: hashlib releases the GIL while it hashes a page, but everything else a page
costs holds it, and with OpenSSL 3 copying and finishing an HMAC object is slow (three digest
contexts each). Written out, a page costs two SHA-512 copies and digests, about a third of
the time under the GIL (benchmarks/FINDINGS.md, issue 19 session 7), so the thread checking
pages leaves the GIL free for the threads copying and checking beside it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

import sqlcipher3

SALT_SIZE = 16
IV_SIZE = 16
HMAC_SIZE = 64
PENDING_BYTE = 0x40000000  # SQLite never uses the page holding this offset; SQLCipher skips it

# The settings this module knows how to check, as SQLCipher reports them. Any other value
# (another page size, HMAC, key derivation, a plaintext header, an older format) and the
# caller falls back to SQLCipher's own check.
KNOWN_SETTINGS = {
    "cipher": "AES-256-CBC",
    "cipher_page_size": "4096",
    "cipher_use_hmac": "1",
    "cipher_hmac_algorithm": "HMAC_SHA512",
    "cipher_hmac_pgno": "le",
    "cipher_hmac_salt_mask": "3a",
    "cipher_kdf_algorithm": "PBKDF2_HMAC_SHA512",
    "fast_kdf_iter": "2",
    "cipher_plaintext_header_size": "0",
}
SHA512_BLOCK = 128
KEY_SIZE = 32  # a raw 256-bit key, given as x'…' (desktop/models/database.py)


@dataclass(frozen=True)
class PageFormat:
    page_size: int
    hmac_key: bytes

    @property
    def signed_end(self) -> int:
        """Where the HMAC begins in a page: after the encrypted bytes and the IV."""
        return self.page_size - HMAC_SIZE

    @property
    def skipped_page(self) -> int:
        return PENDING_BYTE // self.page_size + 1


def page_format(connection: Any, key: bytes, salt: bytes) -> PageFormat | None:
    """The format of the keyed database on `connection`, whose file begins with `salt`, or
    None when any cipher setting differs from what this module knows."""
    if len(key) != KEY_SIZE or len(salt) != SALT_SIZE:
        return None
    for name, expected in KNOWN_SETTINGS.items():
        try:
            rows = connection.execute(f"PRAGMA {name}").fetchall()
        except sqlcipher3.Error:  # a pragma another SQLCipher refuses: not a known format
            return None
        if [tuple(row) for row in rows] != [(expected,)]:
            return None
    rows = connection.execute("PRAGMA cipher_salt").fetchall()
    if [tuple(row) for row in rows] != [(salt.hex(),)]:
        return None
    mask = int(KNOWN_SETTINGS["cipher_hmac_salt_mask"], 16)
    hmac_salt = bytes(byte ^ mask for byte in salt)
    hmac_key = hashlib.pbkdf2_hmac("sha512", key, hmac_salt,
                                   int(KNOWN_SETTINGS["fast_kdf_iter"]), KEY_SIZE)
    return PageFormat(int(KNOWN_SETTINGS["cipher_page_size"]), hmac_key)


def hmac_states(form: PageFormat) -> tuple[Any, Any]:
    """SHA-512 after the key XOR ipad, and after the key XOR opad: HMAC's two starts."""
    block = form.hmac_key.ljust(SHA512_BLOCK, b"\0")
    return (hashlib.sha512(bytes(byte ^ 0x36 for byte in block)),
            hashlib.sha512(bytes(byte ^ 0x5C for byte in block)))


def failing_pages(form: PageFormat, data: bytes | bytearray | memoryview, first_page: int,
                  pages: int) -> list[int]:
    """The numbers of the `pages` pages, the first numbered `first_page`, that `data` should
    hold whole and whose HMAC does not match (a page missing from `data` fails too)."""
    view = memoryview(data)
    size = form.page_size
    signed_end = form.signed_end
    inner_start, outer_start = hmac_states(form)
    new_inner, new_outer = inner_start.copy, outer_start.copy
    whole = min(pages, len(view) // size)
    failing = []
    start = 0
    for number in range(first_page, first_page + whole):
        inner = new_inner()
        inner.update(view[start + (SALT_SIZE if number == 1 else 0):start + signed_end])
        inner.update(number.to_bytes(4, "little"))
        outer = new_outer()
        outer.update(inner.digest())
        if outer.digest() != view[start + signed_end:start + size] and \
                number != form.skipped_page:
            failing.append(number)
        start += size
    failing.extend(number for number in range(first_page + whole, first_page + pages)
                   if number != form.skipped_page)  # missing from `data`, or cut short
    return failing
