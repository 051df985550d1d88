"""Extensions, created unbound here and bound to the app in create_app.

The database handle lives in storage (the only layer that runs queries).
"""

from flask_login import LoginManager
from flask_migrate import Migrate
from flask_wtf import CSRFProtect

migrate = Migrate()
csrf = CSRFProtect()
login_manager = LoginManager()
