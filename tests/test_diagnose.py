"""The failure catalogue's matcher over log excerpts of real failures: one row (at least) per signature.

Each excerpt is what the tool prints (npm, yarn, pnpm, bun, uv, poetry, pip, gcc, node, Go, gunicorn, uvicorn,
the listen check) when the failure happens; the engine tests in tests/e2e/test_diagnose.py plant the failures
for real.
"""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import pytest

from scaffold.commands import verify as verify_cmd
from scaffold.report import Reporter
from scaffold.verify import diagnose
from scaffold.verify.model import Settings, failed, passed
from tests.conftest import TESTS, run_cli

FAILURES = TESTS / "fixtures" / "failures"

PIP_INDEX_UNREACHABLE = """\
#10 2.418 Looking in indexes: https://pypi.tuna.tsinghua.edu.cn/simple
#10 6.133 WARNING: Retrying (Retry(total=1, connect=None, read=None, redirect=None, status=None)) after connection \
broken by 'NewConnectionError('<pip._vendor.urllib3.connection.HTTPSConnection object at 0x7f8f72f7bcd0>: Failed to \
establish a new connection: [Errno -2] Name or service not known')': /simple/flask/
#10 10.16 ERROR: Could not find a version that satisfies the requirement flask==3.0.3 (from versions: none)
"""
WEBPACK_STATS_MISSING = """\
Internal Server Error: /
Traceback (most recent call last):
  File "/opt/venv/lib/python3.11/site-packages/webpack_loader/loaders.py", line 41, in load_assets
    with open(self.config["STATS_FILE"], encoding="utf-8") as f:
FileNotFoundError: [Errno 2] No such file or directory: '/app/webpack-stats.json'
OSError: Error reading /app/webpack-stats.json. Are you sure webpack has generated the file and the path is correct?
"""
VITE_MANIFEST_MISSING = """\
django_vite.core.exceptions.DjangoViteManifestError: Cannot read Vite manifest file at \
/app/static/dist/manifest.json : [Errno 2] No such file or directory: '/app/static/dist/manifest.json'
"""
VOILA_NO_KERNEL = """\
[Voila] WARNING | Native kernel (python3) is not available
500 GET / (127.0.0.1): No Jupyter kernel for language 'python' found
"""
# hunt9 python: the tails of real logs (NLTK 3.9 and 3.5, spaCy 3, dlib 20 on a small builder, dlib 19 without cmake).
NLTK_QUOTED = """\
LookupError:
**********************************************************************
  Resource 'vader_lexicon' not found.
  Please use the NLTK Downloader to obtain the resource:
"""
NLTK_COLOURED = """\
LookupError:
**********************************************************************
  Resource \x1b[93mpunkt\x1b[0m not found.
  Please use the NLTK Downloader to obtain the resource:
"""
STREAMLIT_SCRIPT = """\
Streamlit script exception (a session ran app.py):
File "/app/app.py", line 6, in <module>
[Errno 2] No such file or directory: 'data/prices.csv'
"""
JINJA_ESCAPE = """\
  File "/opt/venv/lib/python3.11/site-packages/flask/__init__.py", line 14, in <module>
    from jinja2 import escape
ImportError: cannot import name 'escape' from 'jinja2' (/opt/venv/lib/python3.11/site-packages/jinja2/__init__.py)
"""
WERKZEUG_URL_QUOTE = """\
ImportError: cannot import name 'url_quote' from 'werkzeug.urls' (/opt/venv/lib/python3.11/site-packages/werkzeug/\
urls.py)
"""
QUART_FLASK_31 = """\
  File "/opt/venv/lib/python3.11/site-packages/quart/app.py", line 338, in __init__
    self.add_url_rule(
  File "/opt/venv/lib/python3.11/site-packages/flask/sansio/scaffold.py", line 47, in wrapper_func
    return f(self, *args, **kwargs)
           ^^^^^^^^^^^^^^^^^^^^^^^^
  File "/opt/venv/lib/python3.11/site-packages/flask/sansio/app.py", line 641, in add_url_rule
    if self.config["PROVIDE_AUTOMATIC_OPTIONS"]:
       ~~~~~~~~~~~^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
KeyError: 'PROVIDE_AUTOMATIC_OPTIONS'
"""
SPACY_MODEL = """\
OSError: [E050] Can't find model 'en_core_web_sm'. It doesn't seem to be a Python package or a valid path to a \
data directory.
"""
CC1PLUS_KILLED = """\
      [ 61%] Building CXX object dlib_build/CMakeFiles/dlib.dir/image_transforms/fhog.cpp.o
      c++: fatal error: Killed signal terminated program cc1plus
      compilation terminated.
"""
DLIB_NO_CMAKE = """\
      RuntimeError:
      CMake must be installed to build dlib
"""
DLIB_NO_MAKE = """\
      CMake Error: CMake was unable to find a build program corresponding to "Unix Makefiles".  CMAKE_MAKE_PROGRAM is \
not set.  You probably need to select a different build tool.
"""
DLIB_NO_CXX = """\
      CMake Error at CMakeLists.txt:5 (project):
        No CMAKE_CXX_COMPILER could be found.
"""


