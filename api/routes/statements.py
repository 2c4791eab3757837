"""Statements: filter and page through them, read one, add (one or many) and retract."""

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status
from pydantic import BaseModel

from api.deps import RunnerDep, SettingsDep, StoreDep, WriterDep
from api.negotiation import RDF_RESPONSES, rdf_response, rdf_type
from graph.analysis import queries
from graph.coding import edit
from graph.ingest.records import Slug, StatementRecord
from graph.vocab import statement_iri

router = APIRouter(prefix="/statements", tags=["statements"])


class NewStatement(StatementRecord):
    """A statement to add: the fields of a coded statement plus the id of its stored source."""

    source: Slug


class Created(BaseModel):
    ids: list[str]


FilterText = Annotated[str | None, Query(max_length=200)]


@router.get("", summary="Statements, filtered and paginated")
def list_statements(
    store: StoreDep, settings: SettingsDep,
    actor: FilterText = None, relation: FilterText = None, target: FilterText = None,
    source: FilterText = None,
    date_from: Annotated[dt.date | None, Query(alias="from")] = None,
    date_to: Annotated[dt.date | None, Query(alias="to")] = None,
    limit: Annotated[int, Query(ge=1)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> queries.StatementPage:
    return queries.statements(
        store, actor=actor, relation=relation, target=target, source=source,
        start=date_from.isoformat() if date_from else None,
        end=date_to.isoformat() if date_to else None,
        limit=min(limit, settings.max_page_size), offset=offset)


@router.get("/{statement_id}", summary="One statement with its evidence", responses=RDF_RESPONSES)
def get_statement(statement_id: str, store: StoreDep, request: Request) -> queries.Evidence:
    found = queries.statement(store, statement_id)
    media_type = rdf_type(request)
    if media_type:
        return rdf_response(queries.description(store, str(statement_iri(found.statement))),  # type: ignore[return-value]
                            media_type)
    return found


@router.post("", status_code=status.HTTP_201_CREATED, dependencies=[WriterDep],
             summary="Add one statement or a list of them (needs the bearer token)")
def post_statements(body: NewStatement | list[NewStatement], store: StoreDep,
                    runner: RunnerDep) -> Created:
    items = body if isinstance(body, list) else [body]
    by_source: dict[str, list[StatementRecord]] = {}
    for item in items:
        by_source.setdefault(item.source, []).append(
            StatementRecord.model_validate(item.model_dump(exclude={"source"})))
    ids: list[str] = []
    for source, records in by_source.items():
        ids += edit.add_statements(store, source, records)
    runner.invalidate()
    return Created(ids=ids)


@router.delete("/{statement_id}", status_code=status.HTTP_204_NO_CONTENT, dependencies=[WriterDep],
               summary="Retract a statement (needs the bearer token)")
def delete_statement(statement_id: str, store: StoreDep, runner: RunnerDep) -> Response:
    edit.retract(store, statement_id)
    runner.invalidate()
    return Response(status_code=status.HTTP_204_NO_CONTENT)
