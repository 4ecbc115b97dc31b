"""The small HTML subset of the minutes: paragraphs, line breaks, bold, italic, underline, lists.

Minutes come from other people's documents (imports, pasted text), so nothing in them may ever
be executed or passed through as markup: every tag outside the subset is reduced to its text,
attributes are never kept, and the text is escaped again on the way out.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Tag as written -> tag kept. strong and em are the same marks as b and i.
KEPT_TAGS = {
    "p": "p",
    "br": "br",
    "b": "b",
    "strong": "b",
    "i": "i",
    "em": "i",
    "u": "u",
    "ul": "ul",
    "ol": "ol",
    "li": "li",
}
VOID_TAGS = frozenset({"br"})
# Their contents are code or styling, never words of the minutes.
DROPPED_WITH_CONTENT = frozenset({"script", "style"})
# A table (pasted from Word or a web page) becomes one paragraph per row, its cells kept
# apart by this: the subset has no tables, and "Cell A1Cell B1" would lose the structure.
CELL_SEPARATOR = " | "
# Inside a row only the character marks are kept: a paragraph or list in a cell would break
# the row's one line.
_KEPT_IN_ROW = frozenset({"b", "i", "u"})


# Qt's rich-text editor writes bold, italic and underline as styled spans, not as tags.
_SPAN_MARKS = (
    (re.compile(r"font-weight\s*:\s*(bold|[6-9]00)"), "b"),
    (re.compile(r"font-style\s*:\s*italic"), "i"),
    (re.compile(r"text-decoration\s*:[^;]*underline"), "u"),
)


def _span_marks(attrs: list[tuple[str, str | None]]) -> list[str]:
    style = " ".join(value or "" for name, value in attrs if name == "style").lower()
    return [mark for pattern, mark in _SPAN_MARKS if pattern.search(style)]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class _Sanitiser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[str] = []
        self.dropping = 0
        self.spans: list[list[str]] = []
        self.tables = 0
        self.cells: int | None = None  # cells seen in the open table row; None: not in a row
        self.between_cells = False  # whitespace here is layout of the HTML, not text

    def _table_tag(self, tag: str, start: bool) -> bool:
        """Rows become paragraphs and cells are separated; True when `tag` was handled."""
        if tag == "table":
            self._end_row()
            self.tables = self.tables + 1 if start else max(0, self.tables - 1)
        elif tag == "tr":
            self._end_row()
            if start:
                self.out.append("<p>")
                self.open.append("p")
                self.cells = 0
        elif tag in ("td", "th"):
            if start and self.cells is not None:
                if self.cells:
                    self.out.append(CELL_SEPARATOR)
                self.cells += 1
        else:
            return False
        self.between_cells = True
        return True

    def _end_row(self) -> None:
        if self.cells is not None:
            self.cells = None
            self.handle_endtag("p")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DROPPED_WITH_CONTENT:
            self.dropping += 1
            return
        if not self.dropping and self._table_tag(tag, start=True):
            return
        if tag == "span":
            marks = [] if self.dropping else _span_marks(attrs)
            self.spans.append(marks)
            for mark in marks:
                self.out.append(f"<{mark}>")
                self.open.append(mark)
            return
        kept = KEPT_TAGS.get(tag)
        if kept is not None and self.cells is not None and kept not in _KEPT_IN_ROW:
            if not self.dropping and not self.between_cells:
                self.out.append(" ")  # two paragraphs of a cell: still two words
            return
        if kept is None or self.dropping:
            return
        self.out.append(f"<{kept}>")
        if kept not in VOID_TAGS:
            self.open.append(kept)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <br/> is a line break; <p/> and the like are not empty elements in HTML, so they
        # are treated as the start tag they are.
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in DROPPED_WITH_CONTENT:
            self.dropping = max(0, self.dropping - 1)
            return
        if not self.dropping and self._table_tag(tag, start=False):
            return
        if tag == "span":
            for mark in reversed(self.spans.pop() if self.spans else []):
                self.handle_endtag(mark)
            return
        kept = KEPT_TAGS.get(tag)
        if kept is None or kept in VOID_TAGS or self.dropping or kept not in self.open:
            return  # a stray end tag: dropped
        if self.cells is not None and kept not in _KEPT_IN_ROW:
            return  # the row's own paragraph is closed with the row
        # Closing an outer element closes whatever is still open inside it.
        while self.open:
            inner = self.open.pop()
            self.out.append(f"</{inner}>")
            if inner == kept:
                break

    def handle_data(self, data: str) -> None:
        if self.dropping or (self.tables and self.between_cells and not data.strip()):
            return
        self.between_cells = False
        self.out.append(_escape(data))

    def result(self) -> str:
        self.close()
        self._end_row()
        closing = [f"</{tag}>" for tag in reversed(self.open)]
        return "".join(self.out + closing)

    def at_rest(self) -> bool:
        """Nothing open, pending or half-read: what comes next is sanitised the same
        whatever came before, so a piece read from here can be remembered."""
        return not (self.open or self.spans or self.dropping or self.tables or self.rawdata
                    or self.cdata_elem) and self.cells is None


# The autosave sanitises the whole item twice a second while someone types, but only the
# paragraph being typed in has changed: each line Qt writes (a paragraph, a list) is
# remembered sanitised, and read again only when it changed. 3.6 ms of the writer
# thread's Python a save on a 20,000-word item, every millisecond of it a wait for a key
# typed meanwhile (benchmarks/FINDINGS.md, issue 19 session 5).
_PIECES: dict[str, str] = {}
_PIECES_KEPT = 4000


def sanitise_html(html: str) -> str:
    """`html` reduced to the minutes subset, balanced, without attributes; idempotent.

    Read in pieces cut where a line begins with a tag, so that the text before a '<' is
    always handed over whole (split text would be read differently between table cells).
    A piece between two others is remembered by its line as split, not rebuilt with its
    '<' and line end first: 0.25 ms less of the writer's Python a save of a 20,000-word
    item (benchmarks/FINDINGS.md, issue 19 session 6)."""
    parser = _Sanitiser()
    lines = html.split("\n<")
    last = len(lines) - 1
    for index, line in enumerate(lines):
        middle = 0 < index < last
        if middle and parser.at_rest():
            done = _PIECES.get(line)
            if done is not None:
                parser.out.append(done)
                continue
            mark = len(parser.out)
            parser.feed("<" + line + "\n")
            if parser.at_rest():
                if len(_PIECES) >= _PIECES_KEPT:
                    _PIECES.clear()
                _PIECES[line] = "".join(parser.out[mark:])
        elif index == 0:
            parser.feed(line + "\n" if last else line)
        else:
            parser.feed("<" + line + ("\n" if middle else ""))
    return parser.result()


class _TextMaker(HTMLParser):
    """Collects lines: one per paragraph, line break or list item."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.prefix = ""
        self.lists = 0
        self.dropping = 0
        self.cells: int | None = None

    def _end_line(self) -> None:
        line = re.sub(r"\s+", " ", "".join(self.current)).strip()
        if line:
            self.lines.append(self.prefix + line)
        self.current = []
        self.prefix = ""

    def _indent(self) -> str:
        return "  " * max(0, self.lists - 1)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DROPPED_WITH_CONTENT:
            self.dropping += 1
        elif self.cells is not None and tag in ("p", "br", "ul", "ol", "li"):
            self.current.append(" ")  # a row stays one line
        elif tag in ("p", "br", "ul", "ol"):
            self._end_line()
            self.lists += tag in ("ul", "ol")
        elif tag == "li":
            self._end_line()
            self.prefix = self._indent() + "- "
        elif tag == "tr":
            self._end_line()
            self.cells = 0
        elif tag in ("td", "th") and self.cells is not None:
            if self.cells:
                self.current.append(CELL_SEPARATOR)
            self.cells += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in DROPPED_WITH_CONTENT:
            self.dropping = max(0, self.dropping - 1)
        elif self.cells is not None and tag in ("p", "li", "ul", "ol"):
            self.current.append(" ")
        elif tag in ("p", "li", "ul", "ol", "tr", "table"):
            self._end_line()
            if tag in ("tr", "table"):
                self.cells = None
            if tag in ("ul", "ol"):
                self.lists = max(0, self.lists - 1)

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.current.append(data)

    def text(self) -> str:
        self.close()
        self._end_line()
        return "\n".join(self.lines)


def html_to_text(html: str) -> str:
    """Plain text of minutes: a line per paragraph, "- " before each list item."""
    maker = _TextMaker()
    maker.feed(html)
    return maker.text()
