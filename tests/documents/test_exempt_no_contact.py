"""Exempt material carries no contact details: the exempt appendix's cover gives no telephone.

adversary15: the Luton 21 September 2016 exempt appendix's cover printed "Contact Robin
Ashdown, Democracy and Scrutiny Officer, 01632 960418"; the report it goes with gives that line.
"""

from __future__ import annotations

from pipelines.core.config import load_review
from pipelines.documents.front import front_matter


def test_the_exempt_cover_has_no_contact_line_and_the_public_one_has():
    cfg = load_review("luton-sw-2016")
    meeting = cfg.meeting("2016-09-21")
    officer = cfg.contact_officer
    assert officer.telephone  # the demo configures one, so the check below can fail
    public = front_matter(cfg, meeting, "public", "2016-09-20")
    exempt = front_matter(cfg, meeting, "exempt", "2016-09-20")
    assert officer.telephone in public.contact
    assert exempt.contact is None
    assert exempt.author == public.author  # who wrote it is still said
