{# The final stage of a Python app on distroless python (runtime=distroless): the venv and the app, no shell. #}
FROM {{ c.runtime_image }} AS runtime
ARG VERSION=dev
LABEL org.opencontainers.image.title="{{ c.app_name }}" \
      org.opencontainers.image.version="${VERSION}"{% if c.source_url %} \
      org.opencontainers.image.source="{{ c.source_url }}"{% endif %}

{% if c.runtime_packages.split() %}
# NOTE: distroless cannot install {{ c.runtime_packages.split() | join(' ') }}; choose the slim runtime if the app needs them.
{% endif %}
{% include 'venv-app.Dockerfile' %}
