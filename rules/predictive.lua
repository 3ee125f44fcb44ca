-- rules/predictive.lua: a pacing that adapts to hold the campaign's abandon rate at or under
-- ABANDON_TARGET (the FTC/FCC/Ofcom 3% of live answers) while keeping agents busy.
--
-- The lines are the campaign's, not each agent's: with ANSWER_ROUTING = "any_ready_agent" a
-- lead who answers while the agent who dialed them is busy goes to the ready agent who has
-- waited longest, and only an answer that finds nobody ready is dropped. So the dialer can keep
-- more lines ringing than there are ready agents, as long as the answers they will bring do
-- not outnumber the agents free to take them (the pacing notes' "expected answers in flight").
--
-- A line joins only while its answer is likely to find an agent. At each of a few moments ahead
-- (MOMENTS, up to the 20 s an unanswered line rings) the dials ringing are expected to have
-- brought answers_within(t) answers (each weighed by how long it has rung), each new line
-- answer_chance_within(t); the agents there to take them are the ready ones and those in a call
-- expected free by then (agents_free_within(t), from how long each has been in its call against
-- the campaign's recent calls). Taking both as Poisson, and weighing each moment by how likely
-- the new line is answered then, a line joins while the chance that its answer finds an agent
-- is at least 1 - RISK. A ready agent may have no line of its own when the lines ringing will
-- bring enough answers.
--
-- The risk allowed adapts to the campaign's abandon rate, like VICIdial's adaptive level: RISK
-- while the rate is well under the aim (SAFETY × ABANDON_TARGET), shrinking to nothing as the
-- rate nears the aim; at or over it each ready agent keeps a single line and nobody dials ahead.
-- Until MIN_ANSWERS people have answered the rates are not trusted and an agent has one line.
--
-- Lines join on every call_fail, on dialing (a host's pacing loop may send it) and on the
-- desktop's keep_alive, also from an agent in a call: that is dialing ahead, and the answer goes
-- to whichever agent is ready then. Like rules/power.lua, cdc equals agent.in_flight and the
-- top-up never over-dials.

-- Answers go to any ready agent (see above); "dialing_agent" would make each agent a team of one.
ANSWER_ROUTING = "any_ready_agent"

-- The abandon rate to hold: drops ÷ live answers over the campaign.
ABANDON_TARGET = 0.03

-- Aim this share of the target, to keep a margin for the end of the shift.
SAFETY = 0.9

-- With answering-machine detection: the share of the people who answer that it takes for a
-- machine and hangs up on (your detector's measured rate). Regulators count them as abandoned
-- calls and the engine never hears of them (telephony reports no_answer), so the pacing aims
-- that much lower. 0 without detection.
AMD_HANG_UPS = 0

-- Lines one agent's dials at most.
MAX_LINES = 5

-- The chance that a new line's answer finds no agent that is allowed, with the abandon rate
-- well under the aim (each such answer is a drop, so keep it near the target).
RISK = 0.03

-- Answers before the campaign's rates steer the pacing.
MIN_ANSWERS = 50

-- How fast the risk allowed falls as the rate nears the aim: full until the rate passes
-- (1 - 1/GAIN) of the aim.
GAIN = 2

-- Moments (seconds from now) at which the answers to come are matched with the agents free.
MOMENTS = { 4, 8, 12, 20 }

-- The risk a new line may carry now: RISK with the abandon rate well under the aim, shrinking
-- to nothing as the rate nears the aim (see above).
local function risk(campaign)
  local aim = ABANDON_TARGET * SAFETY - AMD_HANG_UPS
  if aim <= 0 then return 0 end
  local headroom = (aim - campaign.abandon_rate) / aim
  return RISK * math.max(0, math.min(1, GAIN * headroom))
end

-- Poisson probabilities P(X = k) for k = 0 … n, mean m.
local function poisson(m, n)
  local p, term = {}, math.exp(-m)
  for k = 0, n do
    p[k] = term
    term = term * m / (k + 1)
  end
  return p
end

-- The chance that one more answer finds an agent free: the answers to come (mean `coming`)
-- fewer than the ready agents plus those who become free (mean `soon`), both taken as Poisson.
local function finds_agent(coming, ready, soon)
  local n = math.ceil(coming + 6 * math.sqrt(coming) + 6)
  local answers, frees = poisson(coming, n), poisson(soon, n)
  local chance, fewer_frees = 0, 0 -- fewer_frees: P(fewer than `needed` + 1 agents become free)
  for a = 0, n do
    local needed = a - ready -- agents who must become free for answer a + 1 to find one
    if needed < 0 then
      chance = chance + answers[a]
    else
      fewer_frees = fewer_frees + frees[needed]
      chance = chance + answers[a] * math.max(1 - fewer_frees, 0)
    end
  end
  return chance
end

-- The chance that a new line's answer finds an agent, given `lines` new lines besides it: at
-- each moment the line may be answered (the steps of MOMENTS), the answers come by then from the
-- dials ringing and the new lines against the agents ready now and free by then, weighed by how
-- likely the line is answered at that moment.
local function new_line_finds_agent(outlook, ready, lines)
  local found, weight = 0, 0
  for _, m in ipairs(outlook) do
    if m.share > 0 then
      found = found + m.share * finds_agent(m.coming + lines * m.chance, ready, m.soon)
      weight = weight + m.share
    end
  end
  return weight > 0 and found / weight or 1
end

-- What the campaign expects at each of MOMENTS seconds from now.
local function outlook()
  local moments, before = {}, 0
  for _, t in ipairs(MOMENTS) do
    local chance = answer_chance_within(t)
    moments[#moments + 1] = { coming = answers_within(t), soon = agents_free_within(t), chance = chance, share = chance - before }
    before = chance
  end
  return moments
end

-- Lines this agent should have now: its own still ringing and the new lines whose answers will
-- most likely find an agent (new_line_finds_agent at least 1 - the risk allowed). Until the
-- rates are trusted, or with no risk allowed, a ready agent has one line and nobody dials ahead.
DIAL_RATIO = function(agent, campaign)
  local least = agent.status == "ready" and 1 or 0
  if campaign.answered < MIN_ANSWERS then return least end
  local allowed = risk(campaign)
  if allowed <= 0 then return math.max(least, agent.in_flight) end
  local ahead = outlook()
  local lines = agent.in_flight
  while lines < MAX_LINES and new_line_finds_agent(ahead, campaign.ready_agents, lines - agent.in_flight) >= 1 - allowed do
    lines = lines + 1
  end
  return lines
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
  -- dial ahead: lines for the agents about to be free (DIAL_RATIO is 0 when none are needed)
  dialing = function(agent)
    local ahead = math.max(dial_ratio(agent) - agent.in_flight, 0)
    dial(ahead)
    set { cdc = agent.in_flight + ahead }
  end,
  call_fail = function(agent, event)
    set { cdc = others(agent, event) }
    launch_dialing()
  end,
  call_start = drop("call_start_while_in_call"),
  -- ready again; the dials still ringing count, so the top-up never exceeds DIAL_RATIO
  call_end = ready_again,
  logout = log_out,
  -- the desktop's heartbeat: still there, and a pacing tick to dial ahead for agents about to be free
  keep_alive = function(agent)
    local t = now()
    if agent.timestamp ~= nil and t - agent.timestamp > KEEP_ALIVE_INTERVAL then
      set { status = "inactive" }
    else
      set { timestamp = t }
      launch_dialing()
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
