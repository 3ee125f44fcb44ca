-- wrk script for `dialer serve`: POSTs {"event": "keep_alive"} to agents bench-0 … bench-(AGENTS-1)
-- in turn, with the bearer token of DIALER_TOKEN. Each agent is in a call, so every event runs
-- the rules' in_call × keep_alive cell and commits the agent's new timestamp to the store.
-- Used by scripts/bench-serve.sh; by hand:
--   AGENTS=50 DIALER_TOKEN=... wrk -t2 -c32 -d20s --latency -s scripts/wrk-agent-events.lua http://127.0.0.1:8080
local agents = tonumber(os.getenv("AGENTS") or "50")
local headers = {
  ["Authorization"] = "Bearer " .. (os.getenv("DIALER_TOKEN") or ""),
  ["Content-Type"] = "application/json",
}
local body = '{"event": "keep_alive"}'
local counter = 0

function setup(thread)
  thread:set("offset", counter)
  counter = counter + 1
end

local next_agent = nil

request = function()
  next_agent = ((next_agent or offset) + 1) % agents
  return wrk.format("POST", "/agents/bench-" .. next_agent .. "/events", headers, body)
end