DEPENDENCY_IMPORT = """\
Traceback (most recent call last):
  File "/opt/venv/bin/chainlit", line 5, in <module>
    from chainlit.cli import cli
  File "/opt/venv/lib/python3.11/site-packages/asyncer/_main.py", line 22, in <module>
    import sniffio
ModuleNotFoundError: No module named 'sniffio'
"""
NPM_ERESOLVE = """\
#11 1.688 npm error code ERESOLVE
#11 1.690 npm error ERESOLVE could not resolve
#11 1.691 npm error
#11 1.691 npm error While resolving: @testing-library/react-hooks@8.0.1
#11 1.691 npm error Found: react@18.3.1
#11 1.691 npm error Could not resolve dependency:
#11 1.691 npm error peer react@"^16.9.0 || ^17.0.0" from @testing-library/react-hooks@8.0.1
"""
TELEGRAF_NO_TOKEN = """\
/app/node_modules/telegraf/lib/core/network/client.js:290
            throw new error_1.default(data, { method, payload });
TelegramError: 401: Bot Token is required
    at Telegram.callApi (/app/node_modules/telegraf/lib/core/network/client.js:290:19)
    at Telegraf.launch (/app/node_modules/telegraf/lib/telegraf.js:188:98)
  response: { error_code: 401, description: 'Bot Token is required' },
Node.js v22.23.3
"""
DISCORD_NO_TOKEN = """\
/app/node_modules/@discordjs/rest/dist/index.js:730
Error [TokenInvalid]: An invalid token was provided.
    at Client.login (/app/node_modules/discord.js/src/client/Client.js:214:52)
  code: 'TokenInvalid'
"""
MONGOOSE_NO_URI = """\
/app/node_modules/mongoose/lib/connection.js:1040
    throw new MongooseError('The `uri` parameter to `openUri()` must be a ' +
MongooseError: The `uri` parameter to `openUri()` must be a string, got "undefined". Make sure the first parameter to \
`mongoose.connect()` or `mongoose.createConnection()` is a string.
    at NativeConnection.createClient (/app/node_modules/mongoose/lib/drivers/node-mongodb-native/connection.js:206:11)
"""
STRAPI_NO_KEYS = """\
[2026-12-04 03:40:01.123] error: Middleware "strapi::session": App keys are required. Please set app.keys in \
config/server.js (ex: keys: ['myKeyA', 'myKeyB'])
"""
# Logged on the engine for create-next-app 15's layout (Geist from next/font/google), built with no route to Google.
NEXT_FONT_OFFLINE = """\
#13 5.407 getaddrinfo ENOTFOUND fonts.googleapis.com
#13 5.819 [Error: getaddrinfo ENOTFOUND fonts.googleapis.com] {
#13 5.819   hostname: 'fonts.googleapis.com'
#13 8.426 Failed to compile.
#13 8.426 src/app/layout.tsx
#13 8.426 `next/font` error:
#13 8.426 Failed to fetch `Geist` from Google Fonts.
#13 8.460 > Build failed because of webpack errors
"""
PRISMA_NO_URL = """\
PrismaClientInitializationError: error: Environment variable not found: DATABASE_URL.
  -->  schema.prisma:10
"""
NPM_CI = """\
#12 [deps 2/2] RUN --mount=type=cache,target=/root/.npm npm ci
#12 1.234 npm error code EUSAGE
#12 1.235 npm error
#12 1.235 npm error `npm ci` can only install packages when your package.json and package-lock.json or \
npm-shrinkwrap.json are in sync. Please update your lock file with `npm install` before continuing.
#12 1.235 npm error
#12 1.235 npm error Missing: left-pad@1.3.0 from lock file
"""
YARN1 = """\
#10 0.512 yarn install v1.22.22
#10 0.540 [1/4] Resolving packages...
#10 0.803 error Your lockfile needs to be updated, but yarn was run with `--frozen-lockfile`.
#10 0.803 info Visit https://yarnpkg.com/en/docs/cli/install for documentation about this command.
"""
YARN_BERRY = """\
#11 1.02 ➤ YN0000: ┌ Resolution step
#11 1.40 ➤ YN0028: │ The lockfile would have been modified by this install, which is explicitly forbidden.
#11 1.40 ➤ YN0000: └ Completed in 0s 371ms
"""
PNPM = """\
#9 0.91  ERR_PNPM_OUTDATED_LOCKFILE  Cannot install with "frozen-lockfile" because pnpm-lock.yaml is not up \
to date with <ROOT>/package.json
#9 0.91 Note that in CI environments this setting is true by default.
"""
BUN = """\
#9 0.31 bun install v1.2.5 (013fdddc)
#9 0.33 error: lockfile had changes, but lockfile is frozen
#9 0.33 note: try re-running without --frozen-lockfile and commit the updated lockfile
"""
UV = """\
#14 0.412 Using CPython 3.13.9 interpreter at: /usr/local/bin/python3
#14 0.530 error: The lockfile at `uv.lock` needs to be updated, but `--locked` was provided. To update the \
lockfile, run `uv lock`.
"""
POETRY = """\
#13 2.10 Installing dependencies from lock file
#13 2.11 pyproject.toml changed significantly since poetry.lock was last generated. Run `poetry lock` to fix \
the lock file.
"""
PIPENV = """\
#13 1.90 Pipfile.lock (1a2b3c) out of date, updating to (4d5e6f)...
#13 1.91 Usage: pipenv install [OPTIONS] [PACKAGES]...
"""
PG_CONFIG = """\
#15 3.118 Collecting psycopg2==2.9.10 (from -r requirements.txt (line 2))
#15 3.160   Downloading psycopg2-2.9.10.tar.gz (385 kB)
#15 3.420   Installing build dependencies: started
#15 5.102   Getting requirements to build wheel: finished with status 'error'
#15 5.106   error: subprocess-exited-with-error
#15 5.106
#15 5.106   \u00d7 Getting requirements to build wheel did not run successfully.
#15 5.106   │ exit code: 1
#15 5.106   ╰─> [21 lines of output]
#15 5.106       running egg_info
#15 5.106
#15 5.106       Error: pg_config executable not found.
#15 5.106
#15 5.106       pg_config is required to build psycopg2 from source.  Please add the directory
#15 5.106       containing pg_config to the $PATH or specify the full executable path with the
#15 5.106       option:
"""
LIBXML = """\
#15 9.71       In file included from src/lxml/etree.c:91:
#15 9.71       src/lxml/includes/etree_defs.h:14:10: fatal error: libxml/xmlversion.h: No such file or directory
#15 9.71          14 | #include "libxml/xmlversion.h"
#15 9.71       compilation terminated.
#15 9.72       error: command '/usr/bin/gcc' failed with exit code 1
"""
PYTHON_H = """\
#15 6.51       src/_cffi_backend.c:2:10: fatal error: Python.h: No such file or directory
#15 6.51           2 | #include <Python.h>
"""
CAIRO = """\
#15 4.02       Run-time dependency cairo found: NO (tried pkgconfig and cmake)
#15 4.02       ../cairo/meson.build:31:12: ERROR: Dependency "cairo" not found, tried pkgconfig and cmake
#15 4.03       Package cairo was not found in the pkg-config search path.
"""
FFI = """\
#15 7.02       c/_cffi_backend.c:15:10: fatal error: ffi.h: No such file or directory
"""
NO_GCC = """\
#15 7.80       building 'markupsafe._speedups' extension
#15 7.80       error: command 'gcc' failed: No such file or directory
"""
# react-scripts 4.0.3 (webpack 4.44) built on Node 22: hunt 7's engine log.
WEBPACK4_MD4 = """\
#13 1.878 Error: error:0308010C:digital envelope routines::unsupported
#13 1.878     at new Hash (node:internal/crypto/hash:79:19)
#13 1.878     at Object.createHash (node:crypto:139:10)
#13 1.878     at module.exports (/app/node_modules/webpack/lib/util/createHash.js:135:53)
#13 1.883   library: 'digital envelope routines',
#13 1.883   reason: 'unsupported',
#13 1.883   code: 'ERR_OSSL_EVP_UNSUPPORTED'
"""
# sqlite3 4.2.0 built on node:22-bookworm (npm 6 era lockfiles): hunt 7's engine log.
SQLITE3_4_PYTHON = """\
#12 41.2 npm error gyp info spawn args [ 'BUILDTYPE=Release', '-C', 'build' ]
#12 41.2 npm error /bin/sh: 1: python: not found
#12 41.2 npm error make: *** [deps/action_before_build.target.mk:13: Release/obj/gen/sqlite3.c] Error 127
"""
NODE_GYP = """\
#12 12.3 npm error gyp ERR! find Python
#12 12.3 npm error gyp ERR! find Python Python is not set from command line or npm configuration
"""
DISTUTILS = """\
Traceback (most recent call last):
  File "/app/app.py", line 3, in <module>
    from distutils.version import LooseVersion
ModuleNotFoundError: No module named 'distutils'
"""
IMP_IMPORTER = """\
#15 4.55       File "/tmp/pip-build-env-x/overlay/lib/python3.13/site-packages/pkg_resources/__init__.py", line 2191
#15 4.55         register_finder(pkgutil.ImpImporter, find_on_path)
#15 4.55     AttributeError: module 'pkgutil' has no attribute 'ImpImporter'. Did you mean: 'zipimporter'?
"""
CGI = "ModuleNotFoundError: No module named 'cgi'\n"
NO_GUNICORN = (
    "docker: Error response from daemon: failed to create shim task: OCI runtime create failed: runc create "
    'failed: unable to start container process: exec: "/opt/venv/bin/gunicorn": stat /opt/venv/bin/gunicorn: '
    "no such file or directory: unknown.\n"
)
NODE_EACCES_PORT = """\
node:net:1908
    const ex = new UVExceptionWithHostPort(err, 'listen', address, port);
Error: listen EACCES: permission denied 0.0.0.0:80
    at Server.setupListenHandle [as _listen2] (node:net:1908:21)
"""
GO_EACCES_PORT = "2026/12/03 06:40:00 listen tcp :80: bind: permission denied\n"
UVICORN_EACCES_PORT = (
    "ERROR:    [Errno 13] error while attempting to bind on address ('0.0.0.0', 80): permission denied\n"
)
PY_WORKDIR = """\
Traceback (most recent call last):
  File "/app/app.py", line 6, in <module>
    with open("uploads/index.txt", "w") as fh:
PermissionError: [Errno 13] Permission denied: 'uploads/index.txt'
"""
SQLITE = "sqlite3.OperationalError: unable to open database file\n"
NODE_WORKDIR = "Error: EACCES: permission denied, open '/app/data/visits.json'\n"
PG_NO_TABLE = 'psycopg.errors.UndefinedTable: relation "auth_user" does not exist\n'
NODE_DB_FILE = "Error: EACCES: permission denied, open '/app/db.json'\n"
GO_WORKDIR = "2026/12/03 06:41:00 open cache.db: permission denied\n"
DEV_MODULE = """\
node:internal/modules/cjs/loader:1228
  throw err;
  ^

Error: Cannot find module 'dotenv'
Require stack:
- /app/server.js
"""
ESM_DEV_MODULE = """\
node:internal/modules/esm/resolve:839
  throw new ERR_MODULE_NOT_FOUND(packageName, fileURLToPath(base), null);
Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'dotenv' imported from /app/server.mjs
"""
NO_ENTRY = """\
node:internal/modules/cjs/loader:1228
  throw err;
  ^

Error: Cannot find module '/app/index.js'
    at Module._resolveFilename (node:internal/modules/cjs/loader:1225:15)
    at node:internal/main/run_main_module:28:49 {
  code: 'MODULE_NOT_FOUND',
  requireStack: []
}
"""
NO_ENTRY_NODE22 = """\
node:internal/modules/cjs/loader:1433
  throw err;
  ^

Error: Cannot find module '/app/index.js'
    at Function._resolveFilename (node:internal/modules/cjs/loader:1430:15)
    at defaultResolveImpl (node:internal/modules/cjs/loader:1040:19)
    at resolveForCJSWithHooks (node:internal/modules/cjs/loader:1045:22)
    at Function._load (node:internal/modules/cjs/loader:1216:25)
    at wrapModuleLoad (node:internal/modules/cjs/loader:254:19)
    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:171:5)
    at node:internal/main/run_main_module:36:49 {
  code: 'MODULE_NOT_FOUND',
  requireStack: []
}

Node.js v22.23.1
"""
NPM_PLATFORM = """\
#11 18.89 npm error code EBADPLATFORM
#11 18.89 npm error notsup Unsupported platform for fsevents@2.3.3: wanted {"os":"darwin"} (current: {"os":"linux"})
#11 18.89 npm error notsup Valid os:  darwin
"""
NPM_LOCK_PLATFORM = """\
#11 9.12 npm error code EBADPLATFORM
#11 9.12 npm error notsup Unsupported platform for @esbuild/darwin-arm64@0.25.9: wanted {"os":"darwin","cpu":"arm64"} \
(current: {"os":"linux","cpu":"x64"})
"""
NODE_IN_USE = "Error: listen EADDRINUSE: address already in use :::3000\n"
GO_IN_USE = "2026/12/03 listen tcp :8080: bind: address already in use\n"
GUNICORN_IN_USE = "[2026-12-03 06:40:00 +0000] [1] [ERROR] Connection in use: ('0.0.0.0', 8000)\n"
NPM_OFFLINE = """\
#12 31.2 npm error code ENOTFOUND
#12 31.2 npm error syscall getaddrinfo
#12 31.2 npm error errno ENOTFOUND
#12 31.2 npm error network request to https://registry.npmjs.org/express failed, reason: getaddrinfo ENOTFOUND \
registry.npmjs.org
"""
ARGPARSE_USAGE = """\
$ docker run scaffold-verify/tool:1
usage: tool [-h] path
tool: error: the following arguments are required: path
exited 2
tool: error: the following arguments are required: path"""
COBRA_HELP = """\
A tiny link shortener

Usage:
  linkshort [command]

Available Commands:
  completion  Generate the autocompletion script for the specified shell
  help        Help about any command
  serve       Start the HTTP server

Use "linkshort [command] --help" for more information about a command.
"""
URFAVE_HELP = """\
NAME:
   pastebin - share snippets

USAGE:
   pastebin [global options] command [command options] [arguments...]

COMMANDS:
   server   run the web server
"""
CLICK_GROUP_USAGE = """\
$ docker run scaffold-verify/tool:1
Usage: tool [OPTIONS] COMMAND [ARGS]...

Options:
  --help  Show this message and exit.

Commands:
  hello
exited 2
  hello"""
