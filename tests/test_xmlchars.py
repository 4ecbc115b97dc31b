"""desktop/xmlchars.py: the quick look for an unsafe character changes no result."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.xmlchars import BREAK_BETWEEN_WORDS, FORBIDDEN, SURROGATE, xml_safe


def _three_passes(text: str) -> str:
    """xml_safe as it was before the quick look: every text through all three patterns."""
    text = FORBIDDEN.sub("", BREAK_BETWEEN_WORDS.sub(" ", text))
    return SURROGATE.sub("", text)


# Text mixing words, the characters each pattern acts on and their neighbours.
_TRICKY = st.text(alphabet=st.one_of(
    st.sampled_from(" \t\r\n\x00\x07\x08\x0b\x0c\x0e\x1f\x7f\ufffd\ufffe\uffff\ud800\udfffaé"),
    st.characters()), max_size=40)


@settings(max_examples=400, derandomize=True)
@given(_TRICKY)
def test_the_same_text_as_all_three_patterns(text: str) -> None:
    assert xml_safe(text) == _three_passes(text)


def test_safe_text_comes_back_as_it_is_and_unsafe_text_cleaned() -> None:
    safe = "Łukasz said\tyes\n to the مرحبا plan 😀"
    assert xml_safe(safe) is safe
    assert xml_safe("first line\x0bsecond\x00 \ud800end\uffff") == "first line second end"
