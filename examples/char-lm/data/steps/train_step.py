# Trusted training step, run in the first sandbox: one CPU thread, then the
# candidate's train.py as __main__ with its settings. Only the training text
# follows on stdin; validation and holdout text never enter this sandbox.
import json
import runpy
import sys

import torch

torch.set_num_threads(1)
torch.set_num_interop_threads(1)
sys.argv = [PROGRAM, json.dumps(HEADER["config"])]  # noqa: F821 (given by launch.py)
runpy.run_path(PROGRAM, run_name="__main__")  # noqa: F821
