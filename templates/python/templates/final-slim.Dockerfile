{# The final stage of a Python app on python slim (runtime=slim): the venv, the app and a fixed unprivileged user. #}
FROM {{ c.runtime_image }} AS runtime
ARG VERSION=dev
LABEL org.opencontainers.image.title="{{ c.app_name }}" \
      org.opencontainers.image.version="${VERSION}"{% if c.source_url %} \
      org.opencontainers.image.source="{{ c.source_url }}"{% endif %}

{% if c.runtime_packages.split() %}
# Shared libraries and programs the app uses at run time (their -dev packages stayed in the build stage).
RUN apt-get update \
    && apt-get install -y --no-install-recommends {{ c.runtime_packages.split() | join(' ') }} \
    && rm -rf /var/lib/apt/lists/*
{% endif %}
# A fixed, unprivileged user: the numeric id lets orchestrators verify it is not root.
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --no-create-home --shell /usr/sbin/nologin app
{% include 'venv-app.Dockerfile' %}
