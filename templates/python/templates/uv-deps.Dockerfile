{# uv projects: uv makes the venv and installs the locked dependencies from uv.lock alone (then deps-run). #}
# {{ c.deps_comment.split(' | ') | join('\n# ') }}
