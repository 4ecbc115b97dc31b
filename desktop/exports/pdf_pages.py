"""Certificates: each page's lines drawn in the middle of the page, up and down as well as
across."""

from __future__ import annotations

from reportlab.platypus import Flowable
from reportlab.platypus import PageBreak as PdfPageBreak


class _CentredPage(Flowable):
    """A certificate's lines drawn in the middle of the page, up and down as well as across."""

    def __init__(self, content: list[Flowable]) -> None:
        super().__init__()
        self.content = content
        self.heights: list[float] = []

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height = available_width, available_height - 1
        self.heights = [f.wrap(available_width, available_height)[1] for f in self.content]
        return self.width, self.height

    def draw(self) -> None:
        total = sum(h + f.getSpaceBefore() + f.getSpaceAfter()
                    for f, h in zip(self.content, self.heights, strict=True))
        y = (self.height + total) / 2
        for flowable, height in zip(self.content, self.heights, strict=True):
            y -= flowable.getSpaceBefore() + height
            flowable.drawOn(self.canv, 0, y)
            y -= flowable.getSpaceAfter()


def centred_pages(story: list[Flowable]) -> list[Flowable]:
    """Each page's flowables (between page breaks) as one vertically centred page."""
    pages: list[list[Flowable]] = [[]]
    for flowable in story:
        if isinstance(flowable, PdfPageBreak):
            pages.append([])
        else:
            pages[-1].append(flowable)
    result: list[Flowable] = []
    for index, page in enumerate(pages):
        if index:
            result.append(PdfPageBreak())
        result.append(_CentredPage(page))
    return result
