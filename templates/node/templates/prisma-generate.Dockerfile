{# Projects that use Prisma (a prisma CLI among the devDependencies). #}
# Prisma's client is generated code: generate it here, where the prisma CLI (a devDependency) is.
RUN node_modules/.bin/prisma generate
