"""The minutes' HTML subset: what is kept, what is stripped, and that nothing runs."""

from __future__ import annotations

import json

import pytest

from desktop.services.richtext import _Sanitiser, html_to_text, sanitise_html
from tests.conftest import SAMPLES


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>a<script>alert(1)</script>b</p>", "<p>ab</p>"),
        ("<SCRIPT type='x'>alert(1)</SCRIPT>after", "after"),
        ("<style>p { color: red }</style><p>x</p>", "<p>x</p>"),
        ('<p class="big" onclick="evil()">x</p>', "<p>x</p>"),
        ('<a href="javascript:evil()">the link</a> text', "the link text"),
        ("<strong>bold</strong> <em>it</em> <b>b</b> <i>i</i> <u>u</u>",
         "<b>bold</b> <i>it</i> <b>b</b> <i>i</i> <u>u</u>"),
        ("<ul><li>one<ol><li>two</li></ol></li></ul>",
         "<ul><li>one<ol><li>two</li></ol></li></ul>"),
        ("line<br>break<br/>again", "line<br>break<br>again"),
        ("<table><tr><td>cell</td></tr></table>", "<p>cell</p>"),
        ("<img src=x onerror=evil()>", ""),
        ("<!-- a comment -->text", "text"),
    ],
)
def test_keeps_the_subset_and_strips_the_rest(html: str, expected: str) -> None:
    assert sanitise_html(html) == expected


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("Tom &amp; Jerry", "Tom &amp; Jerry"),
        ("a &lt;script&gt; b", "a &lt;script&gt; b"),
        ("5 < 6 & 7 > 3", "5 &lt; 6 &amp; 7 &gt; 3"),
        ("it&#39;s &quot;quoted&quot;", 'it\'s "quoted"'),
        ("caf&eacute;", "café"),
    ],
)
def test_text_is_escaped_again(html: str, expected: str) -> None:
    assert sanitise_html(html) == expected


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>unclosed", "<p>unclosed</p>"),
        ("<p><b>both unclosed", "<p><b>both unclosed</b></p>"),
        ("stray</b> end</p>", "stray end"),
        ("<p>x<b>y</p>z", "<p>x<b>y</b></p>z"),
        ("<ul><li>a<li>b</ul>", "<ul><li>a<li>b</li></li></ul>"),
    ],
)
def test_output_is_balanced(html: str, expected: str) -> None:
    assert sanitise_html(html) == expected


PASTED_TABLE = """<p>Before</p>
<table border=1>
 <tr>
  <td><p class=MsoNormal><b>Cell A1</b></p></td>
  <td><p>Cell B1</p></td>
 </tr>
 <tr><td>Cell A2<td>Cell <i>B2</i>
</table><p>After</p>"""


def test_a_table_keeps_one_line_per_row_with_its_cells_apart() -> None:
    html = sanitise_html(PASTED_TABLE)
    assert "<p><b>Cell A1</b> | Cell B1</p><p>Cell A2 | Cell <i>B2</i>" in html
    assert "Cell B1Cell A2" not in html and "Cell A1Cell B1" not in html
    assert html_to_text(PASTED_TABLE).splitlines() == [
        "Before", "Cell A1 | Cell B1", "Cell A2 | Cell B2", "After"]
    assert sanitise_html(html) == html


@pytest.mark.parametrize(
    "html",
    [
        "<p>a<script>alert(1)</script>b</p>",
        "5 < 6 & 7 > 3 &amp;amp; &lt;b&gt;",
        "<p>x<b>y</p>z</i>",
        "<ul><li>a<li>b</ul><br/>",
        '<a href="x">&lt;/p&gt;</a>',
        "<p>unclosed <u>marks",
    ],
)
def test_sanitising_twice_changes_nothing(html: str) -> None:
    once = sanitise_html(html)
    assert sanitise_html(once) == once


def test_the_sample_minutes_are_already_in_the_subset() -> None:
    document = json.loads((SAMPLES / "herefordshire-board-2018-10-23.json").read_text("utf-8"))
    items = [item for item in document["meetings"][0]["items"]]
    items += [sub for item in items for sub in item.get("items", [])]
    minutes = [item["minutes_html"] for item in items if item.get("minutes_html")]
    assert len(minutes) > 10
    assert all(sanitise_html(html) == html for html in minutes)


def test_text_has_a_line_per_paragraph_and_dashes_for_list_items() -> None:
    html = "<p>First  paragraph</p><p>Tom &amp; Jerry</p><ul><li>one</li><li>two</li></ul>"
    assert html_to_text(html) == "First paragraph\nTom & Jerry\n- one\n- two"


def test_text_of_nested_lists_is_indented_and_scripts_are_not_text() -> None:
    html = "<ol><li>outer<ul><li>inner</li></ul></li></ol><script>x()</script>line<br>two"
    assert html_to_text(html) == "- outer\n  - inner\nline\ntwo"


def test_qt_editor_markup_keeps_its_bold_italic_and_underline(qapp):
    from PySide6.QtGui import QTextDocument

    document = QTextDocument()
    document.setHtml("<p>Plain <b>bold</b> <i>italic</i> <u>under</u> <b><i>both</i></b></p>"
                     "<ul><li>one</li></ul>")
    clean = sanitise_html(document.toHtml())
    assert "<b>bold</b>" in clean and "<i>italic</i>" in clean and "<u>under</u>" in clean
    assert "<b><i>both</i></b>" in clean
    assert "<li>one</li>" in clean
    assert "style" not in clean and "qrichtext" not in clean
    assert sanitise_html(clean) == clean


def _in_one_go(html: str) -> str:
    parser = _Sanitiser()
    parser.feed(html)
    return parser.result()


@pytest.mark.parametrize("html", [
    # Text after a cell's end on the next line: read whole, as in one go.
    "<table><tr><td>a</td>\n  <td>b</td>\nc</tr>\n<tr><td>d</td></tr></table>\n<p>e</p>",
    # A character reference cut by the end of a line, a script over several lines.
    "<p>Fish &amp\n<b>chips</b> &\n<i>peas</i></p>\n<script>\n<p>no</p>\n</script>\n<p>yes</p>",
    "<ul>\n<li>one</li>\n<li><span style=\"font-weight:700\">two</span></li></ul>\n<p>x</p>\n",
    "<p>unclosed <b>bold\n<p>next</p>\n<p>< not a tag</p>\n<!-- note\n<p>in it</p> -->\n<p>z",
    "<p>a</p>\n<p>a</p>\n<p>a</p>",  # the same piece twice, remembered after the first
])
def test_remembered_pieces_sanitise_as_the_whole_does(html: str) -> None:
    for _ in range(2):  # the second time from the remembered pieces
        assert sanitise_html(html) == _in_one_go(html)


def test_a_changed_paragraph_is_read_again(qapp) -> None:
    from PySide6.QtGui import QTextDocument

    document = QTextDocument()
    document.setHtml("<p>One <b>bold</b> line.</p><p>Two.</p><ul><li>Three</li></ul>")
    before = sanitise_html(document.toHtml())
    cursor = document.find("Two")
    cursor.insertText("Twenty")
    after = sanitise_html(document.toHtml())
    assert "<p>Two.</p>" in before and "<p>One <b>bold</b> line.</p>" in before
    assert after == before.replace("Two.", "Twenty.") == _in_one_go(document.toHtml())
