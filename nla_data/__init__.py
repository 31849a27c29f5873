"""The data package: load, validate, (later) store.

The folder holds the embedded package itself (`datapackage.json` and `data/`); the modules
read and check it. `python -m nla_data validate [DIR]` checks any package.
"""

from nla_data.package import EMBEDDED_DIR, Loaded, NlaPackage, load_package, package_dir_from_env
from nla_data.problems import Problem

__all__ = ["EMBEDDED_DIR", "Loaded", "NlaPackage", "Problem", "load_package", "package_dir_from_env"]
