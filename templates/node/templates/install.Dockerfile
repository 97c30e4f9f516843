{# The dependency install of a project whose lockfile matches package.json (or that has none): `command` is set by the includer. #}
RUN {{ c.install_mounts.split() | join(' \\\n    ') }} \
    {{ command }}
