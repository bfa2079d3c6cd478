"""Package attributes imported on first use (PEP 562).

Importing a package of mdgan_tf loads none of its modules: a binary can define its flags
and answer `--help` without TensorFlow, and start TensorFlow quietly (`mdgan_tf.cli`) before
anything imports it. `from mdgan_tf.inference import MDGAN` works as with eager imports.
"""

import importlib
import sys


def lazy_exports(package, exports):
    """The `__getattr__`, `__dir__` and `__all__` of package `package`, whose public names
    come from its modules: `exports` maps a module's full name to the names it provides."""
    home = {name: module for module, names in exports.items() for name in names}

    def __getattr__(name):
        if name not in home:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(home[name]), name)
        setattr(sys.modules[package], name, value)   # later lookups skip this function
        return value

    def __dir__():
        return sorted(set(vars(sys.modules[package])) | set(home))

    return __getattr__, __dir__, sorted(home)
