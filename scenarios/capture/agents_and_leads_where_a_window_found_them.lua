scenario "a window's start: agents in their status since a time, with open dials, and leads with their standing; a reload, a pause and a resume"
-- What `dialer capture` writes at the top of a captured scenario: agents where the window found
-- them (`since`, `ringing`, `call`) and the leads with their standing, then `reload_rules`.

rules "rules/default.lua"
start_at "2026-01-15T10:00:00-05:00"
lead_pool {
  { "+12125550100", attempts = 1, reserved = true },                 -- ringing for a1
  { "+12125550101", attempts = 1, reserved = true },                 -- ringing for a1
  { "+12125550102", attempts = 1, reserved = true },                 -- a2's call
  { "+12125550103", attempts = 1, last_outcome = "busy", eligible_at = now() + 60, wait = "retry" },
  "+12125550104",
  { "+12125550105", attempts = 3, last_outcome = "no_answer", done = true },
  hours = false,
}
local t0 = now()
agent("a1", { status = "ready", cdc = 2, since = t0 - 30,
              ringing = { { "+12125550100", dialed_at = t0 - 12 }, "+12125550101" } })
agent("a2", { status = "in_call", cdc = 0, since = t0 - 90, latest_lead_phone_number = "+12125550102",
              call = { "+12125550102", dialed_at = t0 - 100, answered_at = t0 - 90 } })

expect_eq(state("a1").seconds_in_status, 30, "a1 ready for 30 s")
expect_eq(state("a2").seconds_in_status, 90, "a2 talking for 90 s")
expect_in_flight("a1", { "+12125550100", "+12125550101" })
expect_eq(lead("+12125550100").reserved, true)
expect_eq(lead("+12125550103").eligible_at, t0 + 60)

fail_call "+12125550101"                       -- a1 tops up from the pool: the busy lead waits
expect_in_flight("a1", { "+12125550100", "+12125550104" })
expect_outcome("+12125550101", "failed")

call_end("a2", "+12125550102")                 -- a2's restored call ends like any other
expect_outcome("+12125550102", "completed")
expect_status("a2", "ready")

reload_rules("rules/examples/default_ratio3.lua")
advance(61)                                    -- the busy lead is due again
fail_call "+12125550100"                       -- a1 tops up to the reloaded ratio (3): one lead is left
expect_in_flight("a1", { "+12125550104", "+12125550103" })
expect_warning("no_leads", "a1")

pause_dialing()                                -- no new dials: a1's failed line is not replaced
fail_call "+12125550104"
expect_in_flight("a1", { "+12125550103" })
expect_warning("no_leads", "a1", "paused")
add_leads { "+12125550106" }
resume_dialing()                               -- a dialing event for each ready agent, in id order
expect_in_flight("a1", { "+12125550103" })      -- its cdc is at the ratio already
expect_in_flight("a2", { "+12125550106" })      -- a2 has lines free: it takes the new lead
