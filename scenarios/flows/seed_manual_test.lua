scenario "seed 000 manual test, replayed: one agent, five leads, answers, fails, a drop"
-- The seed's manual test (log an agent in, let leads answer or fail, keep alive, log out) on a
-- virtual clock: each lead answers or fails after its own delay and talks for its own time,
-- so the whole session replays the same way every time. DIAL_RATIO = 2.

leads { "+12125550100", "+12125550101", "+12125550102", "+12125550103", "+12125550104" }
outcomes {
  ["+12125550100"] = { answer_after = 8, talk = 120 },          -- the agent's first call
  ["+12125550101"] = { fail_after = 5, reason = "busy" },       -- replaced by +…102
  ["+12125550102"] = { answer_after = 12 },                     -- answers mid-call: dropped
  ["+12125550103"] = { fail_after = 20, reason = "no_answer" },
  ["+12125550104"] = { answer_after = 30, talk = 45 },          -- the agent's second call
}
agent "a1"

login "a1"                                      -- t=0: dials +…100, +…101
advance(60)
keep_alive "a1"                                 -- t=60: 52 s into the call, alive
advance(60)
keep_alive "a1"                                 -- t=120: exactly 60 s since the last, alive
expect_state("a1", { status = "in_call", latest_lead_phone_number = "+12125550100", timestamp = 120 })

advance(120)                                    -- first call ends at 128, second runs 158..203
logout "a1"                                     -- t=240
expect_state("a1", { status = "off", cdc = 2, latest_lead_phone_number = "+12125550104",
                     last_status = "ready", timestamp = 240 })

local function t(s) return s and string.format("%g", s) or "-" end
local log = {}
for _, c in ipairs(calls()) do
  log[#log + 1] = string.format("%s %s dialed %s answered %s ended %s",
    c.number, c.outcome, t(c.dialed_at), t(c.answered_at), t(c.ended_at))
end
expect_eq(log, {
  "+12125550100 completed dialed 0 answered 8 ended 128",
  "+12125550101 busy dialed 0 answered - ended 5",
  "+12125550102 dropped dialed 5 answered 17 ended 17",
  "+12125550103 no_answer dialed 128 answered - ended 148",
  "+12125550104 completed dialed 128 answered 158 ended 203",
})
expect_eq(ended(), { "+12125550102" }, "hang-ups by the dialer")
-- the drop; then the list runs dry when +…103 fails (t=148) and when the second call ends (t=203)
expect_eq(warnings("a1"), { "call_start_while_in_call", "no_leads", "no_leads" }, "warnings")
