scenario "report(): seed 003's call metrics (# Calls, average call time) and the campaign's figures"
-- The rows of `dialer report` for this scenario's store, as seed 003's metric tests read them:
-- `# Calls` counts connected calls that have ended, the average call time runs from the answer
-- to call_end, fails are failed + busy (no answers apart), abandon = drops ÷ live answers.

rules "rules/power.lua"
leads { "+12125550100", "+12125550101", "+12125550102", "+12125550103", "+12125550104", "+12125550105" }
outcomes {
  ["+12125550100"] = { answer_after = 10, talk = 60 },   -- a1's call: 60 s
  ["+12125550101"] = { answer_after = 12 },               -- a1 is talking: dropped
  ["+12125550102"] = { answer_after = 20, talk = 120 },  -- a2's call: 120 s
  ["+12125550103"] = { fail_after = 5, reason = "busy" },
  ["+12125550104"] = { fail_after = 30, reason = "no_answer" },
}
agent "a1"
agent "a2"

login "a1"
login "a2"
expect_eq(report().total.calls, 0, "no call has ended yet")
advance(200)

local a1, a2, total = report("a1"), report("a2"), report().total
expect_eq(a1.calls, 1, "a1 # Calls")
expect_eq(a1.average_call_seconds, 60, "a1 average call time")
expect_eq(a1.drops, 1, "a1 drops")
expect_eq(a2.calls, 1, "a2 # Calls")
expect_eq(a2.average_call_seconds, 120, "a2 average call time")
expect_eq(total.calls, 2, "# Calls")
expect_eq(total.average_call_seconds, 90, "average call time: (60 + 120) / 2")
expect_eq(total.connects, 2, "connects")
expect_eq(total.answered, 3, "live answers: connects + drops")
expect_eq(total.fails, 1, "fails: failed + busy")
expect_eq(total.no_answers, 1, "no answers, counted apart")
expect_eq(total.abandon_rate, 1 / 3, "abandon rate: drops / live answers")
expect_eq(total.dials, #dials(), "every dial placed")
expect_eq(#report().agents, 2, "one row per agent")
