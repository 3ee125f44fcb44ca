/// The wallboard page (`GET /ui`): one self-contained HTML file, its CSS and JavaScript inline,
/// nothing loaded from elsewhere, so it works offline and needs no build step. It asks for the
/// bearer token, keeps it in the tab's sessionStorage (gone when the tab closes), reads
/// `GET /wallboard`, then follows `GET /wallboard/stream` with a ticket; its buttons call the
/// API (`POST /agents/{id}/events` logout, `POST /rules/reload`, `POST /campaign/pause|resume`).
enum WallboardPage {
    static let html = #"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>dialer wallboard</title>
        <style>
        body { font: 14px system-ui, sans-serif; margin: 0; background: #f4f5f7; color: #1d2330; }
        header { display: flex; gap: 12px; align-items: center; padding: 8px 16px; background: #1d2330; color: #fff; }
        header h1 { font-size: 16px; margin: 0 12px 0 0; }
        header .spacer { flex: 1; }
        button { font: inherit; padding: 4px 10px; border-radius: 4px; border: 1px solid #888; background: #fff; cursor: pointer; }
        button:disabled { opacity: .4; cursor: default; }
        main { padding: 12px 16px; display: grid; gap: 12px; grid-template-columns: 3fr 1fr; }
        section { background: #fff; border-radius: 6px; padding: 10px 12px; box-shadow: 0 1px 2px #0002; }
        .cards { grid-column: 1 / -1; display: flex; flex-wrap: wrap; gap: 10px; }
        .card { background: #fff; border-radius: 6px; padding: 8px 14px; min-width: 110px; box-shadow: 0 1px 2px #0002; }
        .card b { display: block; font-size: 22px; }
        .card small { color: #666; }
        .card.ok { border-left: 6px solid #2e9d4f; }
        .card.amber { border-left: 6px solid #e0a100; background: #fff6da; }
        .over-mark { display: block; color: #9b1c1c; font-weight: bold; }
        .over-mark[hidden] { display: none; }
        .card.red { border-left: 6px solid #c8283c; background: #ffe1e4; color: #8a1020; }
        #paused-banner { grid-column: 1 / -1; background: #c8283c; color: #fff; padding: 8px 12px; border-radius: 6px; font-weight: bold; }
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; padding: 3px 8px; border-bottom: 1px solid #eee; white-space: nowrap; }
        th { cursor: pointer; user-select: none; position: sticky; top: 0; background: #fff; }
        .scroll { max-height: 60vh; overflow: auto; contain: strict; height: 60vh; }
        .st-ready { color: #2e6fd0; } .st-in_call { color: #2e9d4f; font-weight: bold; } .st-off { color: #888; } .st-inactive { color: #c8283c; }
        #warnings { list-style: none; margin: 0; padding: 0; max-height: 40vh; overflow: auto; font-size: 12px; }
        #warnings li { border-bottom: 1px solid #eee; padding: 3px 0; }
        #warnings code { background: #eef; padding: 0 3px; }
        .error { color: #8a1020; background: #ffe1e4; padding: 6px; border-radius: 4px; white-space: pre-wrap; }
        #msg { min-height: 1.2em; }
        #login { max-width: 360px; margin: 15vh auto; }
        #chart { grid-column: 1 / -1; display: flex; flex-wrap: wrap; gap: 16px; }
        #chart figure { margin: 0; flex: 1; min-width: 320px; }
        #chart figcaption { font-weight: bold; } #chart svg { width: 100%; height: 130px; }
        #chart .axis { stroke: #bbb; stroke-width: 1; } #chart .target { stroke: #c8283c; stroke-dasharray: 4 3; }
        #chart text { font-size: 10px; fill: #666; }
        #chart-utilisation polyline { fill: none; stroke: #2e6fd0; stroke-width: 2; } #chart-utilisation circle { fill: #2e6fd0; }
        #chart-abandon polyline { fill: none; stroke: #c8283c; stroke-width: 2; } #chart-abandon circle { fill: #c8283c; }
        dl { display: grid; grid-template-columns: auto 1fr; gap: 2px 10px; margin: 0; } dt { color: #666; }
        </style>
        </head>
        <body>
        <section id="login" hidden>
          <h2>dialer wallboard</h2>
          <p>The service's bearer token (kept in this tab only):</p>
          <form id="login-form"><input id="token" type="password" autocomplete="off" size="30"> <button id="connect">Connect</button></form>
          <p id="login-error" class="error" hidden></p>
        </section>
        <div id="board" hidden>
        <header>
          <h1>dialer wallboard</h1><span id="live">connecting…</span><span class="spacer"></span>
          <button id="pause">Pause dialing</button><button id="reload">Reload rules</button><button id="forget">Forget token</button>
        </header>
        <main>
          <div id="paused-banner" hidden>Dialing is paused: no new dials; calls in progress go on.</div>
          <div class="cards">
            <div class="card"><span>ready</span><b id="t-ready">0</b></div>
            <div class="card"><span>in call</span><b id="t-in_call">0</b></div>
            <div class="card"><span>inactive</span><b id="t-inactive">0</b></div>
            <div class="card"><span>off</span><b id="t-off">0</b></div>
            <div class="card"><span>dials in flight</span><b id="in-flight">0</b></div>
            <div class="card"><span>dials</span><b id="dials">0</b></div>
            <div class="card"><span>connects</span><b id="connects">0</b></div>
            <div class="card"><span>drops</span><b id="drops">0</b></div>
            <div class="card ok" id="abandon"><span>abandon rate, shift (target <span id="target">3%</span>)</span><b id="abandon-rate">0.00%</b>
              <small class="over-mark" id="abandon-over" hidden>over the target</small></div>
            <div class="card ok" id="abandon-trailing" title="calls answered and dropped in the store's records since the window's start, and this run's">
              <span>abandon rate, <span id="trailing-days">30</span> days</span><b id="trailing-rate">0.00%</b>
              <small id="trailing-counts"></small><small class="over-mark" id="trailing-over" hidden>over the target</small></div>
          </div>
          <section id="chart">
            <figure><figcaption>utilisation per minute (in call ÷ logged in, last 60 min)</figcaption>
              <svg id="chart-utilisation" viewBox="0 0 640 130" preserveAspectRatio="none" role="img"></svg></figure>
            <figure><figcaption>abandon rate per minute (last 60 min; dashed: target)</figcaption>
              <svg id="chart-abandon" viewBox="0 0 640 130" preserveAspectRatio="none" role="img"></svg></figure>
          </section>
          <section>
            <div><input id="filter" placeholder="filter agents (id, status, number)" size="32"> <span id="shown"></span> <span id="msg"></span></div>
            <div class="scroll"><table id="agents">
              <thead><tr><th data-key="agent_id">agent</th><th data-key="status">status</th><th data-key="since">time in status</th>
              <th data-key="cdc">cdc</th><th data-key="in_flight">in flight</th><th data-key="call_number">call</th><th></th></tr></thead>
              <tbody></tbody></table></div>
          </section>
          <div>
            <section><h3>Rules in force</h3><dl><dt>file</dt><dd id="rules-file"></dd><dt>version</dt><dd id="rules-version"></dd>
              <dt>loaded at</dt><dd id="rules-loaded"></dd></dl><p id="reload-error" class="error" hidden></p></section>
            <section><h3>Warnings</h3><ul id="warnings"></ul></section>
          </div>
        </main>
        </div>
        <script>
        "use strict";
        const $ = (id) => document.getElementById(id);
        const state = { snapshot: null, sort: "agent_id", dir: 1, source: null, renders: 0, lastRenderMs: 0 };
        window.wallboard = state;  // for the browser test: its render times, and render itself
        state.render = (snapshot) => render(snapshot);
        const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
        const token = () => sessionStorage.getItem("dialer-token");
        const duration = (s) => { s = Math.max(0, Math.floor(s)); const h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60, r = s % 60;
          return (h ? h + ":" + String(m).padStart(2, "0") : m) + ":" + String(r).padStart(2, "0"); };

        async function api(method, path, body) {
          const headers = { Authorization: "Bearer " + token() };
          if (body !== undefined) headers["Content-Type"] = "application/json";
          const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
          const json = await response.json().catch(() => ({}));
          if (response.status === 401) { showLogin("the token was refused: " + (json.error || "401")); throw new Error("401"); }
          if (!response.ok) throw new Error(json.error || ("HTTP " + response.status));
          return json;
        }

        function showLogin(error) {
          if (state.source) { state.source.close(); state.source = null; }
          sessionStorage.removeItem("dialer-token");
          $("live").textContent = "connecting…";  // until the next stream opens
          $("board").hidden = true; $("login").hidden = false;
          $("login-error").hidden = !error; $("login-error").textContent = error || "";
          $("token").focus();
        }

        async function start() {
          $("login").hidden = true; $("board").hidden = false;
          render(await api("GET", "/wallboard"));
          openStream();
        }

        async function openStream() {
          if (!token()) return;
          try {
            const { ticket } = await api("POST", "/wallboard/ticket");
            const source = new EventSource("/wallboard/stream?ticket=" + encodeURIComponent(ticket));
            state.source = source;
            source.addEventListener("open", () => { $("live").textContent = "live"; });
            source.addEventListener("snapshot", (event) => render(JSON.parse(event.data)));
            // A ticket is spent once: reconnect with a new one, not EventSource's retry.
            source.onerror = () => {
              source.close(); $("live").textContent = "reconnecting…";
              if (state.source === source) setTimeout(openStream, 1000);
            };
          } catch (error) {
            if (token()) { $("live").textContent = "reconnecting…"; setTimeout(openStream, 2000); }
          }
        }

        // Red before the target is crossed (above five sixths of it: 2.5% of 3%), amber above two
        // thirds (2%), so a supervisor acts in time; crossing it adds "over the target" in words.
        function level(rate, target) { return rate > target * 5 / 6 ? "red" : rate > target * 2 / 3 ? "amber" : "ok"; }
        function showLevel(card, mark, rate, target) {
          card.className = "card " + level(rate, target);
          card.dataset.level = level(rate, target);
          card.dataset.over = rate > target;
          mark.hidden = !(rate > target);
        }

        function render(snapshot) {
          const began = performance.now();
          state.snapshot = snapshot;
          for (const status of ["ready", "in_call", "inactive", "off"]) $("t-" + status).textContent = snapshot.totals[status] ?? 0;
          $("in-flight").textContent = snapshot.dials_in_flight;
          const shift = snapshot.shift;
          $("dials").textContent = shift.dials; $("connects").textContent = shift.connects; $("drops").textContent = shift.drops;
          $("abandon-rate").textContent = (shift.abandon_rate * 100).toFixed(2) + "%";
          $("target").textContent = (shift.abandon_target * 100).toFixed(0) + "%";
          showLevel($("abandon"), $("abandon-over"), shift.abandon_rate, shift.abandon_target);
          const trailing = snapshot.trailing;
          $("trailing-rate").textContent = (trailing.abandon_rate * 100).toFixed(2) + "%";
          $("trailing-days").textContent = trailing.days;
          $("trailing-counts").textContent = trailing.drops + " drops / " + trailing.answered + " answered";
          showLevel($("abandon-trailing"), $("trailing-over"), trailing.abandon_rate, shift.abandon_target);
          $("paused-banner").hidden = !snapshot.dialing_paused;
          $("pause").textContent = snapshot.dialing_paused ? "Resume dialing" : "Pause dialing";
          $("rules-file").textContent = snapshot.rules.file; $("rules-version").textContent = snapshot.rules.version;
          $("rules-loaded").textContent = new Date(snapshot.rules.loaded_at * 1000).toLocaleString();
          $("reload-error").hidden = !snapshot.reload_error;
          const failed = snapshot.reload_error;
          const when = failed ? new Date(failed.at * 1000).toLocaleTimeString() : "";
          $("reload-error").textContent = failed ? "last reload refused (" + when + "): " + failed.message : "";
          $("warnings").innerHTML = snapshot.warnings.slice().reverse().map((w) =>
            `<li>${new Date(w.at * 1000).toLocaleTimeString()} <code>${esc(w.code)}</code> ${esc(w.agent_id)}` +
            `${w.message ? ": " + esc(w.message) : ""}</li>`).join("");
          renderChart($("chart-utilisation"), snapshot.minutes || [], "utilisation", 1, null);
          const worst = Math.max(0, ...(snapshot.minutes || []).map((m) => m.abandon_rate));
          renderChart($("chart-abandon"), snapshot.minutes || [], "abandon_rate", Math.max(shift.abandon_target * 2, worst), shift.abandon_target);
          renderAgents();
          document.body.offsetHeight;  // the layout is part of the render time measured
          state.lastRenderMs = performance.now() - began;
          state.renders += 1;
        }

        // A line of one field of the minutes, the last 60 minutes ending with the newest, scaled 0..top.
        function renderChart(svg, minutes, field, top, target) {
          const left = 40, width = 590, height = 110, base = 10 + height;
          const newest = minutes.length ? minutes[minutes.length - 1].start : 0;
          const x = (m) => left + ((m.start - newest) / 60 + 59) / 59 * width;
          const y = (v) => base - Math.min(v / top, 1) * height;
          const pct = (v) => (v * 100).toFixed(top < 0.1 ? 1 : 0) + "%";
          const points = minutes.map((m) => x(m).toFixed(1) + "," + y(m[field]).toFixed(1));
          svg.innerHTML =
            `<line class="axis" x1="${left}" y1="${base}" x2="${left + width}" y2="${base}"/>` +
            `<line class="axis" x1="${left}" y1="10" x2="${left}" y2="${base}"/>` +
            `<text x="0" y="14">${pct(top)}</text><text x="0" y="${base}">0%</text>` +
            `<text x="${left}" y="129">-60 min</text><text x="${left + width - 24}" y="129">now</text>` +
            (target === null ? "" : `<line class="target" x1="${left}" y1="${y(target)}" x2="${left + width}" y2="${y(target)}"/>`) +
            `<polyline points="${points.join(" ")}"/>` +
            minutes.map((m, i) => `<circle r="2.5" cx="${points[i].split(",")[0]}" cy="${points[i].split(",")[1]}">` +
              `<title>${new Date(m.start * 1000).toLocaleTimeString()}: ${pct(m[field])}</title></circle>`).join("");
          svg.dataset.points = minutes.length;
        }

        function renderAgents() {
          if (!state.snapshot) return;
          const filter = $("filter").value.trim().toLowerCase();
          const now = Date.now() / 1000, key = state.sort, dir = state.dir;
          const shown = (a) => !filter || [a.agent_id, a.status, a.call_number || ""].some((v) => v.toLowerCase().includes(filter));
          const rows = state.snapshot.agents.filter(shown);
          rows.sort((a, b) => { const x = a[key] ?? "", y = b[key] ?? ""; return (x < y ? -1 : x > y ? 1 : 0) * dir; });
          $("agents").tBodies[0].innerHTML = rows.map((a) =>
            `<tr data-agent="${esc(a.agent_id)}"><td>${esc(a.agent_id)}</td><td class="status st-${esc(a.status)}">${esc(a.status)}</td>` +
            `<td class="since" data-since="${a.since}">${duration(now - a.since)}</td><td>${a.cdc}</td><td>${a.in_flight}</td>` +
            `<td class="call">${esc(a.call_number || "")}</td>` +
            `<td><button class="logout" ${a.status === "off" ? "disabled" : ""}>log out</button></td></tr>`).join("");
          $("shown").textContent = rows.length + " of " + state.snapshot.agents.length + " agents";
        }

        async function act(what, call) {
          $("msg").textContent = what + "…";
          try { await call(); $("msg").textContent = what + ": done"; render(await api("GET", "/wallboard")); }
          catch (error) { $("msg").textContent = what + " refused: " + (error.message === "401" ? "the token was refused" : error.message); }
        }

        $("login-form").addEventListener("submit", (event) => {
          event.preventDefault();
          sessionStorage.setItem("dialer-token", $("token").value);
          $("token").value = "";
          start().catch(() => {});
        });
        $("forget").addEventListener("click", () => showLogin());
        $("pause").addEventListener("click", () => {
          const paused = state.snapshot && state.snapshot.dialing_paused;
          act(paused ? "resume dialing" : "pause dialing", () => api("POST", paused ? "/campaign/resume" : "/campaign/pause"));
        });
        $("reload").addEventListener("click", () => act("reload rules", () => api("POST", "/rules/reload")));
        $("agents").addEventListener("click", (event) => {
          if (event.target.classList.contains("logout")) {
            const id = event.target.closest("tr").dataset.agent;
            act("log out " + id, () => api("POST", "/agents/" + encodeURIComponent(id) + "/events", { event: "logout" }));
          } else if (event.target.dataset.key) {
            const key = event.target.dataset.key;
            state.dir = state.sort === key ? -state.dir : 1; state.sort = key; renderAgents();
          }
        });
        $("filter").addEventListener("input", renderAgents);
        // Time in status moves every second without a snapshot.
        setInterval(() => {
          const now = Date.now() / 1000;
          for (const cell of document.querySelectorAll("td.since")) cell.textContent = duration(now - Number(cell.dataset.since));
        }, 1000);
        if (token()) start().catch(() => {}); else showLogin();
        </script>
        </body>
        </html>
        """#
}
