"""The wallboard in a real browser (run by scripts/browser-test.sh, which starts the service).

Chromium (the CHROMIUM binary) driven by Playwright. Each step asserts what the page
shows within a bound that guards against hanging (the page is at most a second behind).
"""

import json
import os
import random
import sys
import time
import urllib.error
import urllib.request

from playwright.sync_api import expect, sync_playwright

BASE = os.environ["WALLBOARD_BASE"]
TOKEN = os.environ["WALLBOARD_TOKEN"]
ECHO = os.environ["WALLBOARD_ECHO"]
SHOTS = os.environ["WALLBOARD_SHOTS"]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
LIVE = 5000  # ms: the page is a second behind at most; this only bounds a hang


def api(method, path, body=None):
    """A request with the bearer token; the JSON answer."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(BASE + path, data=data, method=method, headers={"Authorization": "Bearer " + TOKEN})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read() or b"{}")


def dials(reply):
    """The dial ids an event reply's steps placed."""
    return [dial["dial_id"] for step in reply.get("steps", []) for dial in step.get("dials", [])]


def webhook_dials():
    """Dial requests webhook-echo printed so far."""
    with open(ECHO) as echo:
        return [line for line in echo if '"type":"dial"' in line]


def step(name):
    print(f"ok    {name}", flush=True)


def connect_cycle(ringing, drop=False):
    """a1 takes the first ringing dial; the second fails (or, with drop, answers and is dropped); the call ends."""
    api("POST", f"/dials/{ringing[0]}/events", {"event": "call_start"})
    if drop:
        api("POST", f"/dials/{ringing[1]}/events", {"event": "call_start"})
    else:
        api("POST", f"/dials/{ringing[1]}/events", {"event": "call_fail", "reason": "busy"})
    return dials(api("POST", f"/dials/{ringing[0]}/events", {"event": "call_end"}))


def log_in_on_the_page(page):
    page.goto(BASE + "/ui")
    expect(page.locator("#login")).to_be_visible()
    expect(page.locator("#board")).to_be_hidden()
    page.fill("#token", "not-the-token")
    page.click("#connect")
    expect(page.locator("#login-error")).to_contain_text("refused")
    page.fill("#token", TOKEN)
    page.click("#connect")
    expect(page.locator("#board")).to_be_visible()
    expect(page.locator("#live")).to_have_text("live", timeout=LIVE)
    step("the page refuses a wrong token and connects with the right one")


def ready_then_in_call(page):
    api("POST", "/agents", {"agent_id": "a1"})
    api("POST", "/agents", {"agent_id": "a2"})
    api("POST", "/leads", {"numbers": [f"+1212555{n:04d}" for n in range(1000, 1300)]})
    row = page.locator('tr[data-agent="a1"]')
    expect(row.locator("td.status")).to_have_text("off", timeout=LIVE)
    ringing = dials(api("POST", "/agents/a1/events", {"event": "login"}))
    expect(row.locator("td.status")).to_have_text("ready", timeout=LIVE)
    expect(page.locator("#in-flight")).to_have_text("2", timeout=LIVE)
    api("POST", f"/dials/{ringing[0]}/events", {"event": "call_start"})
    expect(row.locator("td.status")).to_have_text("in_call", timeout=LIVE)
    expect(row.locator("td.call")).to_have_text("+12125551000", timeout=LIVE)
    page.screenshot(path=f"{SHOTS}/1-agent-in-call.png", full_page=True)
    api("POST", f"/dials/{ringing[1]}/events", {"event": "call_fail", "reason": "busy"})
    step("a1 goes ready -> in_call on the page as events are posted")
    return dials(api("POST", f"/dials/{ringing[0]}/events", {"event": "call_end"}))


