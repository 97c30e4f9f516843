{# Apps whose server (gunicorn, uvicorn, …) is not among their dependencies (install_server). #}

# The server ({{ c.server_requirement }}) is not among the project's dependencies.
RUN --mount=type=cache,target=/root/.cache/pip \
    {{ c.pip_install.split(' + ') | join(' \\\n    && ') | replace(' +> ', ' > ') }}{% for r in c.server_requirement.split() %} "{{ r }}"{% endfor %}

