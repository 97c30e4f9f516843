{# Projects where an installed package imports pkg_resources and nothing installed provides it. #}
# An installed package imports pkg_resources at run time (older gunicorn, …) and no venv has setuptools by
# default: it is added only when some installed file imports it and nothing installed provides it.
RUN --mount=type=cache,target=/root/.cache/pip \
    if grep -rqE --include=*.py "^\s*(import|from) pkg_resources" /opt/venv/lib \
    && ! /opt/venv/bin/python -c "import pkg_resources" 2>/dev/null; then \
    {{ c.pip_install }} "{{ c.pkg_resources_requirement }}"; \
    fi
