"""api: the HTTP interface of ``mailgate run`` — the JSON API for helpdesk front ends
(``/api/``), bearer tokens, and its OpenAPI document."""
