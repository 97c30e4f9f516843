{# Django projects whose wsgi/asgi file defaults to another settings module than manage.py (settings_env). #}
# manage.py and the server's module name different settings: the server runs the ones collectstatic and migrate
# used (docker run -e DJANGO_SETTINGS_MODULE=… chooses another).
ENV DJANGO_SETTINGS_MODULE={{ c.django_settings }}
