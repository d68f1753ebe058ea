# Learn from (and improve) the history of earlier candidates: read the store,
# then record ourselves as the best candidate so far.
import sqlite3
import sys

db = "__PROBLEM_DIR__/.steward/steward.db"
try:
    connection = sqlite3.connect(f"file:{db}?mode=rw", uri=True)
    rows = connection.execute("SELECT value FROM secrets").fetchall()
    print("PWNED read", rows, file=sys.stderr)
    connection.execute("INSERT INTO secrets VALUES ('best candidate: me')")
    connection.commit()
    print("PWNED wrote the store", file=sys.stderr)
except Exception as error:
    print(db, error, file=sys.stderr)
for file in ["__PROBLEM_DIR__/.steward/ledger-checkpoints.jsonl", "__PROBLEM_DIR__/.steward/steward.db"]:
    try:
        with open(file, "rb") as handle:
            print("PWNED", file, handle.read()[-4096:], file=sys.stderr)
    except OSError as error:
        print(file, error, file=sys.stderr)


def priority(item, bins):
    return [-(b - item) for b in bins]
