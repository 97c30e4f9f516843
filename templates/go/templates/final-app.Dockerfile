{# Every Go final stage, after its FROM: the includer sets title and binary (empty: every binary). #}
ARG VERSION=dev
LABEL org.opencontainers.image.title="{{ title }}" \
{% for part in c.label_parts.split() %}{% include part ~ '.Dockerfile' %}{% endfor %}
      org.opencontainers.image.version="${VERSION}"
COPY --from=build /out/bin/{{ binary }} /usr/local/bin/
