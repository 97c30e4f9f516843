{# uv projects: uv makes the venv and installs the locked dependencies from uv.lock alone. #}
# {{ c.deps_comment.split(' | ') | join('\n# ') }}
{{ run(c.deps_mounts, c.deps_run, c.deps_args) -}}
