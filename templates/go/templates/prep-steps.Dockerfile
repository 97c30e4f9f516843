{# Projects with setup steps before the download (GOPRIVATE, scratch's passwd files): prep_steps. #}
RUN {{ c.prep_steps.split(' + ') | join(' \\\n    ') }}
