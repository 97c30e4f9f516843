{# Django settings packages that choose their module by an environment variable (settings_select). #}
# The settings package chooses its module by this variable, and unset it gives development's: the image runs
# production's (docker run -e chooses another).
ENV {{ c.settings_select }}
