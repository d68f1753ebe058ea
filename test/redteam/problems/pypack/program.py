"""Online bin packing heuristic, in Python.

Each stdin line is an instance, {"capacity": C, "items": [...]}; for each, one
stdout line is the assignment: the bin index of every item, in order. Items
arrive one by one and must be placed at once. For each item, `priority` gets
the item's size and the remaining capacities of the bins it fits in; the last
entry is always a new, empty bin. It returns one finite score per bin: the item
goes to the highest score.
"""
import json
import sys

# EVOLVE-BLOCK-START
def priority(item, bins):
    """Best Fit: prefer the bin the item leaves with the least room to spare."""
    return [-(b - item) for b in bins]
# EVOLVE-BLOCK-END


def pack(capacity, items):
    remaining = []
    assignment = []
    for item in items:
        offered = [k for k, left in enumerate(remaining) if left >= item]
        room = [remaining[k] for k in offered] + [capacity]
        scores = priority(item, room)
        best = max(range(len(room)), key=lambda k: scores[k])
        if best < len(offered):
            b = offered[best]
        else:
            b = len(remaining)
            remaining.append(capacity)
        remaining[b] -= item
        assignment.append(b)
    return assignment


for line in sys.stdin:
    instance = json.loads(line)
    print(json.dumps(pack(instance["capacity"], instance["items"])), flush=True)
