#!/usr/bin/env python3
"""Time Flee on the chain and grid workloads of borderwork's benchmarks.

Flee (github.com/djgroen/flee) is the forced-migration simulator most used
in the field. This script builds, through Flee's own Python interface, the
graphs of borderwork's BenchmarkFleeRules (sim/bench_test.go), puts the
same number of agents on them and runs them for the same number of days,
with the settings of Flee's Mali 2012 validation case. It prints one JSON
line: the agents, the agent-days simulated (Flee visits every agent every
day), the CPU time of the days, and the peak resident memory before and
after the agents were added. docs/PERFORMANCE.md says how it was run.

    PYTHONPATH=<beartype>:<flee> FLEE_TYPE_CHECK=False \\
        python3 docs/perf/flee_bench.py chain --agents 100000 --days 100 \\
        --settings data/flee/mali2012/simsetting.yml

The graphs (each link a number of days at max_move_speed):

    chain: O - H1 - H2 - P1 - H4 - P2 - H6 - H7 - P3 - D, links of 3 days;
           O a conflict zone holding the agents, D a camp, the others towns
    grid:  SIDE x SIDE locations, neighbours joined by links of 2 days;
           the first column conflict zones sharing the agents, the last
           column camps, the others towns
"""

import argparse
import json
import resource
import time

from flee import flee


def chain(e, days_per_link, speed):
    names = ["O", "H1", "H2", "P1", "H4", "P2", "H6", "H7", "P3", "D"]
    locs = []
    for i, name in enumerate(names):
        kind = "town"
        if i == 0:
            kind = "conflict_zone"
        elif i == len(names) - 1:
            kind = "camp"
        locs.append(e.addLocation(name=name, location_type=kind, country="C%d" % min(i // 3, 3)))
    for a, b in zip(names, names[1:]):
        e.linkUp(endpoint1=a, endpoint2=b, distance=days_per_link * speed)
    return [locs[0]]


def grid(e, side, days_per_link, speed):
    def name(r, c):
        return "L%d_%d" % (r, c)

    origins = []
    for r in range(side):
        for c in range(side):
            kind = "town"
            if c == 0:
                kind = "conflict_zone"
            elif c == side - 1:
                kind = "camp"
            loc = e.addLocation(name=name(r, c), location_type=kind, country="C%d" % min(2, 3 * c // side))
            if c == 0:
                origins.append(loc)
    for r in range(side):
        for c in range(side):
            if c + 1 < side:
                e.linkUp(endpoint1=name(r, c), endpoint2=name(r, c + 1), distance=days_per_link * speed)
            if r + 1 < side:
                e.linkUp(endpoint1=name(r, c), endpoint2=name(r + 1, c), distance=days_per_link * speed)
    return origins


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("workload", choices=["chain", "grid"])
    p.add_argument("--agents", type=int, default=100000)
    p.add_argument("--days", type=int, default=100)
    p.add_argument("--side", type=int, default=8)
    p.add_argument("--settings", required=True)
    args = p.parse_args()

    flee.SimulationSettings.ReadFromYML(args.settings)
    speed = flee.SimulationSettings.move_rules["MaxMoveSpeed"]
    e = flee.Ecosystem()
    if args.workload == "chain":
        origins = chain(e, 3, speed)
    else:
        origins = grid(e, args.side, 2, speed)
    for loc in origins:
        e.add_conflict_zone(loc.name)

    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for i in range(args.agents):
        e.addAgent(location=origins[i % len(origins)], attributes={})
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    cpu0, wall0 = time.process_time(), time.perf_counter()
    for _ in range(args.days):
        e.evolve()
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    rss2 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    agent_days = args.agents * args.days
    print(json.dumps({
        "workload": args.workload, "locations": len(e.locations), "agents": args.agents, "days": args.days,
        "agent_days": agent_days, "cpu_seconds": round(cpu, 2), "wall_seconds": round(wall, 2),
        "agent_days_per_cpu_second": round(agent_days / cpu),
        "peak_rss_kb_before_agents": rss0, "peak_rss_kb_after_agents": rss1, "peak_rss_kb_at_end": rss2,
        "bytes_per_agent": round((rss2 - rss0) * 1024 / args.agents, 1),
        "in_camps_at_end": sum(1 for a in e.agents if getattr(a.location, "camp", False)),
    }))


if __name__ == "__main__":
    main()
