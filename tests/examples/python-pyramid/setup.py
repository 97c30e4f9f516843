from setuptools import setup, find_packages
setup(name="hello", version="0.0", packages=find_packages(), install_requires=["pyramid", "waitress"],
      entry_points={"paste.app_factory": ["main = hello:main"]})
