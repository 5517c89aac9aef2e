"""Durable storage: the SQL archive of meeting logs, and the assembly's people."""