PY_BOT_RUNS = """\
$ docker run scaffold-verify/bot:1
tick 2.34.2
tick 2.34.2
(timed out after 30 s)
exited 124
timed out: a program without EXPOSE must exit"""
PIP_NO_GIT = """\
#12 1.90   Cloning https://example.invalid/humanize.git (to revision 4.9.0) to /tmp/pip-install-x/humanize_1
#12 1.91 ERROR: Cannot find command 'git' - do you have 'git' installed and in your PATH?
"""
UV_NO_GIT = "#11 0.42 error: Git executable not found. Ensure that Git is installed and available.\n"
PIP_OFFLINE = """\
#15 16.1 WARNING: Retrying (Retry(total=0, connect=None, read=None, redirect=None, status=None)) after connection \
broken by 'NewConnectionError('<pip._vendor.urllib3.connection.HTTPSConnection object at 0x7f>: Failed to \
establish a new connection: [Errno -3] Temporary failure in name resolution')': /simple/flask/
"""
GO_OFFLINE = """\
#14 0.80 go: github.com/gorilla/mux@v1.8.1: Get "https://proxy.golang.org/github.com/gorilla/mux/@v/v1.8.1.mod": \
dial tcp: lookup proxy.golang.org on 127.0.0.53:53: server misbehaving
"""
APT_OFFLINE = "#8 0.41 Err:1 http://deb.debian.org/debian trixie InRelease\n#8 Could not resolve 'deb.debian.org'\n"
BASE_IMAGE = """\
#3 [internal] load metadata for docker.io/library/python:3.11-slim-trixie
#3 sha256:21b352bf1c2dd9b8564e13736d5e6c30f3baf559f8769e4663e23c2e47d3df2d
#3 ERROR: failed to do request: Head "https://registry-1.docker.io/v2/library/python/manifests/3.11-slim-trixie": \
dial tcp: lookup registry-1.docker.io on 10.255.255.53:53: no such host
"""
CURL_OFFLINE = "#8 0.41 curl: (6) Could not resolve host: github.com\n"
NO_BUILDX = (  # docker 28's client without its buildx plugin, DOCKER_BUILDKIT=1
    "ERROR: BuildKit is enabled but the buildx component is missing or broken.\n"
    "       Install the buildx component to build images with BuildKit:\n"
    "       https://docs.docker.com/go/buildx/\n"
)
LEGACY_MOUNT = "the --mount option requires BuildKit. Refer to https://docs.docker.com/go/buildkit/ to learn how\n"
NO_BRIDGE = (  # a daemon started with --bridge=none, building without --network
    "#6 ERROR: executor failed running [/bin/sh -c apt-get update]: network bridge not found\n"
)
NO_SUCH_NETWORK = 'Error response from daemon: network mode "ci-net" not supported by buildkit\n'
NO_RUN_NETWORK = "docker: Error response from daemon: network ci-net not found.\n"
# A server whose port came from a config file (so no EXPOSE): run as a program, it never exits.
GO_NO_PORT_LOGGED = """\
$ docker run scaffold-verify/site:1a2b3c4d
2026/12/03 09:41:07 starting server on :4000

(timed out after 30 s)"""
NO_PORT_SILENT = "$ docker run scaffold-verify/cfg:1a2b3c4d\n\n(timed out after 30 s)"
# Silent, but verify read the container's sockets: check_program names the port before the timeout line.
GO_NO_PORT_LISTENING = "$ docker run scaffold-verify/cfg:1a2b3c4d\n\nlistens on port 4000\n(timed out after 30 s)"

