{# Projects without a go.mod (a lone main package): the build makes the module. #}

# No go.mod in the project: the build step makes the module in its writable (and discarded) source
# mount with `go mod init` and `go mod tidy`; commit a go.mod and go.sum to pin the dependencies.

