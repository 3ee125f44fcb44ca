-- rules/predictive.lua: a pacing that adapts to hold the campaign's abandon rate at or under
-- ABANDON_TARGET (the FTC/FCC/Ofcom 3% of live answers) while keeping agents busy.
--
-- The lines are the campaign's, not each agent's: with ANSWER_ROUTING = "any_ready_agent" a
-- lead who answers while the agent who dialed them is busy goes to the ready agent who has
-- waited longest, and only an answer that finds nobody ready is dropped. So the dialer can keep
-- more lines ringing than there are ready agents, as long as the answers they will bring do
-- not outnumber the agents free to take them (the pacing notes' "expected answers in flight").
--
-- The pool: ANSWERS_PER_READY answers expected in flight per ready agent, so
--   lines = ready agents × answers per ready agent ÷ answer rate,
-- shared by the ready agents (each keeps at least one line and at most MAX_LINES). The answers
-- per ready agent adapt to the campaign's abandon rate, like VICIdial's adaptive level: with
-- the rate well under the aim (SAFETY × ABANDON_TARGET) they are MAX_PER_READY; as the rate
-- nears the aim they shrink to MIN_PER_READY; over it each ready agent keeps a single line.
-- Until MIN_ANSWERS people have answered the rates are not trusted and an agent has one line.
--
-- Pacing is re-evaluated on every call_fail, on the desktop's keep_alive and on dialing (a
-- host's pacing loop may send it). Like rules/power.lua, cdc equals agent.in_flight and the
-- top-up never over-dials.

-- Answers go to any ready agent (see above); "dialing_agent" would make each agent a team of one.
ANSWER_ROUTING = "any_ready_agent"

-- The abandon rate to hold: drops ÷ live answers over the campaign.
ABANDON_TARGET = 0.03

-- Aim this share of the target, to keep a margin for the end of the shift.
SAFETY = 0.8

-- Lines per ready agent at most.
MAX_LINES = 5

-- Answers in flight per ready agent with the abandon rate at zero, and near the aim.
MAX_PER_READY = 3
MIN_PER_READY = 0.4

-- Answers before the campaign's rates steer the pacing.
MIN_ANSWERS = 200

-- How fast the answers per ready agent fall as the rate nears the aim: full until the rate
-- passes (1 - 1/GAIN) of the aim.
GAIN = 2

-- Lines this ready agent should have now: see above. Returns a whole number.
DIAL_RATIO = function(agent, campaign)
  if campaign.answered < MIN_ANSWERS then return 1 end
  local aim = ABANDON_TARGET * SAFETY
  local headroom = (aim - campaign.abandon_rate) / aim
  if headroom <= 0 then return 1 end
  local share = math.min(1, GAIN * headroom)
  local per_ready = MIN_PER_READY + (MAX_PER_READY - MIN_PER_READY) * share
  local answer_rate = math.max(campaign.answer_rate, 0.05)
  local ready = math.max(campaign.ready_agents, 1)
  local pool = ready * per_ready / answer_rate
  -- this agent's share of the lines missing from the pool (others top up on their own events)
  local missing = pool - campaign.in_flight
  local extra = missing > 0 and math.ceil(missing / ready) or 0
  return math.max(1, math.min(MAX_LINES, agent.in_flight + extra))
end

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
  call_start = drop("call_start_while_off"),
  call_end = ignore,
  logout = ignore,
  keep_alive = ignore,
}

status "ready" {
  login = ignore,
  -- top up to DIAL_RATIO lines really in flight; stamp the time of the newest line
  dialing = function(agent)
    local missing = math.max(dial_ratio(agent) - agent.in_flight, 0)
    dial(missing)
    if missing > 0 then
      set { cdc = agent.in_flight + missing, timestamp = now() }
    else
      set { cdc = agent.in_flight }
    end
  end,
  call_fail = function(agent, event)
    set { cdc = others(agent, event) }
    launch_dialing()
  end,
  call_start = function(agent, event)
    set { status = "in_call", cdc = others(agent, event), latest_lead_phone_number = event.number, timestamp = now() }
  end,
  call_end = ignore,
  logout = log_out,
  -- the desktop's heartbeat is a pacing tick: may a line join now?
  keep_alive = function()
    launch_dialing()
  end,
}

status "in_call" {
  login = ignore,
  dialing = function()
    warn("dialing_while_in_call")
  end,
  call_fail = count_failed,
  call_start = drop("call_start_while_in_call"),
  -- ready again; the dials still ringing count, so the top-up never exceeds DIAL_RATIO
  call_end = ready_again,
  logout = log_out,
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
  keep_alive = function()
    set { status = "off", timestamp = now() }
  end,
}
