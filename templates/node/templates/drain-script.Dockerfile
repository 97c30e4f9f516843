{# Node servers started as `node <file>` with a port (drain): a preload that bounds their shutdown. #}
# Preloaded by node: a server with its own SIGTERM handler gets 1.5 s to finish, then exits even if timers it left
# behind (Remix's 5 s render-abort timeout) would keep it alive until docker stop kills it; one without a handler
# exits at once, as node does by default.
RUN printf '%s\n' \
    "process.once('SIGTERM', () => {" \
    "  if (process.listenerCount('SIGTERM') === 0) process.exit(143);" \
    "  setTimeout(() => process.exit(0), 1500).unref();" \
    "});" > /stop.cjs
