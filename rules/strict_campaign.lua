-- rules/strict_campaign.lua: one line per ready agent, and a lead policy stricter than the
-- defaults in LEADS (see `dialer check rules/strict_campaign.lua`): two attempts, short retry
-- delays, calling hours 09:00–20:00 (some US states are stricter than 08:00–21:00) and a
-- Do-Not-Call file beside this one. It also shows a rule reading event.lead: a dial that fails
-- on its lead's last allowed attempt raises `last_attempt_failed`.

DIAL_RATIO = 1
KEEP_ALIVE_INTERVAL = 60

LEADS = {
  max_attempts = 2,
  retry = { failed = 900, busy = 300, no_answer = 3600 },
  drop_lockout = 72 * 3600,              -- Ofcom: no automated redial of an abandoned number for 72 h
  hours = { 9, 20 },
  dnc = "strict_campaign_dnc.txt",
}

-- Lines out for a ready agent: DIAL_RATIO, counting the dials still ringing.
local function top_up(agent)
  dial(math.max(DIAL_RATIO - agent.in_flight, 0))
  set { cdc = DIAL_RATIO }
end

-- A failed line: say so when it was the lead's last attempt, then dial again.
local function line_failed(agent, event)
  if event.lead ~= nil and event.lead.attempts + 1 >= LEADS.max_attempts then
    warn("last_attempt_failed", event.number .. " at " .. tostring(event.lead.local_time) .. " local")
  end
  launch_dialing()
end

local function connect(agent, event)
  set { status = "in_call", latest_lead_phone_number = event.number, timestamp = now() }
end

local function hang_up_answer(agent, event)
  warn("call_start_while_" .. agent.status)
  end_call(event.number)
end

local function log_in(agent)
  set { status = "ready", cdc = 0, timestamp = now() }
  launch_dialing()
end

local function log_out() set { status = "off", timestamp = now() } end
local function alive() set { timestamp = now() } end

status "off" {
  login = log_in, dialing = ignore, call_fail = ignore, call_start = hang_up_answer,
  call_end = ignore, logout = ignore, keep_alive = ignore,
}

status "ready" {
  login = ignore, dialing = top_up, call_fail = line_failed, call_start = connect,
  call_end = ignore, logout = log_out, keep_alive = alive,
}

status "in_call" {
  login = ignore, dialing = ignore, call_fail = line_failed, call_start = hang_up_answer,
  call_end = log_in, logout = log_out, keep_alive = alive,
}

status "inactive" {
  login = log_in, dialing = ignore, call_fail = ignore, call_start = hang_up_answer,
  call_end = ignore, logout = log_out, keep_alive = ignore,
}
