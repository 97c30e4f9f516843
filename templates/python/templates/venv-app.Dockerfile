{# Every Python final stage (slim and distroless): the venv and the app, its user, port and start (providers/python/start.py). #}
{% if c.port %}
# PORT is the port the app listens on; `docker run -e PORT=…` moves it.
{% endif %}
ENV VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1{% if c.port %} \
    PORT={{ c.port }}{% endif %}

WORKDIR /app
{% if c.init %}
COPY --from=tini /usr/bin/tini /usr/bin/tini
{% endif %}
COPY --from=build /opt/venv /opt/venv
{% for part in c.app_parts.split() %}{% include part ~ '.Dockerfile' %}{% endfor %}
{% if c.port %}
EXPOSE {{ c.port }}
{% endif %}
{% for line in c.start_comment.split(' | ') if line %}
# {{ line }}
{% endfor %}
{% if c.start_entrypoint %}
ENTRYPOINT {{ c.start_entrypoint }}
{% endif %}
{% if c.start_cmd %}
CMD {{ c.start_cmd }}
{% endif %}
