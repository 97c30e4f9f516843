{# Every installer but uv (which makes its own): the venv the dependencies install into (venv_run). #}
# A venv without pip: the base image's pip installs into it, so pip never ships.
RUN {{ c.venv_run.split(' + ') | join(' \\\n    && ') | replace(' +> ', ' > ') }}
