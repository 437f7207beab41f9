"""Staff and locum survey exports: cleaning, checks and demo data."""
