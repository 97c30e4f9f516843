{# Servers whose listen-address flag defaults to loopback (listen_args): the main binary gets all interfaces. #}
# The listen-address flag's default is loopback, which nothing outside the container reaches.
CMD {{ c.cmd_args }}
