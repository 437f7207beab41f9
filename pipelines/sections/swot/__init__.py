"""SWOT section: strengths, weaknesses, opportunities and threats from the evidence."""
