"""Safeguarding cases: possible disclosures, from arrival to a lead's sign-off, and overdue alerts."""