def abandon_turns_red(page, ringing):
    # 43 answered calls without a drop (a1 took one already); a drop cycle answers two and drops one:
    # 1 of 45 (2.22%: amber), 2 of 47 (4.26%: red, over the target), then 25 more connects bring it
    # to 2 of 72 (2.78%): still red, before the target is crossed.
    for _ in range(42):
        ringing = connect_cycle(ringing)
    cell = page.locator("#abandon")
    expect(page.locator("#connects")).to_have_text("43", timeout=LIVE)
    expect(cell).to_have_attribute("data-level", "ok")
    ringing = connect_cycle(ringing, drop=True)
    expect(page.locator("#abandon-rate")).to_have_text("2.22%", timeout=LIVE)
    expect(cell).to_have_attribute("data-level", "amber")
    # The store was empty at start: the 30-day window holds this run's calls only, the same rate.
    trailing = page.locator("#abandon-trailing")
    expect(page.locator("#trailing-rate")).to_have_text("2.22%", timeout=LIVE)
    expect(page.locator("#trailing-counts")).to_have_text("1 drops / 45 answered")
    expect(trailing).to_have_attribute("data-level", "amber")
    page.screenshot(path=f"{SHOTS}/2-abandon-amber.png", full_page=True)
    ringing = connect_cycle(ringing, drop=True)
    expect(page.locator("#abandon-rate")).to_have_text("4.26%", timeout=LIVE)
    expect(cell).to_have_attribute("data-level", "red")
    expect(page.locator("#abandon-over")).to_be_visible()
    expect(page.locator("#trailing-rate")).to_have_text("4.26%", timeout=LIVE)
    expect(trailing).to_have_attribute("data-level", "red")
    color = cell.evaluate("c => getComputedStyle(c).backgroundColor")
    assert color == "rgb(255, 225, 228)", f"the abandon cell is not red: {color}"
    for _ in range(25):
        ringing = connect_cycle(ringing)
    expect(page.locator("#abandon-rate")).to_have_text("2.78%", timeout=LIVE)
    expect(cell).to_have_attribute("data-level", "red")
    expect(page.locator("#abandon-over")).to_be_hidden()
    expect(page.locator("#warnings")).to_contain_text("call_start_while_in_call")
    chart_has_points(page)
    page.screenshot(path=f"{SHOTS}/3-abandon-red.png", full_page=True)
    step("the abandon cells (shift, 30 days) turn amber above 2%, red above 2.5% (before the 3% is crossed), and say when it is")
    return ringing


def chart_has_points(page):
    """The per-minute chart: inline SVG drawn by the page, a point per minute of the snapshot."""
    for chart in ["#chart-utilisation", "#chart-abandon"]:
        expect(page.locator(f"{chart} polyline")).to_have_count(1, timeout=LIVE)
        minutes = page.evaluate("() => window.wallboard.snapshot.minutes.length")
        assert minutes >= 1, f"no minute in the snapshot: {minutes}"
        expect(page.locator(f"{chart} circle")).to_have_count(minutes)
        points = page.locator(f"{chart} polyline").get_attribute("points")
        assert points and len(points.split(" ")) == minutes, f"{chart}: points {points!r} for {minutes} minutes"
    # The drops above are in this minute's own abandon rate (or the last one's, at a minute's turn).
    worst = page.evaluate("() => Math.max(...window.wallboard.snapshot.minutes.map((m) => m.drops))")
    assert worst >= 1, "no drop in the chart's minutes"
    step("the per-minute chart draws a point per minute of utilisation and abandon rate")


def pause_from_the_page(page, ringing):
    page.click("#pause")
    expect(page.locator("#paused-banner")).to_be_visible(timeout=LIVE)
    expect(page.locator("#pause")).to_have_text("Resume dialing")
    assert api("GET", "/campaign")["dialing_paused"] is True
    before = len(webhook_dials())
    reply = api("POST", "/agents/a2/events", {"event": "login"})
    assert dials(reply) == [], f"a2 dialed while paused: {reply}"
    messages = [w["message"] for s in reply["steps"] for w in s["warnings"]]
    assert any("dialing is paused" in m for m in messages), messages
    # a1's ringing dials end; its rules dial again and get nothing.
    api("POST", f"/dials/{ringing[0]}/events", {"event": "call_fail", "reason": "no_answer"})
    api("POST", f"/dials/{ringing[1]}/events", {"event": "call_fail", "reason": "no_answer"})
    expect(page.locator('tr[data-agent="a2"] td.status')).to_have_text("ready", timeout=LIVE)
    expect(page.locator("#in-flight")).to_have_text("0", timeout=LIVE)
    expect(page.locator("#warnings")).to_contain_text("dialing is paused")
    time.sleep(1)  # the webhook sender posts right after each commit: any dial would be there by now
    assert len(webhook_dials()) == before, "a dial request reached the webhook while paused"
    page.screenshot(path=f"{SHOTS}/4-paused.png", full_page=True)
    page.click("#pause")
    expect(page.locator("#paused-banner")).to_be_hidden(timeout=LIVE)
    assert api("GET", "/campaign")["dialing_paused"] is False
    page.locator('tr[data-agent="a2"] button.logout').click()
    expect(page.locator('tr[data-agent="a2"] td.status')).to_have_text("off", timeout=LIVE)
    assert len(dials(api("POST", "/agents/a2/events", {"event": "login"}))) == 2
    step("pausing from the page stops dial requests at the webhook; resuming and a new login dial again")


