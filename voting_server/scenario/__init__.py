"""Meeting scripts: play TOML scenarios against a hub and check expectations.

See ``docs/scenarios.md`` for the file format and ``runner.run_files`` for
the entry point behind ``ordet scenario run``.
"""
