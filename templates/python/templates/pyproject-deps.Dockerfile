{# Projects whose dependencies pip reads from pyproject.toml's [project] table (installer=pip). #}

# Dependencies first, read from pyproject.toml alone, so editing the code does not reinstall them.
RUN --mount=type=cache,target=/root/.cache/pip \
    --mount=type=bind,source=pyproject.toml,target=/app/pyproject.toml \
    {{ c.build_python }} -c "import tomllib; deps = tomllib.load(open('pyproject.toml', 'rb')).get('project', {}).get('dependencies', []); open('/tmp/requirements.txt', 'w').write(chr(10).join(deps))" \
    && if [ -s /tmp/requirements.txt ]; then {{ c.pip_install }} -r /tmp/requirements.txt; fi
