"""Colours and sizes of the stance graph, one scheme for Gephi (GEXF ``viz``) and for pictures.

Nodes are coloured by their ``type`` (actor types, proposals, commitments, sources), edges by
the sign of their ``polarity`` (or, lacking one, of their ``weight``). Colours are the
Okabe-Ito palette where it has enough hues, so they stay apart for colour-blind readers.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

RGB = tuple[int, int, int]

NODE_COLORS: dict[str, RGB] = {
    "State": (0, 114, 178),
    "Person": (86, 180, 233),
    "AnonymousSource": (160, 160, 160),
    "Organization": (0, 158, 115),
    "Alliance": (0, 90, 70),
    "Committee": (204, 121, 167),
    "MediaOutlet": (240, 228, 66),
    "Group": (140, 107, 177),
    "Proposal": (230, 159, 0),
    "Commitment": (213, 94, 0),
    "SourceDocument": (90, 90, 90),
}
"""Node colour by node ``type``."""

OTHER_NODE: RGB = (200, 200, 200)

EDGE_COLORS: dict[int, RGB] = {1: (26, 152, 80), -1: (215, 48, 39), 0: (150, 150, 150)}
"""Edge colour by sign: +1 supports (green), -1 opposes (red), 0 hesitant, neutral, background."""

EDGE_MEANINGS: dict[int, str] = {1: "supports (+1)", -1: "opposes (-1)", 0: "hesitant, neutral (0)"}
"""The legend text of each edge colour."""


def node_color(attrs: Mapping[str, object]) -> RGB:
    """The colour of a node with attributes ``attrs``, by its ``type``.

    >>> node_color({"type": "State"}), node_color({"type": "Unknown"})
    ((0, 114, 178), (200, 200, 200))
    """
    return NODE_COLORS.get(str(attrs.get("type", "")), OTHER_NODE)


def edge_sign(attrs: Mapping[str, object]) -> int:
    """The sign of an edge: of its ``polarity`` when it has one, else of its ``weight``, else 0.

    >>> edge_sign({"polarity": -1, "weight": 0.5}), edge_sign({"weight": 2.5}), edge_sign({})
    (-1, 1, 0)
    """
    value = attrs.get("polarity", attrs.get("weight", 0))
    if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value):
        return 0
    return (value > 0) - (value < 0)


def edge_color(attrs: Mapping[str, object]) -> RGB:
    """The colour of an edge with attributes ``attrs``, by :func:`edge_sign`."""
    return EDGE_COLORS[edge_sign(attrs)]


def node_size(degree: int) -> float:
    """The size of a node of ``degree`` edges: grows with the square root, 10 when isolated.

    >>> node_size(0), node_size(4)
    (10.0, 20.0)
    """
    return 10.0 + 5.0 * math.sqrt(degree)


def hex_color(rgb: RGB) -> str:
    """``#rrggbb`` for an RGB triple.

    >>> hex_color((0, 114, 178))
    '#0072b2'
    """
    return "#{:02x}{:02x}{:02x}".format(*rgb)
