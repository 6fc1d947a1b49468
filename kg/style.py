"""How the view draws a node: a colour per class, a size from how connected it is, an event's caption.

Colours come from colorcet's glasbey_category10 (the ten category10 colours, then glasbey's
maximally distinct ones): classes that share a category (Company, Person, Organization, Court are
all actors) still get colours an eye tells apart; the category keeps its shape.
"""
from __future__ import annotations

import math

import colorcet
import networkx as nx

from ontology.terms import EKG_NS, SEM_NS

PALETTE = colorcet.palette["glasbey_category10"]
UNTYPED = "#c8c8c8"             # nodes of no known class: a light grey no palette colour comes close to
MIN_SIZE, MAX_SIZE = 8, 48      # vis-network's node radius in px
# Roles an event's main actor is read from, best first (the agent acts; else who takes part, is addressed...).
ACTOR_ROLES = (EKG_NS + "agent", SEM_NS + "hasActor", EKG_NS + "addressee", EKG_NS + "target", EKG_NS + "instrument")


def class_colors(classes: dict[str, dict], categories: list[str]) -> dict[str, str]:
    """A distinct palette colour per class: in category order, the most frequent classes first, so the
    classes a page shows most take the palette's most distinct colours."""
    order = {c: i for i, c in enumerate(categories)}
    ranked = sorted((cls for cls in classes if cls), key=lambda cls: (
        order.get(classes[cls]["category"], len(order)), -classes[cls].get("count", 0), cls))
    colors = {cls: PALETTE[i % len(PALETTE)] for i, cls in enumerate(ranked)}
    if "" in classes:
        colors[""] = UNTYPED
    return colors


def weight(graph: nx.MultiDiGraph, node: str) -> int:
    """How much the graph says about a node: its links or the documents naming it, whichever is more."""
    return max(graph.degree(node), len(graph.nodes[node].get("documents") or ()))


def node_size(weight: int) -> int:
    """Radius growing with the logarithm of the weight: a country named in 47 documents is about three
    times a quantity seen once, and no hub swallows the screen."""
    return min(MAX_SIZE, round(MIN_SIZE + 5 * math.log2(1 + weight)))


def main_actor(graph: nx.MultiDiGraph, event: str) -> str | None:
    """The node of the event's best actor role (`ACTOR_ROLES`), ties broken by IRI; None without one."""
    roles = {role: sorted(o for _, o, p in graph.out_edges(event, keys=True) if p == role) for role in ACTOR_ROLES}
    return next((found[0] for found in roles.values() if found), None)


def event_caption(graph: nx.MultiDiGraph, event: str, lang: str) -> str:
    """"Заявление · 2026-01-14 · Алибек Бакаев": class, first date (ISO), main actor, those it has; without
    an actor, what else the event links to (its topic, its place), so the statements of a page differ."""
    data = graph.nodes[event]
    actor = main_actor(graph, event) or min((o for _, o in graph.out_edges(event) if o != event), default=None)
    parts = [data[f"label_{lang}"], (data.get("dates") or [""])[0][:10],
             graph.nodes[actor][f"label_{lang}"] if actor else ""]
    return " · ".join(p for p in parts if p)
