"""``python -m legacy2tf2``: the same command line as the ``legacy2tf2`` console script."""

from legacy2tf2.cli import main

if __name__ == "__main__":
    main(prog_name="legacy2tf2")
