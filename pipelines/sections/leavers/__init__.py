"""Leavers section: turnover, length of service, leaving reasons and exit interviews."""
