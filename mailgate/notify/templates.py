"""Mail templates: sandboxed jinja2, one folder per event.

``<event>/subject.txt``, ``body.txt`` and ``body.html``, shipped inside the package
(``mailgate/templates``, read with importlib.resources, so a wheel, a ``--prefix``
install, a virtual environment and a checkout all find them) under an admin's folder of
overrides (``[templates] directory``).  A department or language may override any of
them: the lookup order is ``<department>/<language>/``, ``<department>/``,
``<language>/``, then the top level, in the overrides and then in the shipped ones.
Templates are edited by admins, so they run in jinja2's sandbox (no attribute access to
Python internals); HTML parts escape every variable.  A template that fails is reported
with its name and line, and nothing half-rendered leaves.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import markupsafe

# jinja2 is imported where a template is first rendered: a command or a batch that
# sends no mail does without it.
if TYPE_CHECKING:
    import jinja2

from mailgate.errors import TemplateError
from mailgate.languages import direction

# The events mailgate renders mail for.
TEMPLATE_NAMES = (
    "ticket_opened",
    "agent_reply",
    "status_changed",
    "ticket_closed",
    "agent_alert",
    "department_changed",
    "agent_note",
    "rating_request",
    "sla_warning",
    "sla_breach",
    "ticket_merged",
    "ticket_split",
)

# The events whose mail goes to the client: shipped in every language of
# ``mailgate/templates/<language>/``.  The others go to agents, in English.
CLIENT_TEMPLATES = (
    "ticket_opened",
    "agent_reply",
    "status_changed",
    "ticket_closed",
    "department_changed",
    "rating_request",
    "ticket_merged",
    "ticket_split",
)
# The events whose mail goes to the team: written in ``[helpdesk] language``.
AGENT_TEMPLATES = ("agent_alert", "agent_note", "sla_warning", "sla_breach")

# The languages the client's templates are shipped in besides English (the top level).
SHIPPED_LANGUAGES = ("ko", "fa", "th")

# Agents' canned answers: templates an agent may answer with besides ``agent_reply``,
# folders named ``answer_<name>`` (with the same parts and variables as ``agent_reply``).
ANSWER_PREFIX = "answer_"
# A template's folder name, as the API accepts it.
TEMPLATE_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")


def shipped_templates() -> Traversable:
    """The default templates, wherever the package was installed."""
    return resources.files("mailgate") / "templates"


def _folders(folders: list[Traversable]) -> jinja2.BaseLoader:
    """Templates from folders in order, each a directory or a package's resource folder
    (a Traversable, which need not be on the file system: a zipped package's is not)."""
    import jinja2
    from jinja2.loaders import split_template_path

    def source(template: str) -> tuple[str, str, Callable[[], bool]] | None:
        pieces = split_template_path(template)  # refuses ".." and absolute names
        for folder in folders:
            found = folder
            for piece in pieces:
                found = found / piece
            if found.is_file():
                # Templates are read once per Templates object; SIGHUP builds a new one.
                return found.read_text(encoding="utf-8"), str(found), lambda: True
        return None  # the loader raises jinja2.TemplateNotFound

    return jinja2.FunctionLoader(source)


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str | None


class Templates:
    """Templates from ``directory`` (an admin's overrides) and then the shipped ones."""

    def __init__(self, directory: str | Path | None = None) -> None:
        self.directories: list[Traversable] = [Path(directory)] if directory else []
        self.directories.append(shipped_templates())
        # The text and the HTML environment, made at the first rendering.
        self._environments: tuple[jinja2.Environment, jinja2.Environment] | None = None
        self._chosen: dict[tuple[object, ...], jinja2.Template] = {}

    def _environment(self, html: bool) -> jinja2.Environment:
        if self._environments is None:
            import jinja2
            from jinja2.sandbox import ImmutableSandboxedEnvironment

            common: dict[str, Any] = {
                "loader": _folders(self.directories),
                "undefined": jinja2.StrictUndefined,
                "keep_trailing_newline": False,
                "auto_reload": False,
            }
            text_env = ImmutableSandboxedEnvironment(autoescape=False, **common)
            html_env = ImmutableSandboxedEnvironment(autoescape=True, **common)
            html_env.filters["paragraphs"] = paragraphs
            text_env.filters["ltr"] = ltr_text
            html_env.filters["ltr"] = ltr_html
            text_env.filters["isolate"] = isolate_text
            # RIGHT-TO-LEFT MARK: begins a right-to-left line that may begin with a Latin
            # name (programs set a paragraph's direction by its first strong letter, and
            # HTML's dir="auto" does not skip isolates to find it).
            text_env.globals["RLM"] = RLM
            html_env.filters["isolate"] = isolate_html
            self._environments = (text_env, html_env)
        return self._environments[1 if html else 0]

    @staticmethod
    def _prefixes(department: str | None, language: str | None) -> list[tuple[str, ...]]:
        """The folders a template is looked up in, most specific first."""
        prefixes: list[tuple[str, ...]] = []
        if department and language:
            prefixes.append((department, language))
        if department:
            prefixes.append((department,))
        if language:
            prefixes.append((language,))
        prefixes.append(())
        return prefixes

    def _candidates(
        self, name: str, part: str, department: str | None, language: str | None
    ) -> list[str]:
        return ["/".join((*p, name, part)) for p in self._prefixes(department, language)]

    def exists(self, name: str) -> bool:
        return any((d / name / "subject.txt").is_file() for d in self.directories)

    def answers(self, department: str | None = None, language: str | None = None) -> list[str]:
        """The canned answers (``answer_*`` folders with a ``subject.txt``) found where
        a template of ``department`` in ``language`` is looked up, sorted by name."""
        found: set[str] = set()
        for prefix in self._prefixes(department, language):
            for directory in self.directories:
                folder = directory
                for piece in prefix:
                    folder = folder / piece
                if not folder.is_dir():
                    continue
                for entry in folder.iterdir():
                    name = entry.name
                    if (
                        name.startswith(ANSWER_PREFIX)
                        and TEMPLATE_NAME.fullmatch(name)
                        and (entry / "subject.txt").is_file()
                    ):
                        found.add(name)
        return sorted(found)

    def render(
        self,
        name: str,
        context: dict[str, Any],
        *,
        department: str | None = None,
        language: str | None = None,
    ) -> Rendered:
        # Every part may say which language and direction it is written in: the HTML
        # page's <html lang dir> (layout.html) does.
        written = language or "en"
        context = {"language": written, "direction": direction(written)} | context
        text_env, html_env = self._environment(html=False), self._environment(html=True)
        rendered = self._render(
            text_env, name, "subject.txt", context, department, language, required=True
        )
        assert rendered is not None
        subject = " ".join(rendered.split())
        # The bodies may name the subject: the HTML page's <title> (layout.html) does.
        context = context | {"subject": subject}
        text = self._render(
            text_env, name, "body.txt", context, department, language, required=True
        )
        html = self._render(
            html_env, name, "body.html", context, department, language, required=False
        )
        assert text is not None
        return Rendered(subject, text.strip("\n") + "\n", html)

    def _render(
        self,
        env: jinja2.Environment,
        name: str,
        part: str,
        context: dict[str, Any],
        department: str | None,
        language: str | None,
        *,
        required: bool,
    ) -> str | None:
        import jinja2

        candidates = self._candidates(name, part, department, language)
        key = (env.autoescape, name, part, department, language)
        try:
            # Which override applies is looked up once: jinja2 caches the templates it
            # found, not the file names it did not find.
            template = self._chosen.get(key)
            if template is None:
                template = self._chosen[key] = env.select_template(candidates)
        except jinja2.TemplatesNotFound:
            if required:
                raise TemplateError(
                    f"template {name}/{part} not found in "
                    f"{', '.join(str(d) for d in self.directories)} "
                    f"(looked for {', '.join(candidates)})"
                ) from None
            return None
        except jinja2.TemplateSyntaxError as e:
            raise TemplateError(f"{e.filename or e.name}:{e.lineno}: {e.message}") from None
        try:
            return template.render(context)
        except jinja2.TemplateError as e:
            line = _template_line(e, template.filename)
            where = f"{template.filename}:{line}" if line else str(template.filename)
            raise TemplateError(f"{where}: {e}") from None


def paragraphs(text: str) -> markupsafe.Markup:
    """Plain text as HTML: escaped, blank lines between paragraphs, line breaks kept."""
    blocks = [b for b in str(text).replace("\r\n", "\n").split("\n\n") if b.strip()]
    return markupsafe.Markup("").join(
        markupsafe.Markup("<p>{}</p>").format(
            markupsafe.Markup("<br>\n").join(markupsafe.escape(line) for line in b.split("\n"))
        )
        for b in blocks
    )


# Unicode's LEFT-TO-RIGHT ISOLATE, FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE
# (UAX #9 §2.4).
LRI, FSI, PDI = "\u2066", "\u2068", "\u2069"
RLM = "\u200f"


def ltr_text(value: object) -> str:
    """A run written left to right (a ticket token, an address, a number) kept whole in a
    right-to-left text: in a Persian sentence ``#[12]`` would otherwise show as
    ``[12]#``.  Mail programs that know no isolates show nothing for them."""
    return f"{LRI}{value}{PDI}"


def ltr_html(value: object) -> markupsafe.Markup:
    """The same in HTML: an element with ``dir`` isolates its content (HTML §3.2.6.4)."""
    return markupsafe.Markup('<span dir="ltr">{}</span>').format(value)


def isolate_text(value: object) -> str:
    """A run in whichever direction its own letters take (a name, a subject), that
    neither turns the paragraph around nor takes the punctuation beside it: a Persian
    line that begins with a Latin name would otherwise be shown left to right."""
    return f"{FSI}{value}{PDI}"


def isolate_html(value: object) -> markupsafe.Markup:
    """The same in HTML: ``<bdi>`` (HTML §4.5.24)."""
    return markupsafe.Markup("<bdi>{}</bdi>").format(value)


def _template_line(error: BaseException, filename: str | None) -> int | None:
    """The line of the template where rendering failed, from the traceback jinja2 rewrote
    to point into the template source."""
    tb = error.__traceback__
    line = None
    while tb is not None:
        if filename and tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
