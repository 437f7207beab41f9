"""Workforce snapshot, pay, caseload and market supplement exports: cleaning, checks, demo."""
