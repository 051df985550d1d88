"""The one seam for PDF rendering: HTML in, tagged PDF bytes out.

WeasyPrint writes PDF/UA-1, so the report is tagged for screen readers, with
the document language taken from <html lang> and the title from <title>, and
bookmarks made from the headings.
"""

from __future__ import annotations

from weasyprint import HTML


def render_pdf(html: str, base_url: str | None = None) -> bytes:
    document = HTML(string=html, base_url=base_url)
    return document.write_pdf(pdf_variant="pdf/ua-1")
