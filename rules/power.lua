-- rules/power.lua: a power dialer that counts the dials really in flight. The seed matrix
-- (rules/default.lua) keeps its own count `cdc` and resets it to 0 at call_end, so a dial still
-- ringing from before the call is forgotten and the agent gets DIAL_RATIO more on top: it
-- over-dials, and every extra line that answers while the agent talks is a dropped call. Here
-- cdc always equals agent.in_flight (the engine's count of dials placed and not yet answered or
-- failed), and every top-up dials DIAL_RATIO - in_flight: never more lines than DIAL_RATIO.
--
-- A handler is function(agent, event, campaign); see rules/default.lua for the API. Note that
-- agent.in_flight is counted before the event: in call_fail it still includes the failing dial,
-- in call_start the answering one.

-- Parallel dials per ready agent: a whole number, or function(agent, campaign) -> number.
DIAL_RATIO = 2

-- Seconds an agent in a call may go without a keep_alive before it counts as inactive.
KEEP_ALIVE_INTERVAL = 60

-- Retries and compliance (optional; uncomment and edit). Absent keys keep these defaults.
-- LEADS = {
--   max_attempts = 3,                                      -- dials per lead, at most
--   retry = { failed = 1800, busy = 600, no_answer = 1800, not_placed = 60 }, -- seconds before the next try
--   drop_lockout = 72 * 3600,                              -- a dropped (abandoned) number waits 72 h (Ofcom)
--   hours = { 8, 21 },                                     -- local calling hours (47 CFR 64.1200(c)(1)); false: any time
--   default_zone = nil,                                    -- e.g. "America/New_York" for area codes the table does not know
--   dnc = nil,                                             -- Do-Not-Call file beside this one ("dnc.txt"), or { "+1...", ... }
-- }

-- Dials that stay in flight once the event's own dial is answered or failed.
local function others(agent, event)
  if event.number ~= nil and agent.in_flight > 0 then return agent.in_flight - 1 end
  return agent.in_flight
end

-- Ready (on login, login from inactive, call_end): count the dials still ringing and top up, so
-- the agent never has more than DIAL_RATIO lines.
local function ready_again(agent)
  set { status = "ready", cdc = agent.in_flight, timestamp = now() }
  launch_dialing()
end

-- A lead answered and nobody can take the call: warn, count the line out, hang up (a drop).
local function drop(code)
  return function(agent, event)
    warn(code)
    set { cdc = others(agent, event) }
    end_call(event.number)
  end
end

-- A line failed while the agent cannot take calls: keep the count true.
local function count_failed(agent, event)
  set { cdc = others(agent, event) }
end

-- Logged out.
local function log_out()
  set { status = "off", timestamp = now() }
end

status "off" {
  login = ready_again,
  dialing = function()
    warn("dialing_while_off")
  end,
  call_fail = ignore,
  -- a lead answered after the agent logged out: nobody to take it
  call_start = drop("call_start_while_off"),
  call_end = ignore,
  logout = ignore,
  keep_alive = ignore,
}

status "ready" {
  login = ignore,
  -- top up to DIAL_RATIO lines really in flight (nothing if the ratio was lowered below them)
  dialing = function(agent)
    local missing = math.max(dial_ratio(agent) - agent.in_flight, 0)
    dial(missing)
    set { cdc = agent.in_flight + missing }
  end,
  -- one line fewer: count again and top up
  call_fail = function(agent, event)
    set { cdc = others(agent, event) }
    launch_dialing()
  end,
  call_start = function(agent, event)
    set { status = "in_call", cdc = others(agent, event), latest_lead_phone_number = event.number, timestamp = now() }
  end,
  call_end = ignore,
  logout = log_out,
  keep_alive = ignore,
}

status "in_call" {
  login = ignore,
  dialing = function()
    warn("dialing_while_in_call")
  end,
  -- a parallel dial failed while the agent talks: keep the count true
  call_fail = count_failed,
  -- the parallel-dial race: a second lead answered, the agent is busy (dropped)
  call_start = drop("call_start_while_in_call"),
  -- ready again; the dials still ringing count, so the top-up never exceeds DIAL_RATIO
  call_end = ready_again,
  logout = log_out,
  -- as the seed: more than KEEP_ALIVE_INTERVAL seconds of silence makes the agent inactive
  keep_alive = function(agent)
    local t = now()
    if agent.timestamp ~= nil and t - agent.timestamp > KEEP_ALIVE_INTERVAL then
      set { status = "inactive" }
    else
      set { timestamp = t }
    end
  end,
}

status "inactive" {
  login = ready_again,
  dialing = ignore,
  call_fail = count_failed,
  call_start = drop("call_start_while_inactive"),
  call_end = ignore,
  logout = log_out,
  -- a second silence logs the agent out
  keep_alive = function()
    set { status = "off", timestamp = now() }
  end,
}
