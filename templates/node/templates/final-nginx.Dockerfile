{# The final stages of a static site (framework spa): nginx serves the built files, or the project's own with no build. #}
{% if c.site %}

# The site is the project's own files (no build): everything the .dockerignore lets through but the manifests.
FROM base AS site
COPY {{ c.workspace_app or "." }} /site
RUN rm -f /site/package.json{{ ' /site/' ~ c.lockfile if c.lockfile else '' }}
{% endif %}

# The web server's config: {{ "single-page-app routes fall back to index.html" if c.spa_fallback else "a multi-page site: unknown paths answer 404 with its 404.html" }}; hashed assets are cached long.
FROM base AS web-config
RUN printf '%s\n' \
    'server {' \
    '    listen {{ c.port or '8080' }};' \
    '    root /usr/share/nginx/html;' \
{% if c.spa_fallback %}
    "    location / { try_files \$uri \$uri/ /index.html; }" \
{% else %}
    "    location / { try_files \$uri \$uri/ \$uri.html =404; }" \
    '    error_page 404 /404.html;' \
{% endif %}
    '    location /assets/ { expires 1y; add_header Cache-Control "public, immutable"; }' \
    '}' > /default.conf

# The final image is a web server with the built files: no Node, no node_modules.
FROM {{ c.web_image }} AS final
ARG VERSION=dev
LABEL org.opencontainers.image.title="{{ c.app_name }}" \
{% if c.source_url %}
      org.opencontainers.image.source="{{ c.source_url }}" \
{% endif %}
      org.opencontainers.image.version="${VERSION}"
COPY --from=web-config /default.conf /etc/nginx/conf.d/default.conf
{% if c.site %}
COPY --from=site /site /usr/share/nginx/html
{% else %}
COPY --from=build /app/{{ c.workspace_app ~ '/' if c.workspace_app else '' }}{{ c.build_output }} /usr/share/nginx/html
{% endif %}
# The unprivileged nginx image's user: it listens on a port above 1024.
USER 101
{% if c.port %}
EXPOSE {{ c.port }}
{% endif %}
CMD ["nginx", "-g", "daemon off;"]
