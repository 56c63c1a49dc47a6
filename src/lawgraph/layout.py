"""Where the page draws each node, computed once so that the browser draws at once, with no physics to settle.

Each connected group of nodes is laid out by igraph's Fruchterman–Reingold (C code; networkx's spring_layout
takes minutes where it takes seconds); nodes that nothing links to are set in a compact block per class;
groups and blocks are then packed in rows, largest first.
Satellites (metrics, hidden until asked for) sit in a small spiral around the node they belong to.
Coordinates are in CSS pixels at zoom 1. The same input always gives the same positions, whatever `jobs`:
each group is laid out from a start of its own, in one process or another.
"""

from __future__ import annotations

import math
import multiprocessing
import random
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager

import igraph

SPACING = 70.0  # px of room per node
LINK = 150.0  # px: the typical length of a line, so that its label fits
CELL = (150.0, 60.0)  # px: a grid cell for a node that nothing links to, room for its label
GAP = 2 * SPACING  # between packed groups
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
# Nodes in linked groups from which the layout is worth sharing out among processes: a corpus's page (1,000
# reports: 33,000 such nodes, 20 s in one process); below, starting the processes costs more than it saves.
PARALLEL_FROM = 5000

Point = tuple[float, float]


def positions(groups: Sequence[str], links: Iterable[tuple[int, int]], satellites: Mapping[int, int],
              seed: int = 1, jobs: int = 1) -> list[Point]:
    """A position for each node. `groups[i]` is node i's class; `links` are pairs of node indices;
    `satellites` maps a node to the node it is drawn beside (it takes no part in the layout itself); `jobs`
    processes lay out the linked groups of a large graph."""
    laid = [i for i in range(len(groups)) if i not in satellites]
    local = {node: k for k, node in enumerate(laid)}
    graph = igraph.Graph(n=len(laid), edges=sorted({(local[a], local[b]) for a, b in links
                                                    if a in local and b in local and a != b}))
    components = sorted(graph.connected_components(), key=lambda c: (-len(c), c[0]))
    linked = [component for component in components if len(component) > 1]
    blocks = _force_blocks(graph, linked, seed, jobs)
    singles = defaultdict(list)
    for component in components:
        if len(component) == 1:
            singles[groups[laid[component[0]]]].append(component[0])
    blocks += sorted((_grid_block(members) for members in singles.values()), key=lambda b: (-len(b), min(b)))
    placed = _pack(blocks)
    points: list[Point] = [(0.0, 0.0)] * len(groups)
    for k, node in enumerate(laid):
        points[node] = placed[k]
    _place_satellites(points, satellites)
    return points


@contextmanager
def _random_numbers(seed: int) -> Iterator[random.Random]:
    """igraph draws from Python's `random` module by default; a seeded generator of its own makes the layout
    the same on every run without touching the module's state."""
    rng = random.Random(seed)
    igraph.set_random_number_generator(rng)
    try:
        yield rng
    finally:
        igraph.set_random_number_generator(random)


Block = dict[int, Point]  # member (local index) → position relative to the block's top-left corner


def _force_blocks(graph: igraph.Graph, components: list[list[int]], seed: int, jobs: int) -> list[Block]:
    """Each linked group laid out by force, largest first (the subgraph's node k is the group's member k)."""
    tasks = [(len(members), graph.subgraph(members).get_edgelist(), seed) for members in components]
    if jobs > 1 and sum(map(len, components)) >= PARALLEL_FROM:
        # A fresh interpreter per process (as the build's workers): forking a process that runs threads of a
        # native library can deadlock the child.
        with multiprocessing.get_context("forkserver").Pool(jobs) as pool:
            coordinates = pool.starmap(_force_coordinates, tasks, chunksize=1)
    else:
        coordinates = [_force_coordinates(*task) for task in tasks]
    blocks = []
    for members, coords, (_, edges, _) in zip(components, coordinates, tasks, strict=True):
        lengths = sorted(math.dist(coords[a], coords[b]) for a, b in edges)
        blocks.append(_normalise(dict(zip(members, coords, strict=True)), lengths[len(lengths) // 2]))
    return blocks


def _force_coordinates(size: int, edges: list[tuple[int, int]], seed: int) -> list[Point]:
    """Fruchterman–Reingold from a seeded start: the same positions in any process."""
    with _random_numbers(seed) as rng:
        # All nodes start in one small square. From igraph's own wide start, its grid (past 1,000 nodes) would
        # let only near nodes repel: 24× faster on a corpus's largest group (2,900 nodes), but its stars stay
        # tangled. From here, every node repels every other at first, and the stars come apart.
        start = [[rng.uniform(-1, 1), rng.uniform(-1, 1)] for _ in range(size)]
        coords = igraph.Graph(n=size, edges=edges).layout_fruchterman_reingold(seed=start, niter=500).coords
    return [(x, y) for x, y in coords]


def _normalise(block: Block, median_link: float) -> Block:
    """Scaled so that lines are about LINK long and each node has SPACING² of room; starting at (0, 0)."""
    xs = [x for x, _ in block.values()]
    ys = [y for _, y in block.values()]
    median_link = max(median_link, 1e-9)
    # A side shorter than a line counts as one line long: a chain of nodes is not an area.
    area = max(max(xs) - min(xs), median_link) * max(max(ys) - min(ys), median_link)
    scale = max(LINK / median_link, SPACING * math.sqrt(len(block) / area))
    return {m: ((x - min(xs)) * scale, (y - min(ys)) * scale) for m, (x, y) in block.items()}


def _grid_block(members: list[int]) -> Block:
    """Rows and columns, about square."""
    width, height = CELL
    columns = max(1, round(math.sqrt(len(members) * height / width)))
    return {m: ((k % columns) * width, (k // columns) * height) for k, m in enumerate(members)}


def _extent(block: Block) -> Point:
    return max(x for x, _ in block.values()), max(y for _, y in block.values())


def _pack(blocks: list[Block]) -> dict[int, Point]:
    """Blocks in rows, in the order given, the rows about as wide as the whole is tall; centred on (0, 0)."""
    area = sum((w + GAP) * (h + GAP) for w, h in map(_extent, blocks))
    row_width = max(math.sqrt(area) * 1.2, max((_extent(b)[0] for b in blocks), default=0))
    placed: dict[int, Point] = {}
    x = y = row_height = 0.0
    for block in blocks:
        width, height = _extent(block)
        if x > 0 and x + width > row_width:
            x, y, row_height = 0.0, y + row_height + GAP, 0.0
        placed.update({m: (x + bx, y + by) for m, (bx, by) in block.items()})
        x += width + GAP
        row_height = max(row_height, height)
    return _centred(placed)


def _centred(placed: dict[int, Point]) -> dict[int, Point]:
    if not placed:
        return placed
    cx = (max(x for x, _ in placed.values()) + min(x for x, _ in placed.values())) / 2
    cy = (max(y for _, y in placed.values()) + min(y for _, y in placed.values())) / 2
    return {m: (x - cx, y - cy) for m, (x, y) in placed.items()}


def _place_satellites(points: list[Point], satellites: Mapping[int, int]) -> None:
    """A spiral (Vogel's) around each anchor, just outside it."""
    count: dict[int, int] = defaultdict(int)
    for node, anchor in sorted(satellites.items()):
        k = count[anchor]
        count[anchor] += 1
        radius = 0.6 * SPACING + 0.35 * SPACING * math.sqrt(k)
        ax, ay = points[anchor]
        points[node] = (ax + radius * math.cos(k * GOLDEN_ANGLE), ay + radius * math.sin(k * GOLDEN_ANGLE))
