# tag: oven/bun:1-slim
# tag: oven/bun:1
# Stand-in for upstream's bun image (Debian, user `bun` uid 1000, WORKDIR /home/bun/app, bun and bunx in
# /usr/local/bin): the bun binary from the `bun` package on the npm registry, on Debian's slim base.
FROM node:22-bookworm-slim AS fetch
RUN npm install -g --no-fund --no-audit bun@1.4.5 \
    && cp -L "$(npm root -g)/bun/bin/bun.exe" /bun \
    && /bun --version

FROM debian:bookworm-slim
COPY --from=fetch /bun /usr/local/bin/bun
RUN ln -s /usr/local/bin/bun /usr/local/bin/bunx \
    && groupadd --gid 1000 bun \
    && useradd --uid 1000 --gid bun --shell /bin/sh --create-home bun \
    && mkdir -p /home/bun/app && chown bun:bun /home/bun/app
WORKDIR /home/bun/app
CMD ["/usr/local/bin/bun"]
