"""HR leavers, exit-interview and establishment exports: cleaning, checks and demo data."""
