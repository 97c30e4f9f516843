{# Workspace projects (an app inside a monorepo, or workspace packages the app imports). #}
{% if c.workspace_builds %}
# The workspace packages the app imports are built before it, each in its own directory.
{% endif %}
{% for m in c.workspace_builds.split() %}
WORKDIR /app/{{ m }}
RUN {{ c.yarnrc_mount }}{{ c.run_command }} build
{% endfor %}
WORKDIR /app
