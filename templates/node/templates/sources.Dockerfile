{# The build stage's sources (every project: after the install when there is a package.json). #}
COPY . .
