// mailgate console: live updates, presence, and a few conveniences.  No framework; the
// pages work without it (it only spares reloads).
"use strict";
(function () {
  const body = document.body;
  const csrf = body.dataset.csrf || "";
  const region = document.querySelector("[data-latest-event]");
  const interval = Math.max(1000, Number(body.dataset.liveInterval || "2") * 1000);
  if (!region || !csrf) { return; }
  let latest = Number(region.dataset.latestEvent || "0");
  const ticket = region.dataset.ticket;
  // Where a fresh copy of the page is read: its own address, unless the page answered a
  // form (a refused answer keeps its draft at /tickets/N/reply, which is POST only).
  const source = region.dataset.source || location.href;

  function swap(html) {
    // Replace the page's live parts with the same parts of a fresh copy of the page;
    // forms being written in are left alone.
    const fresh = new DOMParser().parseFromString(html, "text/html");
    for (const id of ["queue-region", "thread", "history", "participants", "nav"]) {
      const now = document.getElementById(id);
      const next = fresh.getElementById(id);
      if (now && next) {
        const open = new Set([...now.querySelectorAll("details[open]")].map((d) => d.id));
        const checked = new Set([...now.querySelectorAll("input[name=ticket]:checked")]
          .map((i) => i.value));
        // The messages a stale answer's page marked as new stay marked.
        const marked = new Set([...now.querySelectorAll("article.new")].map((a) => a.id));
        now.replaceWith(next);
        for (const d of next.querySelectorAll("details")) { if (open.has(d.id)) { d.open = true; } }
        for (const a of next.querySelectorAll("article")) {
          if (marked.has(a.id)) { a.classList.add("new"); }
        }
        for (const i of next.querySelectorAll("input[name=ticket]")) {
          if (checked.has(i.value)) { i.checked = true; }
        }
      }
    }
    wire();
  }

  async function poll() {
    try {
      const r = await fetch("/live", { headers: { "Accept": "application/json" }, credentials: "same-origin" });
      if (r.ok) {
        const live = await r.json();
        for (const [name, n] of Object.entries(live.counts)) {
          const el = document.querySelector(`#nav-${name} .count`);
          if (el) { el.textContent = String(n); }
        }
        if (live.event > latest) {
          // Marked as the page's own request: it keeps no session from ending as idle.
          const page = await fetch(source, {
            credentials: "same-origin", headers: { "X-Console-Refresh": "1" },
          });
          // Only once shown: a page that failed to come is asked for again next time.
          if (page.ok) { swap(await page.text()); latest = live.event; }
        }
      }
    } catch (e) { /* the next poll tries again */ }
    setTimeout(poll, interval);
  }

  // -- presence: who else has this ticket open, and who is writing ---------------------
  let lastTyped = 0;
  async function present(leaving) {
    const form = new FormData();
    form.set("csrf", csrf);
    form.set("writing", Date.now() - lastTyped < 15000 ? "1" : "0");
    if (leaving) {
      navigator.sendBeacon(`/tickets/${ticket}/presence/leave`, form);
      return;
    }
    try {
      const r = await fetch(`/tickets/${ticket}/presence`, {
        method: "POST", body: form, credentials: "same-origin",
        headers: { "X-CSRF-Token": csrf, "Accept": "application/json" },
      });
      if (r.ok) { showColleagues((await r.json()).colleagues); }
    } catch (e) { /* the next report tries again */ }
  }
  function showColleagues(colleagues) {
    const box = document.getElementById("presence");
    if (!box) { return; }
    const list = box.querySelector(".colleagues");
    list.replaceChildren();
    for (const c of colleagues) {
      const item = document.createElement("span");
      item.className = "colleague" + (c.writing ? " writing" : "");
      item.dataset.agent = c.agent;
      item.textContent = c.name || c.agent;
      list.appendChild(item);
    }
    box.querySelector(".alone").hidden = colleagues.length > 0;
  }

  function wire() {
    for (const a of document.querySelectorAll("a.show-html:not([data-wired])")) {
      a.dataset.wired = "1";
      a.addEventListener("click", (ev) => {
        ev.preventDefault();
        const frame = document.createElement("iframe");
        frame.className = "html-frame";
        frame.setAttribute("sandbox", "");
        frame.setAttribute("referrerpolicy", "no-referrer");
        frame.title = "The message as its sender formatted it";
        frame.src = a.href;
        a.replaceWith(frame);
      });
    }
    for (const box of document.querySelectorAll("#bulk-all:not([data-wired])")) {
      box.dataset.wired = "1";
      box.addEventListener("change", () => {
        for (const i of document.querySelectorAll("input[name=ticket]")) { i.checked = box.checked; }
      });
    }
  }
  wire();

  const text = document.querySelector("#reply textarea[name=body]");
  if (text) { text.addEventListener("input", () => { lastTyped = Date.now(); }); }
  if (ticket) {
    present(false);
    // Presence is written to the database: every other live interval is enough (a
    // colleague counts as gone after [console] presence_timeout without a report).
    setInterval(() => present(false), Math.max(2 * interval, 2000));
    window.addEventListener("pagehide", () => present(true));
  }
  setTimeout(poll, interval);
})();

// The preview of an answer, fetched without leaving the page (the files stay chosen).
(function () {
  const form = document.getElementById("reply");
  if (!form) { return; }
  form.addEventListener("submit", async (ev) => {
    const button = ev.submitter;
    if (!button || button.value !== "preview" || form.dataset.plain) { return; }
    ev.preventDefault();
    const data = new FormData(form);
    data.set("action", "preview");
    // form.action would be the buttons named "action" (a RadioNodeList), not the URL.
    const r = await fetch(form.getAttribute("action"), {
      method: "POST", body: data, credentials: "same-origin",
      headers: { "X-Fragment": "preview", "X-CSRF-Token": document.body.dataset.csrf || "" },
    });
    const region = document.getElementById("preview-region");
    if (r.ok) {
      region.innerHTML = await r.text();
    } else {
      // A refusal (an empty answer, a template that fails): the page says why.
      form.dataset.plain = "1";
      form.requestSubmit(button);
    }
  });
})();