def wrong_token_cannot_act(page):
    """With a wrong token in the tab (as after the service's token changed), the page's pause,
    log-out and reload buttons are refused with 401 and change nothing; the page asks for the
    token again. With the right one, the reload goes through."""
    actions = [
        ("#pause", "pause dialing refused: the token was refused"),
        ('tr[data-agent="a2"] button.logout', "log out a2 refused: the token was refused"),
        ("#reload", "reload rules refused: the token was refused"),
    ]
    for button, message in actions:
        page.evaluate("() => sessionStorage.setItem('dialer-token', 'not-the-token')")
        page.click(button)
        expect(page.locator("#login")).to_be_visible(timeout=LIVE)
        expect(page.locator("#login-error")).to_contain_text("the token was refused")
        assert api("GET", "/campaign")["dialing_paused"] is False, f"{message}: yet dialing was paused"
        assert api("GET", "/agents/a2")["status"] == "ready", f"{message}: yet a2 was logged out"
        page.fill("#token", TOKEN)
        page.click("#connect")
        expect(page.locator("#live")).to_have_text("live", timeout=LIVE)
        expect(page.locator("#msg")).to_have_text(message)
    page.click("#reload")
    expect(page.locator("#msg")).to_have_text("reload rules: done", timeout=LIVE)
    step("with a wrong token the page's pause, log-out and reload are refused and change nothing; with the right one the reload goes through")


def post_quietly(path, body):
    """An event; a refusal (the call moved on since the agents were read) is counted, not fatal."""
    try:
        api("POST", path, body)
        return True
    except urllib.error.HTTPError as refused:
        if refused.code not in (404, 409):
            raise
        return False


def two_hundred_agents_under_load(page, seconds=20):
    """200 agents logged in, then call progress like `dialer simulate`'s for about 20 s: ringing dials
    answer (call_start) or fail (busy, no_answer, failed), calls end after a few seconds, agents in a
    call send keep_alive; a second answer for a busy agent is dropped by the rules."""
    draw = random.Random(17)
    for chunk in range(3):
        api("POST", "/leads", {"numbers": [f"+1310555{n:04d}" for n in range(chunk * 3000, chunk * 3000 + 3000)]})
    for agent in [f"c{i:03d}" for i in range(200)]:
        api("POST", "/agents", {"agent_id": agent})
        api("POST", f"/agents/{agent}/events", {"event": "login"})
    talk = {}  # dial id -> seconds the call lasts
    posted = refused = 0
    counts = {"call_start": 0, "call_fail": 0, "call_end": 0, "keep_alive": 0, "login": 0}

    def send(path, body):
        nonlocal posted, refused
        posted += 1
        counts[body["event"]] += 1
        refused += 0 if post_quietly(path, body) else 1

    began = time.monotonic()
    while time.monotonic() - began < seconds:
        now = time.time()
        agents_now = api("GET", "/agents")["agents"]
        draw.shuffle(agents_now)
        for agent in agents_now:
            if not agent["agent_id"].startswith("c"):
                continue
            call = agent.get("call")
            if agent["status"] == "inactive":
                send(f"/agents/{agent['agent_id']}/events", {"event": "login"})
                continue
            if call:
                length = talk.setdefault(call["dial_id"], draw.uniform(2, 8))
                if now - call["answered_at"] > length:
                    send(f"/dials/{call['dial_id']}/events", {"event": "call_end"})
                elif draw.random() < 0.03:
                    send(f"/agents/{agent['agent_id']}/events", {"event": "keep_alive"})
            for dial in agent["ringing"]:
                roll = draw.random()
                if roll < (0.03 if call else 0.12):
                    send(f"/calls/{dial['number']}/events" if roll < 0.015 else f"/dials/{dial['dial_id']}/events", {"event": "call_start"})
                elif roll < 0.3:
                    reason = draw.choice(["busy", "no_answer", "failed"])
                    send(f"/dials/{dial['dial_id']}/events", {"event": "call_fail", "reason": reason})
    elapsed = time.monotonic() - began
    expect(page.locator("#shown")).to_have_text("202 of 202 agents", timeout=LIVE)
    board = api("GET", "/wallboard")
    logged_in = sum(1 for a in board["agents"] if a["agent_id"].startswith("c") and a["status"] != "off")
    assert logged_in == 200, f"{logged_in} of the 200 agents logged in"
    time.sleep(1.5)  # the page is at most a second behind: the screenshot shows the last snapshot
    expect(page.locator("#chart-utilisation polyline")).to_have_count(1)
    page.screenshot(path=f"{SHOTS}/6-two-hundred-agents.png")
    totals = ", ".join(f"{status} {count}" for status, count in sorted(board["totals"].items()))
    mix = ", ".join(f"{name} {count}" for name, count in counts.items())
    shift = board["shift"]
    print(
        f"200 agents under load for {elapsed:.1f} s: {posted} events ({mix}), {refused} refused as stale; "
        f"agents: {totals}; shift: {shift['dials']} dials, {shift['answered']} answered, {shift['drops']} drops, "
        f"abandon {shift['abandon_rate'] * 100:.2f}%; {len(board['minutes'])} chart minutes"
    )
    step("200 agents under simulate-style load shown live (screenshot 6)")


