{# Projects installed with uv (uv.lock, or [tool.uv] in pyproject.toml). #}

# uv comes from its own image and is only mounted into the build steps, never copied.
FROM {{ c.uv_image }} AS uv
