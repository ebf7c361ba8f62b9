"""Imported once by the render server (see `engine`) before it forks any render child.

It loads WeasyPrint and renders a one-line document, so that fonts are found and their caches
filled in the server; every child then starts with them ready instead of finding them again.
"""

import logging

from weasyprint import HTML

try:
    HTML(string="<p>eTwinning School · zażółć · ș ț · æ ø å · България</p>").write_pdf()
except Exception:
    # Each render will fail the same way, and say why; the server itself must keep running.
    logging.getLogger(__name__).exception("The PDF engine could not warm up.")
