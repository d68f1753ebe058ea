# The trivial problem, OpenEvolve's side: a one-line function.
# EVOLVE-BLOCK-START
def f(x):
    return x * 1.0
# EVOLVE-BLOCK-END
