{# requirements_mirror where the first requirements file includes others (-r base.txt): each copied without it. #}
{% set files = c.requirements_files.split() %}
# {{ files[0] }} and the files it includes name the PyPI mirror {{ c.requirements_mirror }} as their index, which pip
# reads over its own settings: copies without those lines, at the same paths under /tmp/requirements (so -r/-c
# includes still resolve), install from the index pip is given.
RUN {{ c.deps_mounts.split() | join(' \\\n    ') }} \
    for f in {{ files | join(' ') }}; do \
    mkdir -p "/tmp/requirements/$(dirname "$f")" \
    && sed -E '/^[[:space:]]*(-i|--index-url)([[:space:]]|=)/d' "$f" > "/tmp/requirements/$f" || exit 1; \
    done \
    && {{ c.pip_install }} -r /tmp/requirements/{{ files[0] }} \
    && rm -rf /tmp/requirements
