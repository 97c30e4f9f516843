{# Servers whose listen address is built from a host variable (host_env) with a loopback fallback, say. #}
# The app listens on the host ${{ c.host_env }} names: every interface, so the published port reaches it.
ENV {{ c.host_env }}=0.0.0.0
