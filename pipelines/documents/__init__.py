"""The documents of a meeting, made from its executed section notebooks.

- :mod:`.report`: what the committee report, the exempt appendix and the final report hold
  (as :class:`~.pack.Section` notebooks);
- :mod:`.front`: the front matter (cover, marking, agenda heading), the build stamp and the
  provenance page;
- :mod:`.pack`: one accessible HTML document (nbconvert template) and a tagged PDF
  (WeasyPrint) from sections, the tables as CSV and the disclosure audit section;
- :mod:`.docx`: the Word version of a report (pandoc, from the report HTML);
- :mod:`.meeting`: writes a meeting's three folders (``public/``, ``exempt/``, ``internal/``).

The orchestrator (:mod:`pipelines.orchestrator`) runs the sections and calls
:func:`.meeting.write_documents`; nothing here runs a notebook or takes a lock.
"""
