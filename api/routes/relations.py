"""Relations: the ontology's hierarchy of relations, with family and polarity."""

from fastapi import APIRouter

from api.deps import StoreDep
from graph.analysis import resolution

router = APIRouter(prefix="/relations", tags=["relations"])


@router.get("", summary="Every relation of the hierarchy, with its family, polarity and parent")
def list_relations(store: StoreDep) -> list[resolution.Relation]:
    return resolution.relations(store)
