{# Scripts that start their server on a loopback host (listen_all): a start hook moves that bind. #}
# The app's server binds a loopback host, which docker run -p cannot reach: a .pth file the interpreter runs
# at start makes a bind on $PORT at 127.0.0.1, localhost or ::1 take all interfaces (other binds are untouched).
RUN site="$(/opt/venv/bin/python -c 'import sysconfig; print(sysconfig.get_path("purelib"))')" \
    && printf '%s\n' \
    "import os, socket" \
    "_bind = socket.socket.bind" \
    "def bind(self, address):" \
    "    port = os.environ.get('PORT', '')" \
    "    loopback = isinstance(address, tuple) and address[0] in ('127.0.0.1', 'localhost', '::1')" \
    "    if loopback and port and str(address[1]) == port:" \
    "        address = ('::' if self.family == socket.AF_INET6 else '0.0.0.0', *address[1:])" \
    "    return _bind(self, address)" \
    "socket.socket.bind = bind" > "$site/_scaffold_listen_all.py" \
    && echo "import _scaffold_listen_all" > "$site/_scaffold_listen_all.pth"
