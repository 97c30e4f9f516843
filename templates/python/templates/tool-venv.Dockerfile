{# Poetry, PDM and Pipenv projects: the installer in a venv of its own (tool_run), before the dependencies. #}
RUN --mount=type=cache,target=/root/.cache/pip \
    {{ c.tool_run.split(' + ') | join(' \\\n    && ') | replace(' +> ', ' > ') }}{% for r in c.tool_args.split() %} "{{ r }}"{% endfor %}

