"""Convert TF1 checkpoints written before TF 1.2 to the variable names the runtime creates.

:mod:`legacy2tf2.checkpoints.names` maps names (pure Python); :mod:`legacy2tf2.checkpoints.convert`
reads and writes checkpoints, importing TensorFlow only when it runs. Neither imports the migrator
or the runtime.
"""

from legacy2tf2.checkpoints.convert import Conversion, convert, convert_checkpoint
from legacy2tf2.checkpoints.names import CheckpointNameError, NamePlan, plan_names

__all__ = [
    "CheckpointNameError",
    "Conversion",
    "NamePlan",
    "convert",
    "convert_checkpoint",
    "plan_names",
]