# A module no manifest lists (express is in node_project's dependencies, dotenv in its devDependencies).
NODE_UNDECLARED = """\
node:internal/modules/cjs/loader:1228
  throw err;
  ^

Error: Cannot find module 'uuid'
Require stack:
- /app/server.js
    at Module._resolveFilename (node:internal/modules/cjs/loader:1225:15) {
  code: 'MODULE_NOT_FOUND',
  requireStack: [ '/app/server.js' ]
}
"""
PY_OWN_MODULE = """\
  File "/opt/venv/lib/python3.13/site-packages/uvicorn/importer.py", line 19, in import_from_string
    module = importlib.import_module(module_str)
ModuleNotFoundError: No module named 'webapp'
"""
PY_UNDECLARED = """\
[2026-12-03 10:02:11 +0000] [7] [ERROR] Exception in worker process
Traceback (most recent call last):
  File "/app/app.py", line 3, in <module>
    import requests
ModuleNotFoundError: No module named 'requests'
"""
PY_ENV_KEY = """\
Traceback (most recent call last):
  File "/app/main.py", line 5, in <module>
    API_TOKEN = os.environ["API_TOKEN"]
                ~~~~~~~~~~^^^^^^^^^^^^^
  File "<frozen os>", line 714, in __getitem__
KeyError: 'API_TOKEN'
"""
PY_ENV_NONE = """\
  File "/app/blog/settings.py", line 33, in <module>
    ALLOWED_HOSTS = os.getenv('ALLOWED_HOSTS').split(',')
                    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
AttributeError: 'NoneType' object has no attribute 'split'
"""
PY_ENV_INT_NONE = """\
  File "/app/config.py", line 9, in Config
    MAIL_PORT = int(os.environ.get("MAIL_PORT"))
                ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
TypeError: int() argument must be a string, a bytes-like object or a real number, not 'NoneType'
"""
DJANGO_SECRET = """\
  File "/opt/venv/lib/python3.13/site-packages/django/conf/__init__.py", line 84, in __getattr__
    raise ImproperlyConfigured("The SECRET_KEY setting must not be empty.")
django.core.exceptions.ImproperlyConfigured: The SECRET_KEY setting must not be empty.
"""
PYDANTIC_SETTINGS = """\
  File "/app/app/config.py", line 12, in <module>
    settings = Settings()
pydantic_core._pydantic_core.ValidationError: 2 validation errors for Settings
admin_email
  Field required [type=missing, input_value={}, input_type=dict]
    For further information visit https://errors.pydantic.dev/2.14/v/missing
"""
DISCORD_NO_TOKEN = """\
  File "/opt/venv/lib/python3.13/site-packages/discord/client.py", line 676, in login
    raise TypeError(f'expected token to be a str, received {token.__class__.__name__} instead')
TypeError: expected token to be a str, received NoneType instead
"""
PTB_NO_TOKEN = "telegram.error.InvalidToken: You must pass the token you received from https://t.me/Botfather!\n"
AIOGRAM_NO_TOKEN = "aiogram.utils.token.TokenValidationError: Token is invalid!\n"
DECOUPLE_MISSING = (
    "decouple.UndefinedValueError: SECRET_KEY not found. Declare it as envvar or define a default value.\n"
)
DJANGO_ENVIRON = "django.core.exceptions.ImproperlyConfigured: Set the DATABASE_URL environment variable\n"
NODE_ENV_MISSING = "Error: Missing required environment variable: STRIPE_KEY\n    at file:///app/dist/env.js:7:11\n"
GO_ENV_MISSING = "2026/12/03 10:04:55 JWT_SECRET must be set\n"
GO_DOTENV = "2026/12/03 14:18:06 Error loading .env file\n"
NODE_DOTENV = "Error: ENOENT: no such file or directory, open '/app/.env'\n    at Object.openSync (node:fs:573:18)\n"
GO_CGO_STUB = (
    "2026/12/03 14:20:01 Binary was compiled with 'CGO_ENABLED=0', go-sqlite3 requires cgo to work. This is a stub\n"
)
GO_PRIVATE = """\
#11 [deps 2/2] RUN --mount=type=cache,target=/go/pkg/mod go mod download
#11 2.871 go: github.com/acme/billing-sdk@v1.4.0: reading \
https://proxy.golang.org/github.com/acme/billing-sdk/@v/v1.4.0.mod: 404 Not Found
#11 2.871 \tserver response: not found: github.com/acme/billing-sdk@v1.4.0: invalid version: git ls-remote \
-q origin in /tmp/gopath/pkg/mod/cache/vcs/1a2b: exit status 128:
#11 2.871 \tfatal: could not read Username for 'https://github.com': terminal prompts disabled
"""
GO_IMAGE_OLD = """\
#9 0.052 go: go.mod requires go >= 1.24.9 (running go 1.24.4; GOTOOLCHAIN=local)
"""
GO_VENDOR_IMPORT = """\
#9 0.255 main.go:11:2: cannot find module providing package github.com/russross/blackfriday: import lookup \
disabled by -mod=vendor
#9 0.255 \t(Go version in go.mod is at least 1.14 and vendor directory exists.)
"""
GO_EMBED_MISSING = """\
#12 0.275 main.go:12:12: pattern site: no matching files found
"""
GO_VENDOR_INCONSISTENT = """\
#9 0.180 go: inconsistent vendoring in /src:
#9 0.180 \tgithub.com/gorilla/mux@v1.8.1: is explicitly required in go.mod, but not marked as explicit in \
vendor/modules.txt
"""
SHARP_OFFLINE = """\
#14 8.226 npm error code 1
#14 8.226 npm error path /app/node_modules/sharp
#14 8.226 npm error command failed
#14 8.226 npm error command sh -c (node install/libvips && node install/dll-copy && prebuild-install) || \
(node install/can-compile && node-gyp rebuild && node install/dll-copy)
#14 8.240 npm error sharp: Downloading https://github.com/lovell/sharp-libvips/releases/download/v8.14.5/\
libvips-8.14.5-linux-x64.tar.br
#14 8.240 npm error sharp: Please see https://sharp.pixelplumbing.com/install for required dependencies
#14 8.240 npm error sharp: Installation error: getaddrinfo ENOTFOUND github.com
"""
PRISMA_OFFLINE = """\
#20 [build 3/3] RUN node_modules/.bin/prisma generate
#20 0.412 Environment variables loaded from .env
#20 3.549 Error: request to https://binaries.prisma.sh/all_commits/605197351a3c8bdd595af2d2a9bc3025bca48ea2/\
debian-openssl-3.0.x/libquery_engine.so.node.gz.sha256 failed, reason: getaddrinfo ENOTFOUND binaries.prisma.sh
#20 ERROR: executor failed running [/bin/sh -c node_modules/.bin/prisma generate]: exit code: 1
"""
SEQUELIZE_NO_URL = """\
> api@1.0.0 start
> sequelize db:migrate && node app.js


Sequelize CLI [Node: 22.23.3, CLI: 6.6.5, ORM: 6.37.8]

Loaded configuration file "config/config.json".
Using environment "production".

\x1b[31mERROR:\x1b[39m Error parsing url: undefined
"""
GO_VENDOR_STALE_OFFLINE = """\
#10 [build 4/5] RUN --mount=type=cache,target=/go/pkg/mod     GOFLAGS=-mod=mod go mod download
#10 0.067 go: example.com/fakequote@v1.3.0: Get "https://proxy.golang.org/example.com/fakequote/@v/v1.3.0.mod": \
dial tcp: lookup proxy.golang.org on 10.255.255.53:53: no such host
"""
VIPER_CONFIG_MISSING = '2026/12/04 10:38:22 cannot load config:Config File "app" Not Found in "[/home/nonroot]"\n'
GO_FILE_MISSING = "2026/12/03 14:17:55 open config.yaml: no such file or directory\n"
GIN_TEMPLATES_MISSING = "panic: html/template: pattern matches no files: `views/*`\n\ngoroutine 1 [running]:\n"
# create-t3-app's src/env.js (t3-env + zod) at the first request, zod 3's and zod 4's shapes
T3_ENV_ZOD3 = (
    "\u274c Invalid environment variables: { DATABASE_URL: [ 'Required' ] }\n Error: Invalid environment variables\n"
)
T3_ENV_ZOD4 = """\
\u274c Invalid environment variables: [
  {
    expected: 'string',
    code: 'invalid_type',
    path: [ 'AUTH_SECRET' ],
    message: 'Invalid input: expected string, received undefined'
  }
]
"""
PSYCOPG_REFUSED = """\
psycopg.OperationalError: connection failed: connection to server at "127.0.0.1", port 5432 failed: Connection \
refused
\tIs the server running on that host and accepting TCP/IP connections?
"""
NODE_PG_REFUSED = """\
Error: connect ECONNREFUSED 127.0.0.1:5432
    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1611:16) {
  errno: -111,
  code: 'ECONNREFUSED',
"""
GO_PG_REFUSED = "2026/12/03 10:06:01 ping: dial tcp 127.0.0.1:5432: connect: connection refused\n"
GO_TEST_PG_REFUSED = (
    "#10 4.317 panic: failed to connect to postgres: dial tcp [::1]:5432: connect: connection refused\n"
    "#10 4.317 FAIL\tgithub.com/acme/inventory/store\t0.006s\n"
)
GO_TEST_COMPOSE_HOST = (
    "#11 2.101     store_test.go:21: failed to connect to `host=db user=app database=app`: hostname resolving error "
    "(lookup db on 10.0.2.3:53: no such host)\n"
    "#11 2.101 dial tcp: lookup db on 10.0.2.3:53: no such host\n#11 2.102 FAIL\n"
)
MYSQL_REFUSED = (
    "MySQLdb.OperationalError: (2002, \"Can't connect to local MySQL server through socket "
    "'/run/mysqld/mysqld.sock' (2)\")\n"
)
REDIS_REFUSED = "redis.exceptions.ConnectionError: Error 111 connecting to localhost:6379. Connection refused.\n"
MONGO_REFUSED = (
    "pymongo.errors.ServerSelectionTimeoutError: localhost:27017: [Errno 111] Connection refused, Timeout: 30s\n"
)

