scenario "a handler that runs away in Lua or inside a library function is stopped, and the next event is handled"
-- Each of these ran for minutes or forever before the sandbox's bounds: the instruction budget
-- (pattern matching and table moves count their steps), the 100 ms deadline (enforced inside
-- library functions too), and no __gc finalizers. The event is refused and changes nothing.
rules "rules/misbehaving/runaways.lua"
leads { "+12125550100", "+12125550101" }

-- The instruction budget stops the first three (on a loaded machine the deadline may be first).
local stopped = {
  backtracker = "limit exceeded",               -- ("a"):rep(30000):find((".-"):rep(20) .. "b")
  huge_move = "limit exceeded",                 -- table.move({}, 1, math.maxinteger, 1)
  lua_loop = "limit exceeded",                  -- while true do end
  c_loop = "time limit exceeded (100 ms)",      -- table.concat over an __index that is a C function
  finalizer = "__gc is not available in rule files and scenarios",
}
for _, id in ipairs({ "backtracker", "huge_move", "lua_loop", "c_loop", "finalizer" }) do
  agent(id)
  local err = expect_error(function() login(id) end, stopped[id])
  if not string.find(err, "runaways.lua:%d+:") then error("the error should name the rule file and line: " .. err) end
  expect_state(id, { status = "off", cdc = 0, in_flight = 0 })
end

agent "empty_rep"                       -- string.rep("", math.maxinteger) is "" at once
login "empty_rep"
expect_state("empty_rep", { status = "ready", cdc = 2 })

agent "a1"                              -- the engine carries on
login "a1"
expect_state("a1", { status = "ready", cdc = 2 })
