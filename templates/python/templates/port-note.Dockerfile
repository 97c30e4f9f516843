{# Apps that listen on a port (port): the environment below sets PORT. #}
# PORT is the port the app listens on; `docker run -e PORT=…` moves it.
