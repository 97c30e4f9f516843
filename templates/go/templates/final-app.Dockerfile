{# After each Go final stage's FROM. The includer sets as_stage, title, binary (empty: all), entrypoint, main. #}
ARG VERSION=dev
LABEL org.opencontainers.image.title="{{ title }}" \
{% if c.source_url %}
      org.opencontainers.image.source="{{ c.source_url }}" \
{% endif %}
      org.opencontainers.image.version="${VERSION}"
COPY --from=build /out/bin/{{ binary }} /usr/local/bin/
{% if c.runtime_copy_args and c.writable_workdir %}
# Files the app opens by relative path at run time, in its working directory. The app writes files
# too, so its user owns that directory.
{% elif c.runtime_copy_args %}
# Files the app opens by relative path at run time, in its working directory (read-only for the app).
{% endif %}
{% if c.runtime_copy_args %}
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
