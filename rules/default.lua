-- rules/default.lua: the reaction matrix of seed 000 ("Power Dialer v0.1", section 2), cell for
-- cell. Edit this file to change how the dialer behaves; no rebuild is needed. `dialer check
-- rules/default.lua` checks an edited copy before it goes live.
--
-- A handler is function(agent, event, campaign):
--   agent    agent_id, status, cdc, latest_lead_phone_number, last_status, timestamp, in_flight
--   event    name, agent_id, number (call events), reason (call_fail: failed, busy, no_answer)
--   campaign read-only facts: ready_agents, in_flight, answer_rate, abandon_rate, now, ...
-- and asks for effects with set { field = value }, dial(n), end_call(number), warn(code [, msg]),
-- launch_dialing(); now() is the engine's clock. `ignore` marks a cell where nothing happens.

-- Maximum parallel dials per ready agent: a whole number, or function(agent, campaign) -> number.
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

-- Seed row `off`: the agent is logged out.
status "off" {
  -- set ready and cdc = 0; launch_dialing_event
  login = function(agent)
    set { status = "ready", cdc = 0, timestamp = now() }
    launch_dialing()
  end,
  -- raise warn: nobody to dial for
  dialing = function()
    warn("dialing_while_off")
  end,
  call_fail = ignore,
  -- raise warn; end call: a lead answered after the agent logged out
  call_start = function(agent, event)
    warn("call_start_while_off")
    end_call(event.number)
  end,
  call_end = ignore,
  logout = ignore,
  keep_alive = ignore,
}

-- Seed row `ready`: logged in, waiting for a lead to answer.
status "ready" {
  login = ignore,
  -- dial DIAL_RATIO - cdc leads in parallel; set cdc = DIAL_RATIO. If the ratio was lowered
  -- below cdc (an edited rule file), dial nothing rather than a negative count.
  dialing = function(agent)
    local ratio = dial_ratio(agent)
    dial(math.max(ratio - agent.cdc, 0))
    set { cdc = ratio }
  end,
  -- set cdc = cdc - 1; launch_dialing_event. A stray call_fail never takes cdc below 0.
  call_fail = function(agent)
    set { cdc = math.max(agent.cdc - 1, 0) }
    launch_dialing()
  end,
  -- set in_call; update latest_lead_phone_number, timestamp
  call_start = function(agent, event)
    set { status = "in_call", latest_lead_phone_number = event.number, timestamp = now() }
  end,
  call_end = ignore,
  -- set off
  logout = function()
    set { status = "off", timestamp = now() }
  end,
  keep_alive = ignore,
}

-- Seed row `in_call`: talking to a lead.
status "in_call" {
  login = ignore,
  -- raise warn: the agent is busy
  dialing = function()
    warn("dialing_while_in_call")
  end,
  -- the agent is busy; the failed parallel dial needs nothing (cdc is reset at call_end)
  call_fail = ignore,
  -- raise warn; end call: the parallel-dial race, a second lead answered (dropped)
  call_start = function(agent, event)
    warn("call_start_while_in_call")
    end_call(event.number)
  end,
  -- set ready, cdc = 0; launch_dialing_event
  call_end = function()
    set { status = "ready", cdc = 0, timestamp = now() }
    launch_dialing()
  end,
  -- set off
  logout = function()
    set { status = "off", timestamp = now() }
  end,
  -- compare time elapsed since timestamp with KEEP_ALIVE_INTERVAL; set inactive or update
  -- timestamp. Elapsed exactly equal to the interval still counts as alive.
  keep_alive = function(agent)
    local t = now()
    if agent.timestamp ~= nil and t - agent.timestamp > KEEP_ALIVE_INTERVAL then
      set { status = "inactive" }
    else
      set { timestamp = t }
    end
  end,
}

-- Seed row `inactive`: missed its keep-alive while in a call.
status "inactive" {
  -- set ready; launch_dialing_event (cdc restarts at 0, as on login from off)
  login = function()
    set { status = "ready", cdc = 0, timestamp = now() }
    launch_dialing()
  end,
  dialing = ignore,
  call_fail = ignore,
  -- raise warn; end call
  call_start = function(agent, event)
    warn("call_start_while_inactive")
    end_call(event.number)
  end,
  call_end = ignore,
  -- set off
  logout = function()
    set { status = "off", timestamp = now() }
  end,
  -- set off: a second missed keep-alive logs the agent out
  keep_alive = function()
    set { status = "off", timestamp = now() }
  end,
}
