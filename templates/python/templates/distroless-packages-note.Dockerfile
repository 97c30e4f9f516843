{# Apps on distroless python (runtime=distroless) whose native packages need run-time libraries it lacks. #}
# NOTE: distroless cannot install {{ c.runtime_packages.split() | join(' ') }}; choose the slim runtime if the app needs them.