SCM = """\
#13 3.822       File "/tmp/pip-build-env-x/overlay/lib/python3.13/site-packages/setuptools_scm/_get_version_impl.py"
#13 3.822           raise LookupError(error_msg)
#13 3.822       LookupError: setuptools-scm was unable to detect version for /app.
#13 3.822
#13 3.822       Make sure you're either building from a fully intact git repository or PyPI tarballs.
"""
PDM_SCM = """\
#13 2.101       File "/tmp/pip-build-env-y/overlay/lib/python3.13/site-packages/pdm/backend/hooks/version/scm.py"
#13 2.101       ValueError: Cannot find the version from SCM or SCM isn't detected.
#13 2.101       You can still specify the version via environment variable `PDM_BUILD_SCM_VERSION`
"""
LIBGOMP = (
    '  File "/opt/venv/lib/python3.13/site-packages/lightgbm/basic.py", line 9, in <module>\n'
    "OSError: libgomp.so.1: cannot open shared object file: No such file or directory\n"
)
LIBGL = "ImportError: libGL.so.1: cannot open shared object file: No such file or directory\n"
UNKNOWN_LIB = "ImportError: libfoo-9.so.3: cannot open shared object file: No such file or directory\n"
UV_BUILD_BACKEND = """\
#13 0.820    Building litestar-app @ file:///app
#13 2.080 error: Failed to build `litestar-app @ file:///app`
#13 2.080   cause: Failed to resolve requirements from `build-system.requires`
#13 2.080   cause: No solution found when resolving: `uv-build>=0.13.9, <0.14.0`
#13 2.080   cause: Because only uv-build<=0.13.6 is available and you require uv-build>=0.13.9,<0.14.0, we can conclude
"""
PIP_BUILD_BACKEND = """\
#12 1.9   \u00d7 pip subprocess to install build dependencies did not run successfully.
#12 1.9   \u2502 exit code: 1
#12 1.9   \u2570\u2500> [2 lines of output]
#12 1.9       ERROR: Could not find a version that satisfies the requirement hatchling>=9.1 (from versions: 1.25.0)
#12 1.9       ERROR: No matching distribution found for hatchling>=9.1
"""
ROWS = [
    # (check, language, output, id, remedy)
    ("build", "python", SCM, "vcs-version-setuptools-scm", {"version_env": "SETUPTOOLS_SCM_PRETEND_VERSION=0.0.0"}),
    ("build", "python", PDM_SCM, "vcs-version-pdm", {"version_env": "PDM_BUILD_SCM_VERSION=0.0.0"}),
    ("build", "python", UV_BUILD_BACKEND, "build-backend-unavailable", {}),
    ("run", "python", LIBGOMP, "missing-shared-library", {"runtime_packages": "libgomp1"}),
    ("run", "python", LIBGL, "missing-shared-library", {"runtime_packages": "libgl1"}),
    ("run", "python", UNKNOWN_LIB, "missing-shared-library", {}),
    ("build", "python", PIP_BUILD_BACKEND, "build-backend-unavailable", {}),
    ("build", "node", "#15 516.3 Error: Could not find Prisma Schema that is required for this command.\n",
     "prisma-schema-before-sources", {}),
    ("build", "node", "Failed to load config file \"/app\" as a TypeScript/JavaScript module. Error: "
     "PrismaConfigEnvError: Cannot resolve environment variable: DATABASE_URL.\n", "prisma-config-env", {}),
    ("build", "node", NPM_CI, "lock-out-of-sync-npm",
     {"install_command": "npm install --no-package-lock",
      "prod_install_command": "npm install --no-package-lock --omit=dev"}),
    ("build", "node", YARN1, "lock-out-of-sync-yarn",
     {"install_command": "yarn install --pure-lockfile",
      "prod_install_command": "yarn install --pure-lockfile --production"}),
    ("build", "node", YARN_BERRY, "lock-out-of-sync-yarn-berry", {}),
    ("build", "node", PNPM, "lock-out-of-sync-pnpm",
     {"install_command": "pnpm install --no-lockfile", "prod_install_command": "pnpm install --prod --no-lockfile"}),
    ("build", "node", BUN, "lock-out-of-sync-bun",
     {"install_command": "bun install --no-save", "prod_install_command": "bun install --no-save --production"}),
    ("build", "python", UV, "lock-out-of-sync-uv", {}),
    ("build", "python", POETRY, "lock-out-of-sync-poetry", {}),
    ("build", "python", PIPENV, "lock-out-of-sync-pipenv", {}),
    ("build", "python", PG_CONFIG, "missing-headers", {"build_packages": "libpq-dev", "runtime_packages": "libpq5"}),
    ("build", "python", LIBXML, "missing-headers",
     {"build_packages": "libxml2-dev libxslt1-dev", "runtime_packages": "libxml2 libxslt1.1"}),
    ("build", "python", PYTHON_H, "missing-headers", {"build_packages": "python3-dev"}),
    ("build", "python", CAIRO, "missing-headers",
     {"build_packages": "libcairo2-dev pkg-config", "runtime_packages": "libcairo2"}),
    ("build", "python", FFI, "missing-headers", {"build_packages": "libffi-dev", "runtime_packages": "libffi8"}),
    ("build", "python", NO_GCC, "missing-headers", {"build_packages": "gcc libc6-dev"}),
    ("build", "node", PG_CONFIG, "missing-headers",
     {"native": "yes", "native_build_packages": "libpq-dev", "native_run_packages": "libpq5"}),
    ("build", "python", PIP_NO_GIT, "git-not-installed", {"build_packages": "git"}),
    ("build", "python", UV_NO_GIT, "git-not-installed", {"build_packages": "git"}),
    ("build", "node", NODE_GYP, "node-gyp-python", {"native": "yes", "native_build_packages": "python3 make g++"}),
    ("run", "python", DISTUTILS, "interpreter-too-new", {"python_version": "3.11", "debian": "bookworm"}),
    ("build", "python", IMP_IMPORTER, "interpreter-too-new", {"python_version": "3.11", "debian": "bookworm"}),
    ("run", "python", CGI, "interpreter-too-new", {"python_version": "3.12", "debian": "bookworm"}),
    ("build", "python", BASE_IMAGE, "base-image-unavailable", {}),
    ("build", "go", NO_BUILDX, "buildx-missing", {}),
    ("build", "node", LEGACY_MOUNT, "buildx-missing", {}),
    ("build", "python", NO_BRIDGE, "engine-network-missing", {}),
    ("build", "go", NO_SUCH_NETWORK, "engine-network-missing", {}),
    ("run", "node", NO_RUN_NETWORK, "engine-network-missing", {}),
    ("run", "python", NO_GUNICORN, "server-not-installed", {"install_server": "yes"}),
    ("run", "node", NODE_EACCES_PORT, "privileged-port", {}),
    ("run", "go", GO_EACCES_PORT, "privileged-port", {"port": "80"}),
    ("run", "python", UVICORN_EACCES_PORT, "privileged-port", {}),
    ("run", "python", PY_WORKDIR, "workdir-not-writable", {"writable_dirs": "uploads"}),
    ("run", "python", SQLITE, "workdir-not-writable", {"writable_dirs": "."}),
    ("run", "node", NODE_WORKDIR, "workdir-not-writable", {"writable_files": "data"}),
    ("run", "node", NODE_DB_FILE, "workdir-not-writable", {"writable_files": "db.json"}),
    ("run", "go", GO_WORKDIR, "workdir-not-writable", {"writable_workdir": "yes"}),
    ("run", "node", DEV_MODULE, "dev-dependency-at-run-time", {}),
    ("run", "node", ESM_DEV_MODULE, "dev-dependency-at-run-time", {}),
    ("run", "node", NO_ENTRY, "entry-file-missing", {}),
    ("run", "node", NO_ENTRY_NODE22, "entry-file-missing", {}),  # Node 22's longer stack
    ("build", "node", NPM_PLATFORM, "npm-platform-dependency", {}),  # package.json lists fsevents
    ("build", "node", NPM_LOCK_PLATFORM, "npm-lock-platform", {}),  # only the lock names it
    ("build", "node", NPM_ERESOLVE, "npm-peer-conflict", {}),
    ("run", "node", TELEGRAF_NO_TOKEN, "bot-token-missing", {}),
    ("run", "node", DISCORD_NO_TOKEN, "bot-token-missing", {}),
    ("run", "node", MONGOOSE_NO_URI, "database-url-missing", {}),
    ("run", "node", PRISMA_NO_URL, "database-url-missing", {}),
    ("build", "node", NEXT_FONT_OFFLINE, "next-font-download-blocked", {}),
    ("run", "node", STRAPI_NO_KEYS, "app-secrets-missing", {}),
    ("listen", "node", "listens on 127.0.0.1 only", "loopback-only", {"host_env": "HOST"}),
    ("listen", "python", "listens on 127.0.0.1, [::1] only", "loopback-only", {}),
    ("listen", "go", "listens on 127.0.0.1 only", "loopback-only-go", {}),
    ("run", "go", "open /etc/abscfg/config.json: no such file or directory\n", "absolute-file-missing", {}),
    ("build", "go", "./main.go:4:11: fatal error: sqlite3.h: No such file or directory\n", "missing-headers-go", {}),
    ("run", "go", "2026/12/04 11:22:48 open certs/server.crt: no such file or directory\n", "tls-certificate-missing",
     {}),
    ("run", "node", NODE_IN_USE, "port-in-use", {}),
    ("run", "go", GO_IN_USE, "port-in-use", {}),
    ("run", "python", GUNICORN_IN_USE, "port-in-use", {}),
    ("run", None, "port 8081 is already in use on this host", "port-in-use", {}),  # verify's own check
    ("build", "node", NPM_OFFLINE, "download-blocked", {}),
    ("build", "python", PIP_OFFLINE, "download-blocked", {}),
    ("build", "python", PIP_INDEX_UNREACHABLE, "pip-index-unreachable", {}),
    ("run", "python", WEBPACK_STATS_MISSING, "asset-manifest-missing", {}),
    ("run", "python", VITE_MANIFEST_MISSING, "asset-manifest-missing", {}),
    ("run", "python", VOILA_NO_KERNEL, "jupyter-kernel-missing", {}),
    ("run", "python", DEPENDENCY_IMPORT, "dependency-imports-undeclared", {}),
    ("build", "go", GO_OFFLINE, "download-blocked", {}),
    ("build", "go", APT_OFFLINE, "download-blocked", {}),
    ("build", "go", CURL_OFFLINE, "download-blocked", {}),
    ("run", "go", GO_NO_PORT_LOGGED, "server-without-port-logged", {"port": "4000"}),
    ("run", "python", " * Running on http://0.0.0.0:5001\n(timed out after 30 s)", "server-without-port-logged",
     {"port": "5001"}),
    ("run", "go", GO_NO_PORT_LISTENING, "server-without-port-listening", {"port": "4000"}),
    ("run", "python", "sqlite3.OperationalError: no such table: post\n", "database-schema-missing", {}),
    ("run", "node", "SqliteError: no such table: users\n", "database-schema-missing", {}),
    ("run", "python", PG_NO_TABLE, "database-schema-missing", {}),
    ("run", "go", NO_PORT_SILENT, "server-without-port", {}),
    ("run", "python", PY_BOT_RUNS, "server-without-port", {}),
    ("run", "python", ARGPARSE_USAGE, "program-needs-arguments", {}),
    ("run", "python", CLICK_GROUP_USAGE, "program-needs-arguments", {}),
    ("run", "go", COBRA_HELP, "program-needs-arguments", {}),
    ("run", "go", URFAVE_HELP, "program-needs-arguments", {}),
    ("run", "go", "usage: notes <serve|migrate> [flags]\n", "program-needs-arguments", {}),
    ("run", "node", NODE_UNDECLARED, "undeclared-dependency-node", {}),
    ("run", "python", PY_UNDECLARED, "undeclared-dependency-python", {}),
    ("run", "python", PY_OWN_MODULE, "own-module-not-importable", {"app_dir": "src"}),
    ("run", "python", PY_ENV_KEY, "missing-environment-variable", {}),
    ("run", "python", PY_ENV_NONE, "environment-variable-none", {}),
    ("run", "python", PY_ENV_INT_NONE, "environment-variable-none", {}),
    ("run", "python", DJANGO_SECRET, "missing-environment-variable", {}),
    ("run", "python", DJANGO_ENVIRON, "missing-environment-variable", {}),
    ("run", "python", DECOUPLE_MISSING, "missing-environment-variable", {}),
    ("run", "python", PYDANTIC_SETTINGS, "missing-settings-field", {}),
    ("run", "python", DISCORD_NO_TOKEN, "bot-token-missing", {}),
    ("run", "python", PTB_NO_TOKEN, "bot-token-missing", {}),
    ("run", "python", AIOGRAM_NO_TOKEN, "bot-token-missing", {}),
    ("run", "node", NODE_ENV_MISSING, "missing-environment-variable", {}),
    ("run", "go", GO_ENV_MISSING, "missing-environment-variable", {}),
    ("run", "go", GO_DOTENV, "env-file-missing", {}),
    ("run", "node", NODE_DOTENV, "env-file-missing", {}),
    ("run", "go", GO_CGO_STUB, "cgo-required", {"cgo": "yes"}),
    ("build", "go", GO_IMAGE_OLD, "go-image-too-old", {"go_version": "1.24.9"}),
    ("build", "go", GO_VENDOR_IMPORT, "go-vendor-incomplete", {}),
    ("build", "go", GO_VENDOR_INCONSISTENT, "go-vendor-incomplete", {}),
    ("build", "go", GO_EMBED_MISSING, "go-embed-missing", {}),
    ("test", "go", GO_EMBED_MISSING.replace("site", "web/dist/*"), "go-embed-missing", {}),
    ("build", "go", GO_VENDOR_STALE_OFFLINE, "go-vendor-stale-download-blocked", {}),
    ("build", "node", SHARP_OFFLINE, "sharp-libvips-download-blocked", {}),
    ("build", "node", PRISMA_OFFLINE, "prisma-engines-download-blocked", {}),
    ("run", "node", SEQUELIZE_NO_URL, "sequelize-url-missing", {}),
    ("run", "go", VIPER_CONFIG_MISSING, "viper-config-missing", {}),
    ("build", "go", GO_PRIVATE, "go-private-module", {"go_private": "github.com/acme/billing-sdk"}),
    ("run", "go", GO_FILE_MISSING, "runtime-file-missing", {"runtime_files": "config.yaml"}),
    ("run", "go", GIN_TEMPLATES_MISSING, "runtime-file-missing", {"runtime_files": "views"}),
    ("run", "node", T3_ENV_ZOD3, "missing-environment-variable", {}),
    ("run", "node", T3_ENV_ZOD4, "missing-environment-variable", {}),
    ("run", "python", PSYCOPG_REFUSED, "service-unreachable-postgresql", {}),
    ("run", "node", NODE_PG_REFUSED, "service-unreachable-postgresql", {}),
    ("run", "go", GO_PG_REFUSED, "service-unreachable-postgresql", {}),
    ("test", "go", GO_TEST_PG_REFUSED, "go-test-service-unreachable", {}),
    ("test", "go", GO_TEST_COMPOSE_HOST, "go-test-service-unreachable", {}),
    ("run", "python", MYSQL_REFUSED, "service-unreachable-mysql", {}),
    ("run", "python", REDIS_REFUSED, "service-unreachable-redis", {}),
    ("run", "python", MONGO_REFUSED, "service-unreachable-mongodb", {}),
    ("build", "node", WEBPACK4_MD4, "openssl-legacy-hash", {"build_env": "NODE_OPTIONS=--openssl-legacy-provider"}),
    ("build", "node", SQLITE3_4_PYTHON, "node-gyp-python2-name",
     {"native": "yes", "native_build_packages": "python-is-python3"}),
    ("run", "python", NLTK_QUOTED, "nltk-data-missing", {}),
    ("run", "python", NLTK_COLOURED, "nltk-data-missing", {}),
    ("run", "python", SPACY_MODEL, "spacy-model-missing", {}),
    ("run", "python", STREAMLIT_SCRIPT, "streamlit-script-raises", {}),
    ("run", "python", JINJA_ESCAPE, "unpinned-dependency-moved-on", {}),
    ("run", "python", WERKZEUG_URL_QUOTE, "unpinned-dependency-moved-on", {}),
    ("run", "python", QUART_FLASK_31, "quart-flask-too-new", {}),
    ("build", "python", CC1PLUS_KILLED, "compiler-killed", {}),
    ("build", "node", CC1PLUS_KILLED, "compiler-killed", {}),
    ("build", "python", DLIB_NO_CMAKE, "cmake-missing", {"build_packages": "cmake make g++"}),
    ("build", "python", DLIB_NO_CXX, "cmake-missing", {"build_packages": "cmake make g++"}),
    ("build", "python", DLIB_NO_MAKE, "cmake-missing", {"build_packages": "cmake make g++"}),
]  # fmt: skip


