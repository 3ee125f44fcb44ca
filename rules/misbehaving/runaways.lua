-- rules/misbehaving/runaways.lua: handlers that misbehave on purpose, for the scenarios in
-- scenarios/limits/ that show each limit of the sandbox stopping them. Which misbehaviour a
-- login runs depends on the agent's id; any other agent logs in and dials DIAL_RATIO leads.
-- Never use this file on a real campaign.

DIAL_RATIO = 2
KEEP_ALIVE_INTERVAL = 60

local payloads = {
  dial_flood = function() for _ = 1, 10000 do dial(100) end end,
  warn_flood = function() for _ = 1, 100000 do warn("flood", ("x"):rep(1 << 20)) end end,
  effect_flood = function() for _ = 1, 100000 do end_call("+12125550100") end end,
  backtracker = function() return ("a"):rep(30000):find((".-"):rep(20) .. "b") end,
  empty_rep = function() return string.rep("", math.maxinteger) end,
  huge_move = function() return table.move({}, 1, math.maxinteger, 1) end,
  finalizer = function() return setmetatable({}, { __gc = function() while true do end end }) end,
  c_loop = function() return table.concat(setmetatable({}, { __index = table.concat }), "", 1, math.maxinteger) end,
  lua_loop = function() while true do end end,
}

local handlers = {
  off = {
    login = function(agent)
      local payload = payloads[agent.agent_id]
      if payload then payload() end
      set { status = "ready", cdc = 0 }
      launch_dialing()
    end,
  },
  ready = {
    dialing = function(agent)
      if agent.agent_id == "relauncher" then launch_dialing() end  -- a chain without end
      dial(math.max(DIAL_RATIO - agent.cdc, 0))
      set { cdc = DIAL_RATIO }
    end,
    call_start = function(_, event) set { status = "in_call", latest_lead_phone_number = event.number } end,
    call_fail = function(agent) set { cdc = math.max(agent.cdc - 1, 0) } end,
    logout = function() set { status = "off" } end,
  },
}

-- Every other cell is ignore.
local events = { "login", "dialing", "call_fail", "call_start", "call_end", "logout", "keep_alive" }
for _, name in ipairs({ "off", "ready", "in_call", "inactive" }) do
  local row = {}
  for _, event in ipairs(events) do row[event] = (handlers[name] or {})[event] or ignore end
  status(name)(row)
end
