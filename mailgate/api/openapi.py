"""The OpenAPI 3.1 document of the API, served at ``/api/openapi.json``.

The schemas of bodies come from the pydantic models the server validates with
(:mod:`mailgate.api.schemas`); the paths are written here, beside the error codes each
operation answers.  A test checks that the paths here and the routes served are the
same set.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import JsonSchemaMode, models_json_schema

from mailgate import __version__
from mailgate.api import schemas
from mailgate.lifecycle import STATUSES

_REF = "#/components/schemas/{model}"

_MODELS: list[tuple[type[BaseModel], JsonSchemaMode]] = [
    (schemas.ReplyRequest, "validation"),
    (schemas.StatusRequest, "validation"),
    (schemas.NoteRequest, "validation"),
    (schemas.TicketChange, "validation"),
    (schemas.NoteAdded, "serialization"),
    (schemas.Changes, "serialization"),
    (schemas.TicketEvent, "serialization"),
    (schemas.StaleError, "serialization"),
    (schemas.Done, "serialization"),
    (schemas.TicketSummary, "serialization"),
    (schemas.TicketDocument, "serialization"),
    (schemas.AcceptRequest, "validation"),
    (schemas.HeldList, "serialization"),
    (schemas.Accepted, "serialization"),
    (schemas.LanguageRequest, "validation"),
    (schemas.ClientLanguage, "serialization"),
    (schemas.Error, "serialization"),
]

_ERRORS = {
    "400": "A body that is not JSON, or a field that is missing or wrong (named).",
    "401": "No bearer token, or one the tokens file does not hold.",
    "404": "No such ticket (or attachment of the ticket, or inbox message).",
    "409": "The state refuses the action (a ticket already has that status; the inbox "
    "message is not held).",
    "413": "The request body is larger than [http] max_request_bytes.",
    "422": "A template failed to render; nothing was sent or recorded.",
    "503": "The database is unavailable; try again.",
}


def _ref(model: type[BaseModel]) -> dict[str, str]:
    return {"$ref": _REF.format(model=model.__name__)}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors(*codes: str) -> dict[str, Any]:
    return {code: {"$ref": f"#/components/responses/E{code}"} for code in codes}


_NUMBER = {
    "name": "number",
    "in": "path",
    "required": True,
    "description": "The ticket number.",
    "schema": {"type": "integer", "minimum": 1},
}


_ADDRESS = {
    "name": "address",
    "in": "path",
    "required": True,
    "description": "The client's e-mail address.",
    "schema": {"type": "string"},
}


_ATTACHMENT_ID = {
    "name": "id",
    "in": "path",
    "required": True,
    "description": "The attachment's id (in the ticket's messages).",
    "schema": {"type": "integer", "minimum": 1},
}


def _body_of(model: type[BaseModel]) -> dict[str, Any]:
    return {"required": True, "content": {"application/json": {"schema": _ref(model)}}}


_LIMIT = {
    "name": "limit",
    "in": "query",
    "schema": {"type": "integer", "minimum": 1, "maximum": 100000, "default": 100},
}


def openapi_document() -> dict[str, Any]:
    _, defs = models_json_schema(_MODELS, ref_template=_REF)
    components: dict[str, Any] = {
        "schemas": defs["$defs"],
        "securitySchemes": {
            "bearer": {
                "type": "http",
                "scheme": "bearer",
                "description": "A token of the tokens file ([http] tokens_file).",
            }
        },
        "responses": {
            f"E{code}": _json(_ref(schemas.Error), text) for code, text in _ERRORS.items()
        },
    }
    paths: dict[str, Any] = {
        "/api/tickets": {
            "get": {
                "operationId": "listTickets",
                "summary": "List tickets, newest first (as `mailgate tickets --json`); with "
                "queue=true, those waiting for the team (open, customer_reply), the "
                "longest-waiting client first (as `mailgate tickets --queue`).",
                "parameters": [
                    {
                        "name": "status",
                        "in": "query",
                        "schema": {"type": "string", "enum": list(STATUSES)},
                    },
                    {"name": "department", "in": "query", "schema": {"type": "string"}},
                    {"name": "assignee", "in": "query", "schema": {"type": "string"}},
                    {
                        "name": "queue",
                        "in": "query",
                        "schema": {"type": "boolean", "default": False},
                    },
                    {
                        "name": "q",
                        "in": "query",
                        "description": "Words to search for in the subjects, the text people "
                        "wrote, the addresses and the file names of the tickets' messages: "
                        "every whitespace-separated piece must appear (its words in a row), "
                        "the last word as a prefix; nothing in it is query syntax.",
                        "schema": {"type": "string", "maxLength": 400},
                    },
                    _LIMIT,
                ],
                "responses": {
                    "200": _json(
                        {"type": "array", "items": _ref(schemas.TicketSummary)}, "The tickets."
                    ),
                    **_errors("400", "401", "503"),
                },
            }
        },
        "/api/tickets/{number}": {
            "get": {
                "operationId": "getTicket",
                "summary": "One ticket: participants, messages with their delivery, "
                "history (as `mailgate ticket N --json`).",
                "parameters": [_NUMBER],
                "responses": {
                    "200": _json(_ref(schemas.TicketDocument), "The ticket."),
                    **_errors("401", "404", "503"),
                },
            },
            "patch": {
                "operationId": "changeTicket",
                "summary": "Set any of the status, priority, department and assignee (null "
                "unassigns); fields that have their value are left alone, every value is "
                "checked before any is changed, the client is told of a new status or "
                "department unless notify is false.",
                "parameters": [_NUMBER],
                "requestBody": _body_of(schemas.TicketChange),
                "responses": {
                    "200": _json(_ref(schemas.Changes), "What changed."),
                    **_errors("400", "401", "404", "409", "413", "422", "503"),
                },
            },
        },
        "/api/tickets/{number}/attachments/{id}": {
            "get": {
                "operationId": "getAttachment",
                "summary": "Download a file of the ticket's messages: Content-Disposition "
                "attachment with its name (RFC 6266), nosniff, application/octet-stream "
                "unless it is a PNG, JPEG, GIF or WebP image.",
                "parameters": [_NUMBER, _ATTACHMENT_ID],
                "responses": {
                    "200": {
                        "description": "The file's bytes.",
                        "content": {
                            "application/octet-stream": {
                                "schema": {"type": "string", "format": "binary"}
                            },
                            "image/*": {"schema": {"type": "string", "format": "binary"}},
                        },
                    },
                    **_errors("401", "404", "503"),
                },
            }
        },
        "/api/tickets/{number}/notes": {
            "post": {
                "operationId": "addNote",
                "summary": "An internal note, for the team only: never mailed to the client; "
                "with alert, mailed to the assignee (else the department's agents).",
                "parameters": [_NUMBER],
                "requestBody": _body_of(schemas.NoteRequest),
                "responses": {
                    "201": _json(_ref(schemas.NoteAdded), "The note is recorded."),
                    **_errors("400", "401", "404", "409", "413", "422", "503"),
                },
            }
        },
        "/api/tickets/{number}/replies": {
            "post": {
                "operationId": "postReply",
                "summary": "Answer the client: rendered through a template, From the "
                "department's address, threaded to the client's last message.",
                "parameters": [_NUMBER],
                "requestBody": _body_of(schemas.ReplyRequest),
                "responses": {
                    "201": _json(_ref(schemas.Done), "The mail is queued."),
                    **_errors("400", "401", "404", "413", "422", "503"),
                    "409": _json(
                        {"oneOf": [_ref(schemas.StaleError), _ref(schemas.Error)]},
                        "The state refuses the reply; with new_messages, the client wrote "
                        "after seen_message: nothing was sent.",
                    ),
                },
            }
        },
        "/api/tickets/{number}/status": {
            "post": {
                "operationId": "changeStatus",
                "summary": "Set the ticket's status, telling the client unless notify is false.",
                "parameters": [_NUMBER],
                "requestBody": _body_of(schemas.StatusRequest),
                "responses": {
                    "200": _json(_ref(schemas.Done), "The status is set."),
                    **_errors("400", "401", "404", "409", "413", "422", "503"),
                },
            }
        },
        "/api/held": {
            "get": {
                "operationId": "listHeld",
                "summary": "Messages on no ticket, waiting for a person, newest first (as "
                "`mailgate quarantine --json`): held by a named rule, quarantined, failed.",
                "parameters": [
                    {"name": "rule", "in": "query", "schema": {"type": "string"}},
                    {
                        "name": "state",
                        "in": "query",
                        "schema": {"type": "string", "enum": ["held", "quarantined", "failed"]},
                    },
                    _LIMIT,
                ],
                "responses": {
                    "200": _json(_ref(schemas.HeldList), "The messages and the counts."),
                    **_errors("400", "401", "503"),
                },
            }
        },
        "/api/held/{id}/accept": {
            "post": {
                "operationId": "acceptHeld",
                "summary": "Put a held message on a ticket (as `mailgate accept ID`): it is "
                "processed again onto the ticket given, else the one it pointed at, else a "
                "new ticket.",
                "parameters": [
                    {
                        "name": "id",
                        "in": "path",
                        "required": True,
                        "description": "The inbox id.",
                        "schema": {"type": "integer", "minimum": 1},
                    }
                ],
                "requestBody": {
                    "required": False,
                    "content": {"application/json": {"schema": _ref(schemas.AcceptRequest)}},
                },
                "responses": {
                    "202": _json(
                        _ref(schemas.Accepted), "Accepted; processing puts it on the ticket."
                    ),
                    **_errors("400", "401", "404", "409", "413", "503"),
                },
            }
        },
        "/api/clients/{address}/language": {
            "get": {
                "parameters": [_ADDRESS],
                "operationId": "getClientLanguage",
                "summary": "The language the client is answered in (as `mailgate "
                "client-language ADDRESS`): what their mail showed, or what an agent set.",
                "responses": {
                    "200": _json(_ref(schemas.ClientLanguage), "The client's language."),
                    **_errors("400", "401", "503"),
                },
            },
            "put": {
                "parameters": [_ADDRESS],
                "operationId": "setClientLanguage",
                "summary": "Set the language the client is answered in (as `mailgate "
                "client-language ADDRESS LANGUAGE`): their mail no longer decides it, and "
                "their tickets not closed move to it.",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": _ref(schemas.LanguageRequest)}},
                },
                "responses": {
                    "200": _json(_ref(schemas.ClientLanguage), "The language is set."),
                    **_errors("400", "401", "413", "503"),
                },
            },
        },
        "/api/events": {
            "get": {
                "operationId": "events",
                "summary": "The tickets' events as they happen, a server-sent-events stream: "
                "each event `id: <id>`, `event: ticket`, `data: <TicketEvent JSON>`; a comment "
                "line keeps an idle stream open; it ends when the server stops.",
                "parameters": [
                    {
                        "name": "Last-Event-ID",
                        "in": "header",
                        "description": "Continue after this event (a reconnecting "
                        "EventSource sends it).",
                        "schema": {"type": "integer", "minimum": 0},
                    },
                    {
                        "name": "after",
                        "in": "query",
                        "description": "Start after this event; without either, after the "
                        "latest (only what happens next).",
                        "schema": {"type": "integer", "minimum": 0},
                    },
                ],
                "responses": {
                    "200": {
                        "description": "The stream; each data line is a TicketEvent.",
                        "content": {
                            "text/event-stream": {
                                "schema": {
                                    "type": "string",
                                    "description": "Each data line is a TicketEvent "
                                    "(#/components/schemas/TicketEvent) as JSON.",
                                }
                            }
                        },
                    },
                    **_errors("400", "401", "503"),
                },
            }
        },
        "/metrics": {
            "get": {
                "operationId": "metrics",
                "summary": "Prometheus metrics (text exposition format 0.0.4): mail received "
                "by source, processed by verdict, held, quarantined, the queues' backlogs and "
                "oldest ages, sending failures, IMAP reconnects, processing latency.",
                "security": [],
                "responses": {
                    "200": {
                        "description": "The metrics.",
                        "content": {"text/plain": {"schema": {"type": "string"}}},
                    }
                },
            }
        },
        "/healthz": {
            "get": {
                "operationId": "health",
                "summary": "200 when the database answers and no queue is stuck "
                "([daemon] stuck_after); 503 naming the problems otherwise.",
                "security": [],
                "responses": {
                    "200": _json({"type": "object"}, "Healthy."),
                    "503": _json({"type": "object"}, "The database or a queue is failing."),
                },
            }
        },
        "/api/openapi.json": {
            "get": {
                "operationId": "openapi",
                "summary": "This document.",
                "security": [],
                "responses": {"200": _json({"type": "object"}, "The OpenAPI document.")},
            }
        },
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "mailgate",
            "version": __version__,
            "description": "The JSON API of mailgate for helpdesk front ends: the "
            "tickets, and the actions of agents on them.",
        },
        "security": [{"bearer": []}],
        "paths": paths,
        "components": components,
    }