@pytest.fixture(autouse=True)
def python_images(monkeypatch: pytest.MonkeyPatch) -> None:
    """The Python images a registry carries (the remedy for a removed module picks the newest that fits)."""
    monkeypatch.setenv("SCAFFOLD_PYTHON_IMAGES", "3.11=bookworm,3.12=bookworm,3.13=trixie")


@pytest.fixture
def node_project(tmp_path: Path) -> Path:
    manifest = {"dependencies": {"express": "^4", "fsevents": "^2.3.3"}, "devDependencies": {"dotenv": "^16"}}
    (tmp_path / "package.json").write_text(json.dumps(manifest), encoding="utf-8")
    (tmp_path / "config.yaml").write_text("port: 8080\n", encoding="utf-8")  # a file a Go app opens at run time
    (tmp_path / "views").mkdir()
    (tmp_path / "src" / "webapp").mkdir(parents=True)  # a Python package of the project below its root
    return tmp_path


@pytest.mark.parametrize(
    ("check", "language", "output", "wanted", "remedy"), ROWS, ids=[f"{r[3]}-{i}" for i, r in enumerate(ROWS)]
)
def test_signature_matches_its_log(
    check: str, language: str, output: str, wanted: str, remedy: dict[str, str], node_project: Path
) -> None:
    found = diagnose.match(check, output, language, node_project, {})
    assert found is not None, f"{wanted}: no signature matched"
    assert found.id == wanted
    assert dict(found.remedy) == remedy
    assert found.fix == (bool(remedy) and found.fix)
    assert found.cause and "\n" not in found.cause
    assert not re.search(r"\{[a-z_]+\}", found.cause + found.advice), "a placeholder was left unfilled"
    assert found.excerpt


