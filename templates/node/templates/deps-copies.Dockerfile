{# Apps that ship dependencies: the deps stage's node_modules, a traced subset or the build's; workspace packages, Prisma's client. #}
COPY {{ c.deps_copies.split(' + ') | join('\nCOPY ') }}
