"""Settings: development unless DJANGO_ENV says production."""

import os

ENVIRONMENT = os.environ.get("DJANGO_ENV", "development")

if ENVIRONMENT == "production":
    from .production import *  # noqa: F401,F403
else:
    from .development import *  # noqa: F401,F403
