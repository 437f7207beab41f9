"""Internal names a public document must not print: identifiers and file names.

A snake_case identifier (``agency_rate_basis``, ``turnover_adults``, ``10_leavers``) or the name
of a configuration, data or code file (``recommendations.yml``, ``leavers.csv``, ``result.py``)
means a document prints the pack's workings instead of words for members.
"""

from __future__ import annotations

import re

#: A snake_case identifier: letters and digits joined by underscores, with a letter somewhere
#: (not part of a path, an address or a longer word).
SNAKE = re.compile(r"(?<![\w./:@\\-])(?=[a-z0-9_]*[a-z])[a-z0-9]+(?:_[a-z0-9]+)+(?![\w/@\\-])")
#: A file name with an extension of the pack's own files.
FILE = re.compile(r"(?<![\w/:.\\-])[\w-]+\.(?:ya?ml|csv|py|ipynb|parquet|json)\b", re.IGNORECASE)


def internal_names(text: str) -> list[str]:
    """The snake_case identifiers and file names in ``text``, sorted, each once."""
    return sorted(set(SNAKE.findall(text)) | set(FILE.findall(text)))
