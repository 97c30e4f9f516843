{# The build stage's install (every dependency) where the lockfile matches package.json, or there is none. #}
RUN {{ c.install_mounts.split() | join(' \\\n    ') }} \
    {{ c.install_command }}
