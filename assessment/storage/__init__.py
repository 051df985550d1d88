"""Persistence: typed SQLAlchemy models, their migrations, and one module of queries."""
