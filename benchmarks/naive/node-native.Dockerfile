# Naive (docker init / beginner style): one stage on the full node image, the whole context copied in,
# every dependency (dev ones too) installed into the image that runs, package caches kept, run as root.
FROM node:22
WORKDIR /app
# Only because this network cannot download Node headers: node-gyp uses the image's own.
ENV npm_config_nodedir=/usr/local
COPY . .
RUN npm install && npm run build
ENTRYPOINT ["node", "index.js"]
