"""Justering of the minutes (KL 5:69): who signs, by when, and what the log records."""
