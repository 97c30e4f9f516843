{# After each Go final stage's FROM. The includer sets as_stage, title, binary (empty: all), entrypoint, main. #}
ARG VERSION=dev
LABEL org.opencontainers.image.title="{{ title }}" \
{% if c.source_url %}
      org.opencontainers.image.source="{{ c.source_url }}" \
{% endif %}
      org.opencontainers.image.version="${VERSION}"
COPY --from=build /out/bin/{{ binary }} /usr/local/bin/
{% if c.runtime_copy_args %}
{{ c.runtime_copy_note.split(' + ') | join('\n') }}
COPY {{ c.runtime_copy_args.split(' + ') | join('\nCOPY ') }}
WORKDIR /app
{% endif %}
# The nonroot user of distroless (uid 65532), numeric so that runAsNonRoot can check it.
USER 65532:65532
{% if c.port and main %}
# An app that reads PORT listens on the port the image documents; `docker run -e PORT=…` moves it.
ENV PORT={{ c.port }}
EXPOSE {{ c.port }}
{% endif %}
ENTRYPOINT {{ [entrypoint] | tojson }}
{% if c.listen_args and main %}
# The listen-address flag's default is loopback, which nothing outside the container reaches.
CMD {{ c.listen_args }}
{% endif %}
