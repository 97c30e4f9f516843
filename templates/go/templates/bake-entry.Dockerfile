{# docker-bake.hcl's target of the main package (bake_entry, `app` is target=binary): the default image's parts. #}
# Final stage of docker-bake.hcl's target {{ app.partition('=')[0] }} (`docker buildx bake {{ app.partition('=')[0] }}`): that app's binary alone.
# {{ c.final_note }}
FROM {{ c.runtime_image }} AS app-{{ app.partition('=')[0] }}
{% with title=app.partition('=')[2], binary=app.partition('=')[2], entrypoint='/usr/local/bin/' ~ app.partition('=')[2] %}{% for part in c.final_parts.split() %}{% include part ~ '.Dockerfile' %}{% endfor %}{% endwith %}

