"""Every page of an encrypted database file, and of its write-ahead log, decrypted with the key
by hand: free pages, the unused space inside pages and old frames of the log included, which
no SQL can reach (this SQLCipher is built without the sqlite_dbpage table, and a copy made by
sqlcipher_export or VACUUM leaves them out).

SQLCipher 4's page (desktop/services/page_check.py): the first `page_size - 80` bytes are
AES-256-CBC ciphertext (on page 1, after the 16-byte salt), then a 16-byte IV, then the
HMAC. With a raw key (`x'…'`) the key itself is the AES key. The log is a 32-byte header,
then frames of a 24-byte header and one page each.
"""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PAGE_SIZE = 4096
RESERVE = 80
SALT = 16
IV = 16
WAL_HEADER = 32
FRAME_HEADER = 24


def _decrypt_page(key: bytes, page: bytes, first: bool) -> bytes:
    if len(page) < PAGE_SIZE or not any(page):
        return b""  # a page never written (a hole in a sparse file) holds nothing
    start = SALT if first else 0
    iv = page[PAGE_SIZE - RESERVE:PAGE_SIZE - RESERVE + IV]
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(page[start:PAGE_SIZE - RESERVE]) + decryptor.finalize()


def database_plaintext(path: Path, key: bytes) -> bytes:
    """The decrypted bytes of every page of the file at `path`, one after another."""
    data = path.read_bytes()
    return b"".join(_decrypt_page(key, data[offset:offset + PAGE_SIZE], offset == 0)
                    for offset in range(0, len(data), PAGE_SIZE))


def log_plaintext(path: Path, key: bytes) -> bytes:
    """The decrypted page of every frame in the database's write-ahead log (none: b"")."""
    log = path.with_name(path.name + "-wal")
    if not log.exists():
        return b""
    data = log.read_bytes()
    frames = []
    for offset in range(WAL_HEADER, len(data) - FRAME_HEADER - PAGE_SIZE + 1,
                        FRAME_HEADER + PAGE_SIZE):
        number = int.from_bytes(data[offset:offset + 4], "big")
        page = data[offset + FRAME_HEADER:offset + FRAME_HEADER + PAGE_SIZE]
        frames.append(_decrypt_page(key, page, number == 1))
    return b"".join(frames)


def everything_in(path: Path, key: bytes) -> bytes:
    """The whole file and its log, decrypted, lower-cased (the search index stores words
    lower-cased): what anyone holding the file and its key could read."""
    return (database_plaintext(path, key) + log_plaintext(path, key)).lower()


def still_there(path: Path, key: bytes, *texts: str) -> list[str]:
    """Which of `texts` can still be read in the file or its log.

    The search index stores a word after the words before it with their common first
    letters left out, so a word is looked for from its fourth letter on."""
    plain = everything_in(path, key)
    return [text for text in texts if text.lower()[3:].encode("utf-8") in plain]
