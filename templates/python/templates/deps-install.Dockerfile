{# Dependencies installed from the manifests alone, after the venv: requirement files, Poetry, PDM, Pipenv. #}

# {{ c.deps_comment.split(' | ') | join('\n# ') }}
{{ run('--mount=type=cache,target=/root/.cache/pip', c.tool_run, c.tool_args) -}}
{{ run(c.deps_mounts, c.deps_run, c.deps_args) -}}
