{# go.work workspaces: the build downloads the modules itself. #}

# go.work workspace: modules are downloaded by the build itself, into the same cache mount.

