"""The shared page layout, message bar and table look (issue 22, "the look")."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QAccessible, QHelpEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QLabel, QPushButton, QTableView, QToolTip, QWidget

from desktop.views import announce, colours
from desktop.views.message_bar import MessageBar, bar_for, tell
from desktop.views.page_layout import PageLayout
from desktop.views.service_call import Problem
from desktop.views.table_look import CutTextTips, fit_table, text_is_cut
from desktop.views.widgets import Feedback


def _page(qtbot, buttons: int = 6) -> tuple[QWidget, PageLayout, list[QPushButton]]:
    page = QWidget()
    qtbot.addWidget(page)
    layout = PageLayout(page, "Things")
    made = []
    for number in range(buttons):
        button = QPushButton(f"&{chr(ord('a') + number)} long button number {number}…")
        button.setObjectName(f"b{number}")
        made.append(button)
        layout.add_button(button)
    layout.set_body(QLabel("body"))
    page.show()
    return page, layout, made


def test_buttons_that_do_not_fit_go_into_more_and_come_back(qtbot):
    page, layout, buttons = _page(qtbot)
    page.resize(1400, 400)
    qtbot.waitUntil(lambda: not layout.toolbar.more.isVisible())
    assert all(b.isVisible() for b in buttons)
    page.resize(420, 400)
    qtbot.waitUntil(lambda: layout.toolbar.more.isVisible())
    toolbar = layout.toolbar
    # In order: the first ones stay, the last ones go, none past the right edge.
    assert buttons[0].isVisible() and not buttons[-1].isVisible()
    assert toolbar.overflowed == buttons[len(buttons) - len(toolbar.overflowed):]
    for widget in [b for b in buttons if b.isVisible()] + [toolbar.more]:
        assert widget.geometry().right() <= toolbar.width()
    assert toolbar.minimumSizeHint().width() < 420
    # The menu offers each overflowed button with its & letter, and runs it.
    clicked = []
    buttons[-1].clicked.connect(lambda: clicked.append("last"))
    toolbar._fill_menu()
    actions = toolbar.menu.actions()
    assert [a.text() for a in actions] == [b.text() for b in toolbar.overflowed]
    actions[-1].trigger()
    assert clicked == ["last"]
    page.resize(1400, 400)
    qtbot.waitUntil(lambda: not toolbar.more.isVisible())
    assert all(b.isVisible() for b in buttons)


def test_an_overflowed_button_keeps_its_alt_letter(qtbot):
    page, layout, buttons = _page(qtbot)
    page.resize(420, 400)
    qtbot.waitUntil(lambda: layout.toolbar.more.isVisible())
    last = buttons[-1]
    live = [k for k in layout.toolbar._keys[id(last)] if k.isEnabled()]
    assert [k.key().toString() for k in live] == ["Alt+F"]
    clicked = []
    last.clicked.connect(lambda: clicked.append(1))
    live[0].activated.emit()
    assert clicked == [1]
    # A button in sight uses its own letter: the copy is off.
    assert not any(k.isEnabled() for k in layout.toolbar._keys[id(buttons[0])])


def test_more_is_on_the_tab_path_and_named(qtbot):
    page, layout, _buttons = _page(qtbot)
    page.resize(420, 400)
    qtbot.waitUntil(lambda: layout.toolbar.more.isVisible())
    more = layout.toolbar.more
    assert more.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert "More" in more.accessibleName() and "More" in more.text()


def test_the_message_bar_is_read_as_its_text_announced_and_stays(qtbot, monkeypatch):
    said: list[str] = []
    monkeypatch.setattr(announce, "announce", lambda _w, text: said.append(text))
    _p, layout, _b = _page(qtbot, 1)
    bar = layout.message_bar
    assert bar.isHidden()
    bar.success("Wrote action-log.xlsx")
    assert bar.isVisible()
    assert bar.message() == "Done: Wrote action-log.xlsx"
    assert said == ["Done: Wrote action-log.xlsx"]
    # What a screen reader reads is the message, not a name put in front of it.
    reader = QAccessible.queryAccessibleInterface(bar.text)
    assert reader.text(QAccessible.Text.Name) == "Done: Wrote action-log.xlsx"
    assert bar.text.accessibleName() == ""
    assert bar.text.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert bar.close_button.accessibleName() == "Close message"
    bar.problem("Choose an action first.")
    assert bar.message() == "Problem: Choose an action first."
    assert bar.kind == "problem"
    qtbot.mouseClick(bar.close_button, Qt.MouseButton.LeftButton)
    assert bar.isHidden() and bar.message() == ""


def test_each_kind_has_its_word_and_readable_colours(qtbot):
    bar = MessageBar()
    qtbot.addWidget(bar)
    words = set()
    for kind in ("info", "success", "warning", "problem"):
        bar.show_message(kind, "x")
        words.add(bar.message().split(":")[0])
        fore, back = colours.pair("message_" + kind)
        assert colours.contrast(fore, back) >= 4.5
        assert colours.contrast(colours.border("message_" + kind), back) >= 3
    assert len(words) == 4  # the kind is said in words, not colour alone


def test_panels_and_refusals_on_a_page_use_its_bar(qtbot):
    _p, layout, _b = _page(qtbot, 1)
    panel = QWidget()
    feedback = Feedback("panelMessage")
    feedback.setParent(panel)
    layout.set_body(panel)
    assert bar_for(feedback) is layout.message_bar
    feedback.tell("Saved.")
    assert layout.message_bar.message() == "Done: Saved."
    assert feedback.isHidden() and feedback.text() == "Saved."
    Problem.show(panel, "The name is needed.")
    assert layout.message_bar.message() == "Problem: The name is needed."
    tell(panel, "info", "Nothing to export.")
    assert layout.message_bar.message() == "Note: Nothing to export."


def test_a_dialog_keeps_its_own_line(qtbot):
    from PySide6.QtWidgets import QDialog

    page, layout, _b = _page(qtbot, 1)
    dialog = QDialog(page)
    feedback = Feedback("dialogMessage")
    feedback.setParent(dialog)
    assert bar_for(feedback) is None
    feedback.problem("No.")
    assert not feedback.isHidden() or not dialog.isVisible()
    assert layout.message_bar.message() == ""


def _table(qtbot, rows: list[str], name: str = "peopleTable") -> QTableView:
    model = QStandardItemModel(0, 2)
    for text in rows:
        model.appendRow([QStandardItem("1"), QStandardItem(text)])
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    qtbot.addWidget(view)
    return view


def test_a_cut_cell_shows_its_whole_text_in_a_tooltip(qtbot):
    long = "A very long description of an action that will never fit a narrow column " * 2
    view = _table(qtbot, [long, "short"])
    fit_table(view)
    view.resize(300, 200)
    view.show()
    qtbot.waitExposed(view)
    header = view.horizontalHeader()
    assert header.stretchLastSection()  # the last column takes the room left
    cut = view.model().index(0, 1)
    rect = view.visualRect(cut)
    event = QHelpEvent(QEvent.Type.ToolTip, rect.center(), view.viewport().mapToGlobal(
        rect.center()))
    QToolTip.hideText()
    tips = view.findChild(CutTextTips)
    assert tips is not None and text_is_cut(view, cut)
    assert tips.eventFilter(view.viewport(), event)
    assert QToolTip.text() == long
    short = view.model().index(1, 1)
    assert not text_is_cut(view, short)
    assert not tips.eventFilter(view.viewport(), QHelpEvent(
        QEvent.Type.ToolTip, view.visualRect(short).center(), QPoint()))


def test_an_empty_table_explains_itself(qtbot):
    view = _table(qtbot, [])
    fit_table(view)
    view.resize(400, 300)
    view.show()
    note = view.viewport().findChild(QLabel, "emptyTableNote")
    assert note is not None and note.isVisible()
    assert "People will be listed here" in note.text()
    assert view.accessibleDescription() == note.text()
    view.model().appendRow([QStandardItem("1"), QStandardItem("Ann")])
    assert not note.isVisible()
    assert view.accessibleDescription() == ""
    view.model().removeRow(0)
    assert note.isVisible()


def test_a_button_its_owner_hides_is_neither_in_the_row_nor_in_more(qtbot):
    page, layout, buttons = _page(qtbot)
    toolbar = layout.toolbar
    page.resize(1400, 400)
    qtbot.waitUntil(lambda: not toolbar.more.isVisible())
    buttons[2].hide()  # does not apply just now
    qtbot.waitUntil(lambda: buttons[3].geometry().left() < buttons[2].geometry().right())
    assert buttons[2].isHidden()
    page.resize(420, 400)
    qtbot.waitUntil(lambda: toolbar.more.isVisible())
    assert buttons[2] not in toolbar.overflowed
    toolbar._fill_menu()
    assert buttons[2].text() not in [a.text() for a in toolbar.menu.actions()]
    buttons[2].show()  # applies again: back in its place, in the row or in More
    page.resize(1400, 400)
    qtbot.waitUntil(lambda: buttons[2].isVisible() and not toolbar.more.isVisible())


def test_an_export_refused_on_a_page_is_said_in_its_bar(qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from desktop.views.export_document import refused

    boxes: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: boxes.append(args[2]))
    _p, layout, _b = _page(qtbot, 1)
    panel = layout.set_body(QWidget())
    refused(panel, "Export minutes", "Nothing was written: the meeting has not been held.")
    assert layout.message_bar.message() == (
        "Problem: Export minutes: nothing was written: the meeting has not been held.")
    assert boxes == []
    alone = QWidget()  # not on a page (a dialog's own window): a box, as before
    qtbot.addWidget(alone)
    refused(alone, "Export minutes", "Nothing was written: x")
    assert boxes == ["Nothing was written: x"]


def test_buttons_added_before_the_page_is_shown_are_arranged_when_it_is(qtbot):
    """A page adds its buttons before it is first shown; they are placed (and the ones that
    do not fit put into More) when it is, not measured again at each one added."""
    page = QWidget()
    qtbot.addWidget(page)
    layout = PageLayout(page, "Things")
    buttons = [QPushButton(f"&{chr(ord('a') + n)} long button number {n}…") for n in range(6)]
    for button in buttons:
        layout.add_button(button)
    layout.set_body(QLabel("body"))
    page.resize(420, 400)
    page.show()
    qtbot.waitExposed(page)
    toolbar = layout.toolbar
    assert toolbar.more.isVisible()
    assert toolbar.overflowed == buttons[len(buttons) - len(toolbar.overflowed):]
    assert all(b.geometry().right() <= toolbar.width() for b in buttons
               if b not in toolbar.overflowed)
