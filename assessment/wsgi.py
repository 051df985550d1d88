"""The entry point for gunicorn: `gunicorn assessment.wsgi:app`.

The banks are loaded here, before the first request, so a broken question bank, or a
current one too long to read, stops the server at start-up with the file named, not on
a page.
"""

from . import create_app
from .bank import check_on_start_up

app = create_app()
with app.app_context():
    check_on_start_up()
