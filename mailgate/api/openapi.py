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
    (schemas.TagsRequest, "validation"),
    (schemas.FieldsRequest, "validation"),
    (schemas.TagsChanged, "serialization"),
    (schemas.FieldsChanged, "serialization"),
    (schemas.MergeRequest, "validation"),
    (schemas.SplitRequest, "validation"),
    (schemas.NotDuplicateRequest, "validation"),
    (schemas.NotDuplicate, "serialization"),
    (schemas.MergeDone, "serialization"),
    (schemas.SplitDone, "serialization"),
    (schemas.NoteAdded, "serialization"),
    (schemas.Changes, "serialization"),
    (schemas.TicketEvent, "serialization"),
    (schemas.StaleError, "serialization"),
    (schemas.Done, "serialization"),
    (schemas.TicketSummary, "serialization"),
    (schemas.TicketDocument, "serialization"),
    (schemas.SlaReport, "serialization"),
    (schemas.AcceptRequest, "validation"),
    (schemas.OrganizationRequest, "validation"),
    (schemas.OrganizationChange, "validation"),
    (schemas.ContactRequest, "validation"),
    (schemas.OrganizationSummary, "serialization"),
    (schemas.OrganizationView, "serialization"),
    (schemas.ContactView, "serialization"),
    (schemas.ContactSaved, "serialization"),
    (schemas.HeldList, "serialization"),
    (schemas.RatingList, "serialization"),
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


_ORGANIZATION_ID = {
    "name": "id",
    "in": "path",
    "required": True,
    "description": "The organization's id.",
    "schema": {"type": "integer", "minimum": 1},
}


