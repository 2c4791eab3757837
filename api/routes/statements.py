"""Statements: filter and page through them, read one, add (one or many) and retract."""

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status
from pydantic import BaseModel

from api.deps import DateFrom, DateTo, RunnerDep, SettingsDep, StoreDep, WriterDep
from api.negotiation import RDF_RESPONSES, rdf_or_json
from graph.analysis import evidence
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
    store: StoreDep, settings: SettingsDep, date_from: DateFrom = None, date_to: DateTo = None,
    actor: FilterText = None, relation: FilterText = None, target: FilterText = None,
    source: FilterText = None,
    limit: Annotated[int, Query(ge=1)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> evidence.StatementPage:
    return evidence.statements(
        store, actor=actor, relation=relation, target=target, source=source,
        start=date_from, end=date_to, limit=min(limit, settings.max_page_size), offset=offset)


@router.get("/{statement_id}", summary="One statement with its evidence", responses=RDF_RESPONSES,
            response_model=evidence.Evidence)
def get_statement(statement_id: str, store: StoreDep, request: Request) -> evidence.Evidence | Response:
    found = evidence.statement(store, statement_id)
    return rdf_or_json(request, store, str(statement_iri(found.statement)), lambda: found)


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
