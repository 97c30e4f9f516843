{# Projects that vendor their dependencies (vendor/modules.txt). #}

# Dependencies are vendored (vendor/modules.txt): nothing to download, the build reads vendor/.

