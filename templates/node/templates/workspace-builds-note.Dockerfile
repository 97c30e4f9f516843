{# Workspace projects whose app imports workspace packages (workspace_builds): before each package's build. #}
# The workspace packages the app imports are built before it, each in its own directory.
