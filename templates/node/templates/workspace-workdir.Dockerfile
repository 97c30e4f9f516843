{# An app inside a workspace (workspace_app): it runs from its own folder. #}
WORKDIR /app/{{ c.workspace_app }}
