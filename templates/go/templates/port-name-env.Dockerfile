{# Servers that read their port from a prefixed variable (port_name_env: APP_PORT, SERVER_PORT; ADDR gets :port), after port-env. #}
ENV {{ c.port_name_env }}={{ c.port_name_value }}