def test_every_signature_has_a_row() -> None:
    assert {s.id for s in diagnose.signatures()} <= {row[3] for row in ROWS}


def test_every_signature_is_planted_on_the_engine_or_says_why_not() -> None:
    """A new signature gets a planted project in tests/e2e/test_diagnose.py, or a line in its NOT_PLANTABLE."""
    from tests.e2e import test_diagnose as planted

    ids = {s.id for s in diagnose.signatures()}
    missing = ids - planted.planted_ids() - set(planted.NOT_PLANTABLE)
    assert not missing, f"no engine plant and not in NOT_PLANTABLE: {sorted(missing)}"
    assert not planted.planted_ids() & set(planted.NOT_PLANTABLE)
    assert planted.planted_ids() | set(planted.NOT_PLANTABLE) <= ids  # no stale id


@pytest.mark.parametrize(
    "output",
    [
        "Error: Cannot find module 'express'\n",  # a production dependency: not this signature
        "Error: Cannot find module './dist/server.js'\n",  # a file that was not built
        "ModuleNotFoundError: No module named 'flask'\n",  # not a removed standard-library module
        "listen tcp :8080: bind: permission denied\n",  # not a privileged port
        "#12 DONE 0.1s\n",
        # Quart 0.19 on Flask 3.1: a config key, not an environment variable.
        '  File "/opt/venv/lib/python3.11/site-packages/flask/sansio/scaffold.py", line 705, in add_url_rule\n'
        '    provide_automatic_options = self.config["PROVIDE_AUTOMATIC_OPTIONS"]\n'
        "KeyError: 'PROVIDE_AUTOMATIC_OPTIONS'\n",
    ],
)
def test_rows_that_must_not_match(output: str, node_project: Path) -> None:
    for check in ("build", "run"):
        found = diagnose.match(check, output, "node", node_project, {})
        assert found is None or found.id not in (
            "dev-dependency-at-run-time",
            "interpreter-too-new",
            "privileged-port",
        ), found


def test_a_missing_file_the_project_does_not_have_is_no_runtime_file(node_project: Path) -> None:
    for output in ("open data/cache.json: no such file or directory\n", "open ../etc/x: no such file or directory\n"):
        found = diagnose.match("run", output, "go", node_project, {})
        assert found is None or found.id != "runtime-file-missing", found


def test_list_remedies_add_to_the_recorded_packages() -> None:
    found = diagnose.match("build", PG_CONFIG, "python", None, {"build_packages": "gcc libc6-dev"})
    assert found is not None
    assert found.remedy["build_packages"] == "gcc libc6-dev libpq-dev"


def test_a_remedy_already_in_force_is_not_offered_again() -> None:
    found = diagnose.match("run", DISTUTILS, "python", None, {"python_version": "3.11", "debian": "bookworm"})
    assert found is not None and found.id == "interpreter-too-new"
    assert not found.remedy and not found.fix


def test_a_log_cannot_smuggle_a_value_past_its_kind() -> None:
    # The port group admits digits only; a path outside the app gives no writable_dirs at all.
    found = diagnose.match("run", "PermissionError: [Errno 13] Permission denied: '/etc/passwd'\n", "python")
    assert found is not None and found.id == "workdir-not-writable"
    assert found.remedy == {}
    hostile = "PermissionError: [Errno 13] Permission denied: 'a;rm -rf x/y'\n"
    found = diagnose.match("run", hostile, "python")
    assert found is not None and found.remedy == {} and found.refused


def test_unknown_failure_shows_last_lines_and_the_command(tmp_path: Path) -> None:
    rows = [
        passed("lint"),
        failed("build", "failed after 1.0 s", "boom", details="step 1\nstep 2\nsomething odd happened"),
    ]
    settings = Settings(path=tmp_path, build_flags=("--network", "host"))
    [found] = diagnose.diagnose(rows, settings, "scaffold-verify/x:1", "docker", "go")
    assert found.id == "unknown" and not found.remedy
    assert found.excerpt.endswith("something odd happened")
    assert found.reproduce == (
        f"DOCKER_BUILDKIT=1 docker build --network host -f {tmp_path.resolve()}/Dockerfile "
        f"-t scaffold-verify/x:1 {tmp_path.resolve()}",
    )


def test_run_failure_reproduces_with_build_then_run(tmp_path: Path) -> None:
    rows = [failed("run", "exited 1", "ModuleNotFoundError: No module named 'distutils'", details=DISTUTILS)]
    settings = Settings(path=tmp_path, run_flags=("--network", "host"))
    [found] = diagnose.diagnose(rows, settings, "img:1", "docker", "python")
    assert found.id == "interpreter-too-new" and found.fix
    assert found.sets() == ["python_version=3.11", "debian=bookworm"]
    assert found.reproduce[1] == "docker run --rm --network host img:1"
    assert found.as_json()["remedy"] == ["python_version=3.11", "debian=bookworm"]


