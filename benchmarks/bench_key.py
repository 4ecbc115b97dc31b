"""The benchmark databases' key, kept apart so that the start benchmark imports nothing the
app itself would not."""

from __future__ import annotations

from desktop.models.keystore import ENV_VAR, KeyStore

# A fixed key, so the benchmark processes open the database without a keyring. The data is
# made up; nothing secret is protected by it.
BENCH_KEY_HEX = "5b" * 32


def key_store() -> KeyStore:
    return KeyStore(environ={ENV_VAR: BENCH_KEY_HEX})
