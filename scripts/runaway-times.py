#!/usr/bin/env python3
"""Times each runaway payload of the reliability issue in `dialer check` (at the top of a copy of
rules/default.lua), `dialer replay` (in off x login) and `dialer serve` (in off x keep_alive, then
at the top of the file on POST /rules/reload), probing /health throughout, then SIGTERM.
Usage: scripts/runaway-times.py [DIALER (default .build/release/dialer)]   (from the repository root)
Every time printed is a whole request or process; the bound the issue sets is one second."""
import json, re, signal, subprocess, sys, tempfile, threading, time, urllib.error, urllib.request

DIALER = sys.argv[1] if len(sys.argv) > 1 else ".build/release/dialer"
PAYLOADS = [
    ("find .-", 'local _ = ("a"):rep(30000):find((".-"):rep(20) .. "b")'),
    ("match .-", 'local _ = ("a"):rep(30000):match((".-"):rep(20) .. "b")'),
    ("gsub .-", 'local _ = ("a"):rep(30000):gsub((".-"):rep(20) .. "b", "")'),
    ("gmatch a?", 'for _ in ("a"):rep(200):gmatch(("a?"):rep(40) .. ("a"):rep(40)) do end'),
    ("find a?", 'local _ = ("a"):rep(40):find(("a?"):rep(40) .. ("a"):rep(40))'),
    ("rep empty", 'local _ = string.rep("", math.maxinteger)'),
    ("move huge", "table.move({}, 1, math.maxinteger, 1)"),
    ("__gc loop", "local _ = setmetatable({}, { __gc = function() while true do end end }) for _ = 1, 1e5 do local _ = {} end"),
    ("concat C __index", 'local _ = table.concat(setmetatable({}, { __index = table.concat }), "", 1, math.maxinteger)'),
    ("insert __len", "table.insert(setmetatable({}, { __len = function() return math.maxinteger - 1 end }), 1, 0)"),
    ("remove __len", "table.remove(setmetatable({}, { __len = function() return math.maxinteger - 1 end }), 1)"),
    ("while true", "while true do end"),
    ("upper loop", 'local s = ("x"):rep(4000000) for _ = 1, 1e9 do local _ = s:upper() end'),
    ("pcall swallow", 'while true do pcall(string.rep, "", math.maxinteger) pcall(table.move, {}, 1, math.maxinteger, 1) end'),
    ("sort C cmp", "local t = {} for i = 1, 300000 do t[i] = i % 7 end for _ = 1, 1e9 do table.sort(t, math.ult) end"),
]
work = tempfile.mkdtemp()
base = open("rules/default.lua").read() + "\nLEADS = { hours = false }\n"


def timed(argv):
    start = time.monotonic()
    out = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    return (time.monotonic() - start) * 1000, out.stdout + out.stderr


def start_serve(rules):
    open(f"{work}/token", "w").write("runaway-times-token")
    echo = subprocess.Popen([DIALER, "webhook-echo", "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    echo_port = re.search(r":(\d+)", echo.stdout.readline()).group(1)
    serve = subprocess.Popen([DIALER, "serve", "--store", f"sqlite:{work}/d.sqlite", "--rules", rules, "--token-file", f"{work}/token",
                              "--webhook", f"http://127.0.0.1:{echo_port}/t", "--port", "0", "--watch-interval", "0"],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    return echo, serve, "http://127.0.0.1:" + re.search(r":(\d+)", serve.stdout.readline()).group(1)


def call(base_url, method, path, body=None, token=True):
    request = urllib.request.Request(base_url + path, method=method, data=None if body is None else json.dumps(body).encode())
    if token: request.add_header("Authorization", "Bearer runaway-times-token")
    request.add_header("Content-Type", "application/json")
    start = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=30) as reply: status, text = reply.status, reply.read().decode()
    except urllib.error.HTTPError as error: status, text = error.code, error.read().decode()
    return status, text, (time.monotonic() - start) * 1000


rules = f"{work}/rules.lua"
open(rules, "w").write(base)
echo, serve, url = start_serve(rules)
call(url, "POST", "/agents", {"agent_id": "a1"})
health = {"probes": 0, "slowest": 0.0, "not_ok": 0, "stop": False}


def probe():
    while not health["stop"]:
        status, _, ms = call(url, "GET", "/health", token=False)
        health["probes"] += 1; health["slowest"] = max(health["slowest"], ms); health["not_ok"] += status != 200
        time.sleep(0.05)


prober = threading.Thread(target=probe); prober.start()
print(f"{'payload':18} {'check':>8} {'replay':>8} {'event':>8} {'reload':>8}  stopped by")
for name, code in PAYLOADS:
    top = f"{work}/top.lua"; open(top, "w").write(base.replace("KEEP_ALIVE_INTERVAL = 60\n", f"KEEP_ALIVE_INTERVAL = 60\n{code}\n", 1))
    in_login = f"{work}/handler.lua"; open(in_login, "w").write(base.replace("  login = function(agent)\n", f"  login = function(agent)\n    {code}\n", 1))
    scenario = f"{work}/scenario.lua"; open(scenario, "w").write(f'rules "{in_login}"\nleads {{ "+12125550100", "+12125550101" }}\nagent "a1"\nlogin "a1"\n')
    check_ms, check_out = timed([DIALER, "check", top])
    replay_ms, _ = timed([DIALER, "replay", scenario])
    open(rules, "w").write(base.replace("  keep_alive = ignore,", f"  keep_alive = function() {code} end,", 1))
    call(url, "POST", "/rules/reload", "")
    _, _, event_ms = call(url, "POST", "/agents/a1/events", {"event": "keep_alive"})
    open(rules, "w").write(base + f"\n{code}\n")
    _, _, reload_ms = call(url, "POST", "/rules/reload", "")
    why = re.sub(r"^.*?\.lua:\d+: ", "", check_out.splitlines()[0])[:58] if check_out else ""
    print(f"{name:18} {check_ms:6.0f}ms {replay_ms:6.0f}ms {event_ms:6.0f}ms {reload_ms:6.0f}ms  {why}")
open(rules, "w").write(base)
call(url, "POST", "/rules/reload", "")
status, text, _ = call(url, "POST", "/agents/a1/events", {"event": "login"})
print("login after them:", status, json.loads(text)["agent"]["status"])
health["stop"] = True; prober.join()
print(f"/health: {health['probes']} probes, {health['not_ok']} not 200, slowest {health['slowest']:.1f} ms")
start = time.monotonic(); serve.send_signal(signal.SIGTERM); code = serve.wait(10)
print(f"SIGTERM: exit {code} after {(time.monotonic() - start) * 1000:.0f} ms")
echo.kill()
