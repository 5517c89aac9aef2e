"""Benchmarks and fault runs against the real stack: ``ordet bench burst|faults``.

Each run starts its own hub process(es) on a throwaway SQLite database and a
private Redis (unless REDIS_URL is set), drives them over the real protocol,
and prints its figures as JSON lines. docs/performance.md explains them.
"""
