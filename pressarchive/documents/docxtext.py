"""A DOCX body's text from its XML (python-docx opens the package): paragraphs and tables
in order, and what python-docx's own walk skips — content controls (``w:sdt``) and text
boxes — with a text box's VML fallback copy left out (it repeats the same text)."""

from __future__ import annotations

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_P, _TBL, _TR, _TC, _T = (f"{{{W}}}{name}" for name in ("p", "tbl", "tr", "tc", "t"))
_TAB, _BR, _CR, _TXBX = (f"{{{W}}}{name}" for name in ("tab", "br", "cr", "txbxContent"))
_FALLBACK = f"{{{MC}}}Fallback"
_SKIP = {f"{{{W}}}{name}" for name in ("instrText", "delText", "sectPr", "pPr", "rPr",
                                       "tblPr", "tblGrid", "trPr", "tcPr")} | {_FALLBACK}


def body_lines(body) -> list[str]:
    """The lines of a ``w:body`` (or any block container): a paragraph a line, a table
    row a line with its cells tab-separated, text boxes after their paragraph."""
    lines: list[str] = []
    _blocks(body, lines)
    return lines


def _blocks(container, lines: list[str]) -> None:
    for child in container:
        if child.tag == _P:
            boxes: list = []
            lines.append(_paragraph(child, boxes))
            for box in boxes:
                _blocks(box, lines)
        elif child.tag == _TBL:
            for row in child.iter(_TR):
                if _nearest(row, _TBL) is child:
                    lines.append("\t".join(_cell(cell) for cell in row if cell.tag == _TC))
        elif child.tag not in _SKIP:  # w:sdt/w:sdtContent, w:customXml, w:ins, …
            _blocks(child, lines)


def _paragraph(paragraph, boxes: list) -> str:
    """The paragraph's own text; its text boxes are added to ``boxes``, not to it."""
    parts: list[str] = []

    def walk(element) -> None:
        for child in element:
            tag = child.tag
            if tag in _SKIP or not isinstance(tag, str):
                continue
            if tag == _TXBX:
                boxes.append(child)
            elif tag == _T:
                parts.append(child.text or "")
            elif tag == _TAB:
                parts.append("\t")
            elif tag in (_BR, _CR):
                parts.append("\n")
            else:
                walk(child)

    walk(paragraph)
    return "".join(parts)


def _cell(cell) -> str:
    lines: list[str] = []
    _blocks(cell, lines)
    return " ".join(" ".join(line.split()) for line in lines if line.strip())


def _nearest(element, tag: str):
    parent = element.getparent()
    while parent is not None and parent.tag != tag:
        parent = parent.getparent()
    return parent
