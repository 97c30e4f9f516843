{# The final stages of a static site (framework spa): nginx serves the built files, or the project's own with no build. #}
{% for part in c.site_parts.split() %}{% include part ~ '.Dockerfile' %}{% endfor %}

# The web server's config: {{ "single-page-app routes fall back to index.html" if c.spa_fallback else "a multi-page site: unknown paths answer 404 with its 404.html" }}; hashed assets are cached long{{ '; the site is under /' ~ c.site_base ~ '/, where its build links its files' if c.site_base }}.
FROM base AS web-config
RUN printf '%s\n' \
    'server {' \
    '    listen {{ c.port or '8080' }};' \
    '    root /usr/share/nginx/html;' \
{% for part in c.route_parts.split() %}{% include part ~ '.Dockerfile' %}{% endfor %}
    '    location {{ c.site_base and '/' ~ c.site_base }}/assets/ { expires 1y; add_header Cache-Control "public, immutable"; }' \
    '}' > /default.conf

# The final image is a web server with the built files: no Node, no node_modules.
FROM {{ c.web_image }} AS final
ARG VERSION=dev
LABEL {{ c.labels.split() | join(' \\\n      ') }}
COPY --from=web-config /default.conf /etc/nginx/conf.d/default.conf
COPY {{ c.site_files }} /usr/share/nginx/html{{ c.site_base and '/' ~ c.site_base }}
# The unprivileged nginx image's user: it listens on a port above 1024.
USER 101
{% for part in c.port_parts.split() %}{% include part ~ '.Dockerfile' %}{% endfor %}
CMD ["nginx", "-g", "daemon off;"]
