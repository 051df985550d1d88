"""The entry point for gunicorn: `gunicorn assessment.wsgi:app`.

The banks are loaded and checked here, before the first request, so a broken
question bank, a current one too long to read, or a version already used whose
content has changed, stops the server at start-up with the file and field named,
not on a page.
"""

from . import create_app
from .bank import check_on_start_up
from .services import bank_versions
from .storage import database

app = create_app()
with app.app_context():
    check_on_start_up()
    bank_versions.check_on_start_up(app.config["QUESTION_BANK_PATH"])
    database.commit()  # versions in use before they were recorded, now recorded
