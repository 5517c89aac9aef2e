"""The live hub: rooms that run meetings, clients, and the log they share."""
