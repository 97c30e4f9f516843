{# Projects with a Pipfile and no Pipfile.lock (installer=pipfile). #}

# A Pipfile without Pipfile.lock: its [packages] (not dev-packages) as pip requirements, read from the Pipfile alone.
RUN --mount=type=cache,target=/root/.cache/pip \
    --mount=type=bind,source=Pipfile,target=Pipfile \
    {{ c.build_python }} -c "import tomllib; pkgs = tomllib.load(open('Pipfile', 'rb')).get('packages', {}); spec = lambda v: v if isinstance(v, str) else v.get('version', '*'); open('/tmp/requirements.txt', 'w').write(chr(10).join(k + ('' if spec(v) == '*' else spec(v)) for k, v in pkgs.items() if isinstance(v, str) or 'version' in v or len(v) == 0))" \
    && if [ -s /tmp/requirements.txt ]; then {{ c.pip_install }} -r /tmp/requirements.txt; fi
