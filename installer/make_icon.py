"""Draws installer/boardwork.ico, the icon of Boardwork.exe and of its installer.

Run it again only to change the icon: `.venv/bin/python installer/make_icon.py`. A rounded
square in the app's blue with a white "B" in DejaVu Sans Bold (shipped in resources/fonts),
at the sizes Windows asks for (16 to 256 pixels).
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
FONT = ROOT / "resources" / "fonts" / "DejaVuSans-Bold.ttf"
BLUE = (31, 78, 121, 255)
SIZES = [16, 24, 32, 48, 64, 128, 256]


def draw(size: int = 256) -> Image.Image:
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((0, 0, size - 1, size - 1), radius=size // 6, fill=BLUE)
    font = ImageFont.truetype(str(FONT), int(size * 0.72))
    pen.text((size / 2, size / 2), "B", font=font, fill="white", anchor="mm")
    return image


if __name__ == "__main__":
    target = ROOT / "installer" / "boardwork.ico"
    draw().save(target, sizes=[(s, s) for s in SIZES])
    print(f"Wrote {target}")
