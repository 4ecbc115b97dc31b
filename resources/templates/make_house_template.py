"""Builds house.docx, the Word template of the house styles, beside this script.

Run it again after changing a style: `.venv/bin/python resources/templates/make_house_template.py`.
The exports only ever name these styles, so a person editing the Word file later changes the
look of the whole document by changing a style, as Word intends.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.styles import BabelFish
from docx.styles.style import ParagraphStyle

FONT = "Arial"  # on every council laptop; LibreOffice substitutes Liberation Sans
NAVY = RGBColor(0x1F, 0x3A, 0x5F)
GREY = RGBColor(0x55, 0x55, 0x55)
RED = RGBColor(0xC0, 0x00, 0x00)
BLACK = RGBColor(0x00, 0x00, 0x00)
LANGUAGE = "en-GB"
# Of python-docx's default template's 160 styles (most of them table styles no export uses),
# the ones kept beside the house styles: what the exports name, and what a person editing the
# file expects to find. The rest made every file 800 KB of XML heavier.
KEPT_DEFAULT_STYLES = frozenset({
    "Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "List Bullet",
    "List Bullet 2", "List Bullet 3", "List Number", "List Number 2", "List Number 3",
    "List Paragraph", "Header", "Footer", "Table Grid", "Default Paragraph Font",
    "Normal Table", "No List", "Caption", "Strong", "Emphasis"})
# The extended properties Word reads ("Application"); the template's said Microsoft
# Macintosh Word 2010.
APP_XML = (b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<Properties xmlns="
           b'"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
           b"<Application>Boardwork</Application><DocSecurity>0</DocSecurity>"
           b"<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
           b"<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
           b"</Properties>")


def _paragraph_style(doc: Document, name: str, base: str = "Normal") -> ParagraphStyle:
    styles = doc.styles
    if name in [s.name for s in styles]:
        style = styles[name]
    else:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles[base]
    assert isinstance(style, ParagraphStyle)
    return style


def _item_headings(doc: Document) -> None:
    """An item's title in the minutes' table: bold text as before, but a heading (outline
    level 1 or 2) so that Word's navigation pane and a screen reader list the items. Not kept
    with the next paragraph: in a table that would hold whole rows together."""
    for level in (1, 2):
        style = _paragraph_style(doc, f"Item Heading {level}", f"Heading {level}")
        style.font.size, style.font.color.rgb, style.font.bold = Pt(10), BLACK, True
        form = style.paragraph_format
        form.space_before, form.space_after = Pt(0), Pt(2)
        form.keep_with_next = form.keep_together = False
        style.element.get_or_add_pPr().get_or_add_outlineLvl().val = level - 1


def _fonts_not_themed(doc: Document) -> None:
    """Arial wherever a style names it: a theme font named beside it wins in Word and
    LibreOffice, so the headings and the title came out in Calibri Light or a substitute."""
    for fonts in doc.styles.element.iter(qn("w:rFonts")):
        if fonts.get(qn("w:ascii")):
            for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                fonts.attrib.pop(qn(attribute), None)


def _english(doc: Document) -> None:
    """British English for spelling and for screen readers: every style's default language,
    and the theme's."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    language = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    language.set(qn("w:val"), LANGUAGE)
    language.set(qn("w:eastAsia"), LANGUAGE)
    theme = doc.settings.element.find(qn("w:themeFontLang"))
    if theme is not None:
        theme.set(qn("w:val"), LANGUAGE)


def _unused_styles_removed(doc: Document, default_names: set[str]) -> None:
    """Default styles no export names are dropped; styles they lean on (based on, linked,
    next) are kept with them."""
    root = doc.styles.element
    by_id = {s.get(qn("w:styleId")): s for s in root.findall(qn("w:style"))}
    wanted = [i for i, s in by_id.items() if _name(s) not in default_names
              or _name(s) in KEPT_DEFAULT_STYLES]
    kept: set[str] = set()
    while wanted:
        style_id = wanted.pop()
        if style_id in kept or style_id not in by_id:
            continue
        kept.add(style_id)
        for tag in ("w:basedOn", "w:link", "w:next"):
            reference = by_id[style_id].find(qn(tag))
            if reference is not None:
                wanted.append(reference.get(qn("w:val")))
    for style_id, element in by_id.items():
        if style_id not in kept:
            root.remove(element)


def _name(style: Any) -> str:
    """A style's name as Word shows it ("Heading 1"; the XML says "heading 1")."""
    return str(BabelFish.internal2ui(style.find(qn("w:name")).get(qn("w:val"))))


def _parts_trimmed(doc: Document) -> None:
    """Without the parts of the Mac Word 2010 file python-docx starts from that no export
    needs: a second copy of every style (stylesWithEffects), a thumbnail, a bibliography."""
    main = doc.part
    for r_id, rel in list(main.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects") or rel.reltype == RT.CUSTOM_XML:
            main.drop_rel(r_id)
    package = main.package
    for r_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package.rels[r_id]
        elif rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part._blob = APP_XML


def build(path: Path) -> None:
    doc = Document()
    default_names = {_name(element) for element in doc.styles.element.findall(qn("w:style"))}
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
    for name in ("Header", "Footer"):
        # The tab stops are set on each page's header and footer, where the page's width is
        # known (portrait or landscape): the style's were for US Letter.
        tabs = doc.styles[name].element.pPr.find(qn("w:tabs"))
        if tabs is not None:
            tabs.getparent().remove(tabs)
    _item_headings(doc)
    _fonts_not_themed(doc)
    _english(doc)
    _unused_styles_removed(doc, default_names)
    _parts_trimmed(doc)

    # The body stays empty: exports fill it; the styles above are what the template is for.
    body = doc.element.body
    for paragraph in list(body.iterchildren()):
        if not paragraph.tag.endswith("sectPr"):
            body.remove(paragraph)
    properties = doc.core_properties
    properties.title, properties.author = "Boardwork house template", "Boardwork"
    properties.comments, properties.language = "", LANGUAGE
    doc.save(str(path))


if __name__ == "__main__":
    build(Path(__file__).with_name("house.docx"))
