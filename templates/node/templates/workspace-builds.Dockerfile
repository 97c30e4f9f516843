{# Workspace projects whose app imports workspace packages (workspace_builds): each is built first, in its folder. #}
# The workspace packages the app imports are built before it, each in its own directory.
{% for m in c.workspace_builds.split() %}{% include 'workspace-build.Dockerfile' %}{% endfor %}
WORKDIR /app
