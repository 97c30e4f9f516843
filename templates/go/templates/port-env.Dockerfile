{# The main binary's final stages of an app with a port (port): the default image's, and its bake target's. #}
{% if c.port_name_env %}# The app reads its {{ 'listen address' if c.port_name_value.startswith(':') else 'port' }} from ${{ c.port_name_env }}, set below to the port the image documents;
# `docker run -e {{ c.port_name_env }}=…` moves it (PORT is set to the same port for tools that read it).
{% elif c.port_env %}# The app reads PORT and listens on the port the image documents; `docker run -e PORT=…` moves it.
{% else %}# The app's code, config or flags set its port (it does not read PORT): EXPOSE documents that port,
# and ENV PORT is set for tools that read it.
{% endif %}
ENV PORT={{ c.port }}
EXPOSE {{ c.port }}
