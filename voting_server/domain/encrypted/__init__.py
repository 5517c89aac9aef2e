"""Encrypted secret elections: exponential ElGamal over ristretto255, ballots
proved well formed, a key held by trustees k of n, and a tally decrypted from
the sums alone (docs/encrypted-elections.md gives the protocol byte by byte).

Pure: the group arithmetic is libsodium's (through pysodium); nothing here
reads a clock, a file or the network. Randomness comes from libsodium, or is
passed in where a test needs fixed vectors.
"""
