"""Workforce and cost section: agency reliance, cost per post, supplements and caseloads."""
