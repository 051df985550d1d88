"""Persistence: typed SQLAlchemy models, their migrations, and one module of queries
per aggregate (councils, accounts, assessments, responses, results, retention ...)."""
