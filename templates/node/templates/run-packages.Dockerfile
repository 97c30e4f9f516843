{# Apps whose native dependencies load shared libraries or run programs at run time (run_packages; none on distroless). #}
# What the native dependencies load or run at run time (no headers, no compiler). The setuid and setgid bits
# these packages bring (chromium's dbus helper) are dropped: the app's user needs none.
RUN touch /tmp/before-packages \
    && apt-get update \
    && apt-get install -y --no-install-recommends {{ c.run_packages }} \
    && rm -rf /var/lib/apt/lists/* \
    && find / -xdev -cnewer /tmp/before-packages -perm /6000 \( -type f -o -type d \) -exec chmod ug-s {} + \
    && rm /tmp/before-packages
