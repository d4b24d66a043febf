"""Conditional scenarios: condition -> consequence records found in sentences and tracked against
later events (find)."""
