{# uv workspaces with a stage per server: bake_parts lists bake-app=N for the Nth of bake_apps, bake_ports, bake_commands. #}

# {{ c.bake_apps.split()[part.partition('=')[2] | int].partition('=')[0] }}: the same venv and sources, started as that uv workspace member's server (providers/python/bake.py).
FROM runtime AS app-{{ c.bake_apps.split()[part.partition('=')[2] | int].partition('=')[0] }}
LABEL org.opencontainers.image.title="{{ c.bake_apps.split()[part.partition('=')[2] | int].partition('=')[0] }}"
ENV PORT={{ c.bake_ports.split()[part.partition('=')[2] | int] }}
EXPOSE {{ c.bake_ports.split()[part.partition('=')[2] | int] }}
CMD {{ c.bake_commands.split(' + ')[part.partition('=')[2] | int] }}
