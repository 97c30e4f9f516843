{# An app inside a workspace that imports no workspace package to build: the build runs from the root. #}
WORKDIR /app
