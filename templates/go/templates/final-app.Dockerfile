{# After each Go final stage's FROM. The includer sets as_stage, title, binary (empty: all), entrypoint, main. #}
ARG VERSION=dev
LABEL org.opencontainers.image.title="{{ title }}" \
{% for part in c.label_parts.split() %}{% include part ~ '.Dockerfile' %}{% endfor %}
      org.opencontainers.image.version="${VERSION}"
COPY --from=build /out/bin/{{ binary }} /usr/local/bin/
{% for part in c.runtime_parts.split() %}{% include part ~ '.Dockerfile' %}{% endfor %}
# The nonroot user of distroless (uid 65532), numeric so that runAsNonRoot can check it.
USER 65532:65532
{% if c.port and main %}
# An app that reads PORT listens on the port the image documents; `docker run -e PORT=…` moves it.
ENV PORT={{ c.port }}
EXPOSE {{ c.port }}
{% endif %}
ENTRYPOINT {{ [entrypoint] | tojson }}
{% if main %}{% for part in c.cmd_parts.split() %}{% include part ~ '.Dockerfile' %}{% endfor %}{% endif %}
