# Naive (docker init / beginner style): one stage on the full node image, the whole context copied in,
# every dependency (dev ones too) installed into the image that runs, package caches kept, run as root.
FROM node:22
WORKDIR /app
COPY . .
RUN npm install && npm run build
EXPOSE 3006
CMD ["npm", "run", "start:prod"]