def test_removed_module_picks_the_newest_python_with_an_image(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCAFFOLD_PYTHON_IMAGES", "3.11=bookworm,3.13=trixie")
    found = diagnose.match("run", CGI, "python")  # cgi left in 3.13; 3.12 has no image here
    assert found is not None and found.remedy == {"python_version": "3.11", "debian": "bookworm"}


def _fix_request(app: Path) -> verify_cmd.VerifyRequest:
    return verify_cmd.VerifyRequest(Settings(path=app), fix=True)


def test_fix_regenerates_scaffolds_own_files_with_the_remedy(tmp_path: Path) -> None:
    app = tmp_path / "app"
    shutil.copytree(FAILURES / "py-distutils", app)
    assert run_cli("init", "--yes", app).code == 0
    found = diagnose.match("run", DISTUTILS, "python", app, {})
    assert found is not None
    out = io.StringIO()
    assert verify_cmd._apply(_fix_request(app), found, Reporter(file=out))
    assert "FROM python:3.11-slim-bookworm" in (app / "Dockerfile").read_text(encoding="utf-8")
    # The remedy is recorded beside the name read from the directory (recorded so any clone builds the same).
    assert verify_cmd.recorded(app)[1] == {"app_name": "app", "python_version": "3.11", "debian": "bookworm"}
    assert "updated" in out.getvalue()


def test_fix_leaves_an_edited_file_alone_and_says_what_to_run(tmp_path: Path) -> None:
    app = tmp_path / "app"
    shutil.copytree(FAILURES / "py-distutils", app)
    assert run_cli("init", "--yes", app).code == 0
    edited = (app / "Dockerfile").read_text(encoding="utf-8") + "# mine\n"
    (app / "Dockerfile").write_text(edited, encoding="utf-8")
    found = diagnose.match("run", DISTUTILS, "python", app, {})
    assert found is not None
    out = io.StringIO()
    assert not verify_cmd._apply(_fix_request(app), found, Reporter(file=out))
    assert (app / "Dockerfile").read_text(encoding="utf-8") == edited
    said = " ".join(out.getvalue().split())
    assert "Dockerfile changed since scaffold wrote it" in said
    assert "scaffold update --set python_version=3.11 --set debian=bookworm" in said


def test_init_fix_needs_verify(tmp_path: Path) -> None:
    shutil.copytree(FAILURES / "py-distutils", tmp_path / "app")
    result = run_cli("init", "--yes", "--fix", tmp_path / "app")
    assert result.code == 2 and "--fix needs --verify" in result.err
    assert not (tmp_path / "app" / "Dockerfile").exists()


def test_a_module_the_project_lists_or_owns_is_not_undeclared(tmp_path: Path, node_project: Path) -> None:
    # express is in node_project's dependencies: its absence is scaffold's fault, not an undeclared dependency.
    found = diagnose.match("run", "Error: Cannot find module 'express'\n", "node", node_project, {})
    assert found is None or found.id != "undeclared-dependency-node", found
    (tmp_path / "app").mkdir()
    found = diagnose.match("run", "ModuleNotFoundError: No module named 'app'\n", "python", tmp_path, {})
    assert found is None or found.id != "undeclared-dependency-python", found
    found = diagnose.match("run", "ModuleNotFoundError: No module named 'requests.adapters'\n", "python", tmp_path, {})
    assert found is not None and found.id == "undeclared-dependency-python"
    assert "imports requests," in found.cause


@pytest.mark.parametrize(
    ("output", "name"),
    [(PY_ENV_KEY, "API_TOKEN"), (DJANGO_SECRET, "SECRET_KEY"), (DECOUPLE_MISSING, "SECRET_KEY"),
     (NODE_ENV_MISSING, "STRIPE_KEY"),
     (GO_ENV_MISSING, "JWT_SECRET"), (T3_ENV_ZOD3, "DATABASE_URL"), (T3_ENV_ZOD4, "AUTH_SECRET")],
)  # fmt: skip
def test_the_missing_variable_is_named_with_how_to_pass_it(output: str, name: str, node_project: Path) -> None:
    found = diagnose.match("run", output, "python", node_project, {})
    assert found is not None and found.id == "missing-environment-variable"
    assert f"variable {name} is" in found.cause and f"-e {name}=" in found.advice


def test_a_required_settings_field_is_named_with_how_to_pass_it(tmp_path: Path) -> None:
    # FastAPI's documented pydantic-settings class with a field no variable sets: was "not a failure scaffold knows".
    found = diagnose.match("run", PYDANTIC_SETTINGS, "python", tmp_path, {})
    assert found is not None and found.id == "missing-settings-field"
    assert "settings class Settings requires admin_email" in found.cause and "-e admin_email=" in found.advice


def test_an_unknown_build_backend_failure_shows_the_backends_own_error(tmp_path: Path) -> None:
    log = "\n".join(
        [
            "#12 2.1   x Getting requirements to build wheel did not run successfully.",
            "#12 2.1   │ exit code: 1",
            "#12 2.1   ╰─> [3 lines of output]",
            "#12 2.1       flit_core.config.ConfigError: Unrecognised metadata key: 'requires-pyton'",
            "#12 2.1       [end of output]",
            "#12 2.1   note: This error originates from a subprocess, and is likely not a problem with pip.",
            *[f"#12 2.2 pip's closing advice, line {i}" for i in range(20)],
        ]
    )
    rows = [failed("build", "failed after 2.2 s", "boom", details=log)]
    [found] = diagnose.diagnose(rows, Settings(path=tmp_path), "scaffold-verify/x:1", "docker", "python")
    assert found.id == "unknown"
    assert "Unrecognised metadata key: 'requires-pyton'" in found.excerpt
    assert found.excerpt.endswith("[end of output]")


def test_a_program_that_never_exits_is_diagnosed_from_the_whole_failed_row(tmp_path: Path) -> None:
    """What check_program reports for a worker that runs until stopped: its output, then the row's figure and hint
    (failure_text joins all three), so the timeout line is not the text's last."""
    out = "$ docker run scaffold-verify/w:1\n2026/12/03 14:38:33 tick\n2026/12/03 14:38:34 tick\n(timed out after 30 s)"
    row = failed("run", "exited 124", "timed out: a program without EXPOSE must exit", details=out, exit_code=124)
    found = diagnose.diagnose([row], Settings(tmp_path), "scaffold-verify/w:1", "docker", "go")
    assert [d.id for d in found] == ["server-without-port"]
    assert "worker" in found[0].cause


def test_a_port_in_use_without_a_number_is_the_apps_port() -> None:
    found = diagnose.match("run", "OSError: [Errno 98] Address already in use", "python", None, {})
    assert found is not None and found.id == "port-in-use"
    assert found.cause.startswith("the app's port is already taken")
    named = diagnose.match("run", "listen tcp :8080: bind: address already in use", "go", None, {})
    assert named is not None and named.cause.startswith("port 8080 is already taken")


def test_the_apps_own_package_below_the_root_is_run_from_its_folder(tmp_path: Path) -> None:
    (tmp_path / "src" / "app").mkdir(parents=True)
    (tmp_path / "src" / "app" / "__init__.py").write_text("")
    log = "  File \"<frozen importlib._bootstrap>\", line 1324\nModuleNotFoundError: No module named 'app'\n"
    found = diagnose.match("run", log, "python", tmp_path, {})
    assert found is not None and found.id == "own-module-not-importable"
    assert found.remedy == {"app_dir": "src"} and found.fix
    assert "lives in src/" in found.cause
    # A third-party module the project does not hold stays an undeclared dependency.
    other = diagnose.match("run", "ModuleNotFoundError: No module named 'requests'\n", "python", tmp_path, {})
    assert other is not None and other.id == "undeclared-dependency-python"


def test_a_list_remedy_keeps_what_detection_put_there(tmp_path: Path) -> None:
    """writable_dirs is detected (the working directory), not recorded: the remedy adds feeds/ to it, so --fix
    does not take the working directory's write access away."""
    app = tmp_path / "app"
    shutil.copytree(FAILURES / "py-data-dir", app)
    assert run_cli("init", "--yes", app).code == 0
    language, answers = verify_cmd.recorded(app)
    assert language == "python" and "writable_dirs" not in answers
    denied = "PermissionError: [Errno 13] Permission denied: 'feeds/seen.txt'\n"
    found = diagnose.match("run", denied, "python", app, verify_cmd.in_force(app, "python", answers))
    assert found is not None and found.id == "workdir-not-writable"
    assert dict(found.remedy) == {"writable_dirs": ". feeds"}
