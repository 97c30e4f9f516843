{# Requirement files naming what no Linux image installs (requirements_skip): installed from a filtered copy. #}
# {{ c.requirements_files.split()[0] }} names what no Linux image installs (Windows-only, or pip freeze's pkg-resources==0.0.0):
# a copy without those lines installs (-r/-c includes keep their paths; a UTF-16 freeze reads as pip reads it).
RUN {{ c.deps_mounts.split() | join(' \\\n    ') }} \
    {{ c.build_python }} -c "import codecs, os, re, sys; src, names = sys.argv[1], sys.argv[2:]; data = open(src, 'rb').read(); lines = data.decode('utf-16' if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) else 'utf-8-sig').splitlines(True); here = os.path.dirname(os.path.abspath(src)); skip = re.compile(r'\s*(?:' + '|'.join('[-_.]+'.join(map(re.escape, n.split('-'))) for n in names) + r')\s*(?:[=<>!~\[@ ]|$)', re.I); include = re.compile(r'^(\s*(?:-r|-c|--requirement|--constraint)[\s=]+)(?!/)(\S+)'); open('/tmp/requirements.txt', 'w').writelines(include.sub(lambda m: m.group(1) + os.path.join(here, m.group(2)), line) for line in lines if not (skip.match(line) and ';' not in line))" {{ c.requirements_files.split()[0] }}{% for n in c.requirements_skip.split() %} "{{ n }}"{% endfor %} \
    && {{ c.pip_install }} -r /tmp/requirements.txt

