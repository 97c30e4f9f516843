{# The build's last step in a Django project that collects static files (collectstatic, collectstatic_env). #}
# Compile the app's bytecode now: the final image runs as a user who cannot write next to the sources.
# Static files are collected now too, with the app's own settings and storage (a manifest storage needs the
# manifest this writes), so the final image serves them read-only.
RUN {{ c.collectstatic_env ~ ' ' if c.collectstatic_env }}DJANGO_SETTINGS_MODULE={{ c.django_settings }} python {{ c.app_dir ~ '/' if c.app_dir }}manage.py collectstatic --noinput \
    && python -m compileall -q .
