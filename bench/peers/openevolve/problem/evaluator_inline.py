"""OpenEvolve as it is usually set up: the candidate is imported into the worker (no isolation)."""
import importlib.util


def evaluate(program_path):
    spec = importlib.util.spec_from_file_location("candidate", program_path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    y = module.f(1)
    return {"combined_score": 1.0 if isinstance(y, (int, float)) else 0.0}
