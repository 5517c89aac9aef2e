"""Ordet: real-time debate and voting for elected assemblies."""
