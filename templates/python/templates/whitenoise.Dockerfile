{# Django projects that serve their static files with WhiteNoise. #}
# Static files: WhiteNoise (a dependency) serves STATIC_ROOT from the app itself.
