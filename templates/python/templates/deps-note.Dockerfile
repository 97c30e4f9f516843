{# Dependencies installed from the manifests alone, after the venv: requirement files, Poetry, PDM, Pipenv. #}

# {{ c.deps_comment.split(' | ') | join('\n# ') }}
