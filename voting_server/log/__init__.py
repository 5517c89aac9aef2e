"""The meeting log: ordered, gapless, hash-chained; live in Redis, durable in SQL."""
