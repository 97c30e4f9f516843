{# uv workspaces with a stage per server (bake_apps, bake_ports, bake_commands): server i's, the includer sets i. #}

# {{ c.bake_apps.split()[i].partition('=')[0] }}: the same venv and sources, started as that uv workspace member's server (providers/python/bake.py).
FROM runtime AS app-{{ c.bake_apps.split()[i].partition('=')[0] }}
LABEL org.opencontainers.image.title="{{ c.bake_apps.split()[i].partition('=')[0] }}"
ENV PORT={{ c.bake_ports.split()[i] }}
EXPOSE {{ c.bake_ports.split()[i] }}
CMD {{ c.bake_commands.split(' + ')[i] }}
