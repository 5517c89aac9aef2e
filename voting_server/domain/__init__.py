"""The pure rules of a meeting: no I/O, no clock, no randomness inside."""
