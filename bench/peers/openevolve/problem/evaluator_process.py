"""OpenEvolve with a child process per candidate: the closest it comes to a sandbox."""
import subprocess
import sys


def evaluate(program_path):
    code = f"import runpy; m = runpy.run_path({program_path!r}); print(m['f'](1))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=5)
    return {"combined_score": 1.0 if done.returncode == 0 else 0.0}
