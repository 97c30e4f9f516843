# Naive (docker init / beginner style): one stage on the full node image, the whole context copied in,
# every dependency (dev ones too) installed into the image that runs, package caches kept, run as root.
FROM node:22
WORKDIR /app
COPY . .
RUN npm install -g bun@1 && bun install
EXPOSE 3007
CMD ["bun", "run", "start"]