def thousand_agents(page):
    for i in range(1000):
        api("POST", "/agents", {"agent_id": f"b{i:04d}"})
    expect(page.locator("#shown")).to_have_text("1202 of 1202 agents", timeout=30000)
    # The page times each render it does (layout included); then a whole snapshot and three sorts, timed here.
    streamed = page.evaluate("() => window.wallboard.lastRenderMs")
    timings = page.evaluate(
        """() => {
          const timed = (work) => { const began = performance.now(); work(); document.body.offsetHeight; return performance.now() - began; };
          const snapshot = window.wallboard.snapshot;
          const sorts = ["status", "agent_id", "since"].map((key) => timed(() => document.querySelector(`th[data-key="${key}"]`).click()));
          return { snapshot: timed(() => window.wallboard.render(snapshot)), sorts };
        }"""
    )
    # Update time: from an event posted to the API to the page showing it, with 1,202 agents
    # on it (the stream is coalesced per second, so up to a second of it is that wait).
    updates = []
    for agent in ["b0500", "b0999", "b0001"]:
        began = time.monotonic()
        api("POST", f"/agents/{agent}/events", {"event": "login"})
        expect(page.locator(f'tr[data-agent="{agent}"] td.status')).to_have_text("ready", timeout=LIVE)
        updates.append((time.monotonic() - began) * 1000)
    print("1,202 agents: event to page " + ", ".join(f"{u:.0f}" for u in updates) + " ms (target: under a second; the stream is sent every half second)")
    page.screenshot(path=f"{SHOTS}/5-thousand-agents.png")
    # The median of the five: one render slowed by a busy CI machine is not the page.
    median = sorted([streamed, timings["snapshot"]] + timings["sorts"])[2]
    sorts = ", ".join(f"{t:.1f}" for t in timings["sorts"])
    print(f"1,202 agents: render of the streamed snapshot {streamed:.1f} ms, of a whole snapshot {timings['snapshot']:.1f} ms; sorts {sorts} ms")
    # The 200 ms target is reported, not asserted: a shared 2-core CI machine may miss it for a
    # reason that is not the page's. Only a render ten times over it fails the run.
    print(f"median render {median:.1f} ms (target: under 200 ms: {'met' if median < 200 else 'not met'})")
    assert median < 2000, f"the median render took {median:.1f} ms: ten times the 200 ms target"
    step("1,202 agents rendered and timed")


def main():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        try:
            log_in_on_the_page(page)
            ringing = ready_then_in_call(page)
            ringing = abandon_turns_red(page, ringing)
            pause_from_the_page(page, ringing)
            wrong_token_cannot_act(page)
            two_hundred_agents_under_load(page)
            thousand_agents(page)
        except Exception:
            page.screenshot(path=f"{SHOTS}/failure.png", full_page=True)
            raise
        finally:
            browser.close()
        assert not errors, f"the page raised: {errors}"
    print("browser test: all steps passed")


if __name__ == "__main__":
    try:
        main()
    except (AssertionError, urllib.error.URLError) as failure:
        print(f"FAIL  {failure}", file=sys.stderr)
        sys.exit(1)
