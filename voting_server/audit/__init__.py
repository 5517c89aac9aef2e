"""The auditor's tools: signed checkpoints, exports, verification and replay.

Everything here works from a meeting's log alone, so that anyone holding an
exported file can check it years later without trusting the server.
"""
