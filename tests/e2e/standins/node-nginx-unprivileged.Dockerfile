# tag: nginxinc/nginx-unprivileged:stable-bookworm
# tag: nginxinc/nginx-unprivileged:bookworm
# Stand-in for the unprivileged nginx image that serves single-page apps: Debian's nginx, laid out like
# upstream (user nginx uid 101, listens on 8080, pid and temp files in /tmp, config in conf.d owned by
# the user, logs to stdout/stderr, SIGQUIT for a graceful stop).
FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends nginx-light \
    && rm -rf /var/lib/apt/lists/* /etc/nginx/sites-enabled /var/www/html \
    && groupadd --system --gid 101 nginx \
    && useradd --system --uid 101 --gid nginx --no-create-home --home /nonexistent --shell /bin/false nginx \
    && printf '%s\n' \
        'worker_processes auto;' \
        'pid /tmp/nginx.pid;' \
        'error_log /dev/stderr notice;' \
        'events { worker_connections 1024; }' \
        'http {' \
        '    include /etc/nginx/mime.types;' \
        '    default_type application/octet-stream;' \
        '    access_log /dev/stdout;' \
        '    client_body_temp_path /tmp/client_temp;' \
        '    proxy_temp_path /tmp/proxy_temp;' \
        '    fastcgi_temp_path /tmp/fastcgi_temp;' \
        '    uwsgi_temp_path /tmp/uwsgi_temp;' \
        '    scgi_temp_path /tmp/scgi_temp;' \
        '    sendfile on;' \
        '    keepalive_timeout 65;' \
        '    include /etc/nginx/conf.d/*.conf;' \
        '}' > /etc/nginx/nginx.conf \
    && mkdir -p /etc/nginx/conf.d /usr/share/nginx/html \
    && printf '%s\n' \
        'server {' \
        '    listen 8080;' \
        '    location / { root /usr/share/nginx/html; index index.html; }' \
        '}' > /etc/nginx/conf.d/default.conf \
    && printf '<h1>Welcome to nginx!</h1>\n' > /usr/share/nginx/html/index.html \
    && chown -R 101:0 /etc/nginx /var/lib/nginx /var/log/nginx \
    && chmod -R g+w /etc/nginx
EXPOSE 8080
STOPSIGNAL SIGQUIT
USER 101
CMD ["nginx", "-g", "daemon off;"]
