{# Apps that run from a folder of their own: a Django project's manage.py folder, or a folder of modules. #}
# The app runs from its own folder ({{ 'the one that holds manage.py' if c.django_settings else 'not a package: its modules import each other by name' }}).
WORKDIR /app/{{ c.app_dir }}
