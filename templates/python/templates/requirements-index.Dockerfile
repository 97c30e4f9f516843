{# Requirement files whose -i/--index-url names a public PyPI mirror (requirements_mirror): installed without it. #}
{% set first, copy = c.requirements_files.split()[0], (c.requirements_files.split()[0].rpartition('/')[0] or '.') ~ '/.requirements-pypi.txt' %}
# {{ first }} names the PyPI mirror {{ c.requirements_mirror }} as its index, which pip reads over its own settings:
# a copy without that line (beside it, so -r/-c includes keep their paths) installs from the index pip is given.
RUN {{ c.deps_mounts.split() | join(' \\\n    ') }} \
    sed -E '/^[[:space:]]*(-i|--index-url)([[:space:]]|=)/d' {{ first }} > {{ copy }} \
    && {{ c.pip_install }} -r {{ copy }} \
    && rm {{ copy }}
