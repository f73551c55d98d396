"""Click commands of the ``legacy2tf2`` CLI, one module per command.

Each module imports its half (migrator or runtime) lazily so that ``legacy2tf2 --help`` and the
migrator commands never import TensorFlow.
"""
