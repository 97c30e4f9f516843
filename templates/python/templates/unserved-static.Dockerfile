{# Django projects that collect static files but have nothing in the image to serve them. #}
# Static files are collected into STATIC_ROOT but nothing in this image serves them (gunicorn does not):
# add WhiteNoise to the app, or serve them from a proxy or CDN.
