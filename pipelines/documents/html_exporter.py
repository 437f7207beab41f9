"""The pack's HTML exporter: nbconvert's, without its last pass over the page.

Imported only when a document is rendered (nbconvert takes a while to import).
"""

from __future__ import annotations

from nbconvert import HTMLExporter, TemplateExporter
from nbconvert.filters.highlight import Highlight2HTML
from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter


class PackExporter(HTMLExporter):
    """nbconvert's HTML exporter without its last pass over the page with BeautifulSoup.

    That pass gives an image without alternative text a placeholder and makes JupyterLab's cell
    wrappers focusable; the pack template writes every image's alternative text itself
    (``pack_alt``) and has no such wrappers, so the pass only parsed and re-wrote the page
    (about 0.3 s of CPU per document).
    """

    def from_notebook_node(self, nb, resources=None, **kw):
        """The page and its resources: HTMLExporter's (nbconvert 7) up to its BeautifulSoup pass."""
        langinfo = nb.metadata.get("language_info", {})
        lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
        highlight_code = self.filters.get(
            "highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)
        )
        resources = self._init_resources(resources)
        filter_data_type = WidgetsDataTypeFilter(
            notebook_metadata=self._nb_metadata, parent=self, resources=resources
        )
        self.register_filter("highlight_code", highlight_code)
        self.register_filter("filter_data_type", filter_data_type)
        return TemplateExporter.from_notebook_node(self, nb, resources, **kw)
