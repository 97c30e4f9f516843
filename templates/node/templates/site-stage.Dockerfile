{# Static sites with no build (site): the files nginx serves are the project's own. #}

# The site is the project's own files (no build): everything the .dockerignore lets through but the manifests.
FROM base AS site
COPY {{ c.workspace_app or "." }} /site
RUN rm -f /site/package.json{{ ' /site/' ~ c.lockfile if c.lockfile else '' }}
