"""The pure domain core: the question bank and the scoring rules.

Nothing in this package may import Flask, SQLAlchemy or any other part of the
application (an import-linter contract in pyproject.toml keeps it so), so the
rules that give a council its scores can be read and tested on their own.
"""
