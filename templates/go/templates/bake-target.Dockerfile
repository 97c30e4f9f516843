{# docker-bake.hcl's other targets (bake_others, `app` is target=binary): no PORT, no CMD of the main binary. #}
# Final stage of docker-bake.hcl's target {{ app.partition('=')[0] }} (`docker buildx bake {{ app.partition('=')[0] }}`): that app's binary alone.
# {{ c.final_note }}
FROM {{ c.runtime_image }} AS app-{{ app.partition('=')[0] }}
{% with title=app.partition('=')[2], binary=app.partition('=')[2], entrypoint='/usr/local/bin/' ~ app.partition('=')[2] %}{% for part in c.bake_final_parts.split() %}{% include part ~ '.Dockerfile' %}{% endfor %}{% endwith %}