def _organization_paths() -> dict[str, Any]:
    """The organizations and their contacts (as `mailgate orgs` and `mailgate contacts`)."""
    org = _ref(schemas.OrganizationView)
    return {
        "/api/organizations": {
            "get": {
                "operationId": "listOrganizations",
                "summary": "The organizations, by name, with their domains and settings.",
                "responses": {
                    "200": _json(
                        {"type": "array", "items": _ref(schemas.OrganizationSummary)},
                        "The organizations.",
                    ),
                    **_errors("400", "401", "503"),
                },
            },
            "post": {
                "operationId": "addOrganization",
                "summary": "Add an organization: a name (unique), its mail domains (each "
                "one organization's; never a free-mail provider's), who is told of its "
                "tickets, whether unknown addresses at its domains may open tickets.",
                "requestBody": _body_of(schemas.OrganizationRequest),
                "responses": {
                    "201": _json(org, "The organization."),
                    **_errors("400", "401", "409", "413", "503"),
                },
            },
        },
        "/api/organizations/{id}": {
            "get": {
                "operationId": "getOrganization",
                "summary": "One organization with its contacts.",
                "parameters": [_ORGANIZATION_ID],
                "responses": {
                    "200": _json(org, "The organization."),
                    **_errors("401", "404", "503"),
                },
            },
            "patch": {
                "operationId": "changeOrganization",
                "summary": "Change its name, settings or domains; every value is checked "
                "before any is changed.",
                "parameters": [_ORGANIZATION_ID],
                "requestBody": _body_of(schemas.OrganizationChange),
                "responses": {
                    "200": _json(org, "The organization as it is now."),
                    **_errors("400", "401", "404", "409", "413", "503"),
                },
            },
            "delete": {
                "operationId": "deleteOrganization",
                "summary": "Delete the organization, its domains and contacts (the tickets "
                "stay as they are).",
                "parameters": [_ORGANIZATION_ID],
                "responses": {
                    "200": _json({"type": "object"}, "Deleted."),
                    **_errors("401", "404", "503"),
                },
            },
        },
        "/api/organizations/{id}/contacts": {
            "post": {
                "operationId": "putContact",
                "summary": "Add a contact to the organization, or change one (an address "
                "given again is updated, and moves here from another organization).",
                "parameters": [_ORGANIZATION_ID],
                "requestBody": _body_of(schemas.ContactRequest),
                "responses": {
                    "201": _json(_ref(schemas.ContactSaved), "Added."),
                    "200": _json(_ref(schemas.ContactSaved), "Updated, or unchanged."),
                    **_errors("400", "401", "404", "413", "503"),
                },
            }
        },
        "/api/contacts": {
            "get": {
                "operationId": "listContacts",
                "summary": "The contacts, of every organization or of one.",
                "parameters": [
                    {
                        "name": "organization",
                        "in": "query",
                        "description": "An organization's name or id.",
                        "schema": {"type": "string"},
                    }
                ],
                "responses": {
                    "200": _json(
                        {"type": "array", "items": _ref(schemas.ContactView)}, "The contacts."
                    ),
                    **_errors("400", "401", "404", "503"),
                },
            }
        },
        "/api/contacts/{address}": {
            "delete": {
                "operationId": "removeContact",
                "summary": "Remove a contact (their tickets stay as they are).",
                "parameters": [
                    {
                        "name": "address",
                        "in": "path",
                        "required": True,
                        "description": "The contact's address.",
                        "schema": {"type": "string"},
                    }
                ],
                "responses": {
                    "200": _json({"type": "object"}, "Removed."),
                    **_errors("401", "404", "503"),
                },
            }
        },
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
                    {
                        "name": "tag",
                        "in": "query",
                        "description": "Only tickets with this tag; repeated, with every "
                        "one of them (as `tag:billing` in q).",
                        "schema": {"type": "string", "maxLength": 64},
                    },
                    {
                        "name": "field.{name}",
                        "in": "query",
                        "description": "field.plan=gold: only tickets whose custom field "
                        "plan has the value gold (a number also as written otherwise: 12.0 "
                        "finds 12); as `field:plan=gold` in q.",
                        "schema": {"type": "string", "maxLength": 500},
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
        "/api/tickets/{number}/tags": {
            "post": {
                "operationId": "changeTags",
                "summary": "Add and remove tags (a tag already there, or already gone, is "
                "left alone); each change is a tag_added or tag_removed event naming the "
                "agent.",
                "parameters": [_NUMBER],
                "requestBody": _body_of(schemas.TagsRequest),
                "responses": {
                    "200": _json(_ref(schemas.TagsChanged), "The tags afterwards."),
                    **_errors("400", "401", "404", "413", "503"),
                },
            }
        },
        "/api/tickets/{number}/fields": {
            "patch": {
                "operationId": "setFields",
                "summary": "Set custom fields of the ticket's department ([[fields]]): every "
                "value is checked against its field's type before any is written (400 "
                "names each problem); each change is a field_changed event.",
                "parameters": [_NUMBER],
                "requestBody": _body_of(schemas.FieldsRequest),
                "responses": {
                    "200": _json(_ref(schemas.FieldsChanged), "What changed."),
                    **_errors("400", "401", "404", "413", "503"),
                },
            }
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
        "/api/tickets/{number}/merge": {
            "post": {
                "operationId": "mergeTicket",
                "summary": "Merge the ticket into another (into): its messages and "
                "participants move there, it becomes a closed stub whose number leads "
                "there, and the clients are told in one ticket_merged mail.  409 when "
                "merged into itself or into a merged ticket, or for two requesters' "
                "tickets without force.",
                "parameters": [_NUMBER],
                "requestBody": _body_of(schemas.MergeRequest),
                "responses": {
                    "200": _json(_ref(schemas.MergeDone), "The tickets are merged."),
                    **_errors("400", "401", "404", "409", "413", "422", "503"),
                },
            }
        },
        "/api/tickets/{number}/not-duplicate": {
            "post": {
                "operationId": "dismissDuplicate",
                "summary": "Say that this ticket and another (of), flagged as likely "
                "duplicates, are not: a not_duplicate link and an event on both.  409 when "
                "they are not flagged, already dismissed, or merged.",
                "parameters": [_NUMBER],
                "requestBody": _body_of(schemas.NotDuplicateRequest),
                "responses": {
                    "200": _json(_ref(schemas.NotDuplicate), "The flag is dismissed."),
                    **_errors("400", "401", "404", "409", "413", "503"),
                },
            }
        },
        "/api/tickets/{number}/split": {
            "post": {
                "operationId": "splitTicket",
                "summary": "Split a client's message (with tail: and the thread after it) "
                "into a new ticket linked to this one; its sender gets the new ticket's "
                "acknowledgment.",
                "parameters": [_NUMBER],
                "requestBody": _body_of(schemas.SplitRequest),
                "responses": {
                    "201": _json(_ref(schemas.SplitDone), "The new ticket is opened."),
                    **_errors("400", "401", "404", "409", "413", "422", "503"),
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
        "/api/ratings": {
            "get": {
                "operationId": "listRatings",
                "summary": "The satisfaction ratings clients gave, newest first (as "
                "`mailgate ratings list --json`), with the counts of all that match.",
                "parameters": [
                    {
                        "name": "rating",
                        "in": "query",
                        "schema": {"type": "string", "enum": ["good", "bad"]},
                    },
                    {"name": "department", "in": "query", "schema": {"type": "string"}},
                    {
                        "name": "agent",
                        "in": "query",
                        "description": "The address of the agent whose work was rated.",
                        "schema": {"type": "string"},
                    },
                    {
                        "name": "since",
                        "in": "query",
                        "description": "Rated on this UTC day or later (YYYY-MM-DD).",
                        "schema": {"type": "string", "format": "date"},
                    },
                    {
                        "name": "until",
                        "in": "query",
                        "description": "Rated on this UTC day or earlier (YYYY-MM-DD).",
                        "schema": {"type": "string", "format": "date"},
                    },
                    _LIMIT,
                ],
                "responses": {
                    "200": _json(_ref(schemas.RatingList), "The ratings and their counts."),
                    **_errors("400", "401", "503"),
                },
            }
        },
        **_organization_paths(),
        "/api/sla/report": {
            "get": {
                "operationId": "slaReport",
                "summary": "Met and breached first responses and resolutions of the tickets "
                "opened in a period, per department and priority (as `mailgate sla report "
                "--json`), as of the sla job's last run.",
                "parameters": [
                    {
                        "name": "since",
                        "in": "query",
                        "description": "First day (UTC); default: 30 days before until.",
                        "schema": {"type": "string", "format": "date"},
                    },
                    {
                        "name": "until",
                        "in": "query",
                        "description": "Last day, included (UTC); default: today.",
                        "schema": {"type": "string", "format": "date"},
                    },
                ],
                "responses": {
                    "200": _json(_ref(schemas.SlaReport), "The counts."),
                    **_errors("400", "401", "503"),
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
