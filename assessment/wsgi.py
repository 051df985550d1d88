"""The entry point for gunicorn: `gunicorn assessment.wsgi:app`.

The bank is loaded here, before the first request, so a broken question bank
stops the server at start-up with the file and field named, not on a page.
"""

from . import create_app
from .bank import current_bank

app = create_app()
with app.app_context():
    current_bank()
