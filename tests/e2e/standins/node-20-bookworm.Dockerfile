# tag: node:20-bookworm
# tag: node:20
# Stand-in for the full node image (upstream builds it on buildpack-deps): the slim stand-in plus the
# toolchain node-gyp needs to compile native addons (python3, make, g++) and git.
FROM node:20-bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3 make g++ git ca-certificates \
    && rm -rf /var/lib/apt/lists/*
