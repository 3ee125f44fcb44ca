-- rules/predictive.lua: a pacing that adapts to hold the campaign's abandon rate at or under
-- ABANDON_TARGET (the FTC/FCC/Ofcom 3% of live answers) while keeping agents busy.
--
-- Why not simply more lines: this engine answers every dial for the agent it was placed for,
-- so each ready agent is a team of one. Two lines started together for one agent drop the
-- second answer whenever both are answered (about one answer in six with 30% answers), and
-- the pacing notes' binomial model gives a safe level of ≈1.0 line for one free agent.
-- What is safe is *overlap*: most people who answer do so in the first seconds of ringing,
-- and a line that has rung STAGGER_MAX seconds unanswered will almost surely ring out (US
-- rules make the dialer let it ring at least 15 s). A second line started then costs little
-- abandon risk and saves most of the wait for the ring-out.
--
-- So an agent always has one line; a second (up to MAX_LINES) joins once the newest line has
-- rung `join_after` seconds. `join_after` adapts to the campaign's abandon rate, like
-- VICIdial's adaptive level: with the rate well under the aim (SAFETY × ABANDON_TARGET) a
-- line joins at once (the seed's 2 lines); as the rate nears the aim the wait grows to
-- STAGGER_MAX; at or over the aim no line joins (1 line, which drops nothing). Until
-- MIN_ANSWERS people have answered the rates are not trusted and the agent has one line.
--
-- In `ready` the agent's timestamp is the time of its latest dial (set here), so
-- now() - agent.timestamp is the age of the newest line. Pacing is re-evaluated on every
-- call_fail, on the desktop's keep_alive and on dialing (a host's pacing loop may send it).
-- Like rules/power.lua, cdc equals agent.in_flight and the top-up never over-dials.

-- The abandon rate to hold: drops ÷ live answers over the campaign.
ABANDON_TARGET = 0.03

-- Aim this share of the target, to keep a margin for the end of the shift.
SAFETY = 0.8

-- Lines per ready agent at most.
MAX_LINES = 2

-- Seconds the newest line must ring unanswered before another joins, near the aim.
STAGGER_MAX = 15

-- Answers before the campaign's abandon rate steers the pacing.
MIN_ANSWERS = 200

-- How fast the wait shrinks with the headroom under the aim: with the rate at or below
-- (1 - 1/GAIN) of the aim a line joins at once.
GAIN = 4

-- Parallel dials for a ready agent now: see above. Returns a whole number.
DIAL_RATIO = function(agent, campaign)
  if agent.in_flight == 0 or campaign.answered < MIN_ANSWERS then return 1 end
  local aim = ABANDON_TARGET * SAFETY
  local headroom = (aim - campaign.abandon_rate) / aim
  if headroom <= 0 then return math.min(agent.in_flight, MAX_LINES) end
  local join_after = STAGGER_MAX * math.max(0, 1 - GAIN * headroom)
  local age = now() - (agent.timestamp or 0)
  if age >= join_after then return math.min(agent.in_flight + 1, MAX_LINES) end
  return math.min(agent.in_flight, MAX_LINES)
end

-- Seconds an agent in a call may go without a keep_alive before it counts as inactive.
KEEP_ALIVE_INTERVAL = 60

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
