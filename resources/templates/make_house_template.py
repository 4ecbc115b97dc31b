"""Builds house.docx, the Word template of the house styles, beside this script.

Run it again after changing a style: `.venv/bin/python resources/templates/make_house_template.py`.
The exports only ever name these styles, so a person editing the Word file later changes the
look of the whole document by changing a style, as Word intends.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle

FONT = "Arial"  # on every council laptop; LibreOffice substitutes Liberation Sans
NAVY = RGBColor(0x1F, 0x3A, 0x5F)
GREY = RGBColor(0x55, 0x55, 0x55)
RED = RGBColor(0xC0, 0x00, 0x00)


def _paragraph_style(doc: Document, name: str, base: str = "Normal") -> ParagraphStyle:
    styles = doc.styles
    if name in [s.name for s in styles]:
        style = styles[name]
    else:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles[base]
    assert isinstance(style, ParagraphStyle)
    return style


def build(path: Path) -> None:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Mm(18))
    section.top_margin, section.bottom_margin = Mm(20), Mm(18)

    normal = _paragraph_style(doc, "Normal")
    normal.font.name, normal.font.size = FONT, Pt(10)
    normal.paragraph_format.space_after = Pt(4)

    for name, size, colour in (("Title", 16, NAVY), ("Subtitle", 11, GREY),
                               ("Heading 1", 13, NAVY), ("Heading 2", 11, NAVY)):
        style = _paragraph_style(doc, name)
        style.font.name, style.font.size, style.font.color.rgb = FONT, Pt(size), colour
        style.font.italic = False
        style.paragraph_format.space_before = Pt(0 if name == "Subtitle" else 10)
        style.paragraph_format.space_after = Pt(4)
    doc.styles["Title"].font.bold = True

    table_text = _paragraph_style(doc, "Table Text")
    table_text.paragraph_format.space_after = Pt(2)
    table_heading = _paragraph_style(doc, "Table Heading", "Table Text")
    table_heading.font.bold = True
    for name, base in (("Table Text Right", "Table Text"),
                       ("Table Heading Right", "Table Heading")):
        _paragraph_style(doc, name, base).paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    small = _paragraph_style(doc, "Small Print")
    small.font.size, small.font.color.rgb = Pt(8), GREY
    right = _paragraph_style(doc, "Right Aligned")
    right.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    strong = _paragraph_style(doc, "Strong Paragraph")
    strong.font.bold = True
    draft = _paragraph_style(doc, "Draft Mark")
    draft.font.bold, draft.font.size, draft.font.color.rgb = True, Pt(14), RED
    draft.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    certificate = _paragraph_style(doc, "Certificate Name", "Title")
    certificate.font.size = Pt(24)
    certificate.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    certificate_text = _paragraph_style(doc, "Certificate Text")
    certificate_text.font.size = Pt(12)
    certificate_text.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    certificate_text.paragraph_format.space_after = Pt(8)

    for name in ("List Bullet", "List Number", "Header", "Footer"):
        _paragraph_style(doc, name).font.name = FONT
    doc.styles["Header"].font.color.rgb = GREY
    doc.styles["Footer"].font.color.rgb = GREY
    doc.styles["Footer"].font.size = Pt(8)

    # The body stays empty: exports fill it; the styles above are what the template is for.
    body = doc.element.body
    for paragraph in list(body.iterchildren()):
        if not paragraph.tag.endswith("sectPr"):
            body.remove(paragraph)
    doc.core_properties.title = "Boardwork house template"
    doc.core_properties.author = "Boardwork"
    doc.save(str(path))


if __name__ == "__main__":
    build(Path(__file__).with_name("house.docx"))
