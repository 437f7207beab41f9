"""End-to-end tests use the shared ``built`` demo pack from tests/conftest.py."""
