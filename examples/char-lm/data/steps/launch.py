# The sandbox's entry point, given inline as the charter's `run` command (the
# sandbox sees only /usr and the candidate's folder, so trusted code cannot be
# a file there): the first line of standard input is a JSON header from the
# trusted evaluator holding the step's script; the rest of stdin is its data.
# Kept here for reading; steward.yaml holds the same line.
import json,sys; h=json.loads(sys.stdin.readline()); exec(compile(h["script"], h["name"], "exec"), {"__name__": "__main__", "PROGRAM": sys.argv[1], "HEADER": h})
