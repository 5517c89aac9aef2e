"""The wire protocol: msgpack frames, their limits, and each role's view."""
