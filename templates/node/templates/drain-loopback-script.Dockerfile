{# Node servers with a port (drain) that listen() on a loopback host (loopback): the preload also moves it. #}
# Preloaded by node: a server with its own SIGTERM handler gets 1.5 s to finish, then exits even if timers it left
# behind (Remix's 5 s render-abort timeout) would keep it alive until docker stop kills it; one without a handler
# exits at once, as node does by default.
RUN printf '%s\n' \
    "process.once('SIGTERM', () => {" \
    "  if (process.listenerCount('SIGTERM') === 0) process.exit(143);" \
    "  setTimeout(() => process.exit(0), 1500).unref();" \
    "});" \
    "// A listen() on the app's PORT at a loopback host (the code's or its server's default) takes all interfaces:" \
    "// docker run -p cannot reach a container's loopback." \
    "const net = require('net'), listen = net.Server.prototype.listen, loopback = ['localhost', '127.0.0.1'];" \
    "net.Server.prototype.listen = function (...args) {" \
    "  const [first, host] = args, port = String(process.env.PORT);" \
    "  if (first && typeof first === 'object' && loopback.includes(first.host) && String(first.port) === port) {" \
    "    args[0] = { ...first, host: '0.0.0.0' };" \
    "  } else if (String(first) === port && loopback.includes(host)) args[1] = '0.0.0.0';" \
    "  return listen.apply(this, args);" \
    "};" > /stop.cjs
