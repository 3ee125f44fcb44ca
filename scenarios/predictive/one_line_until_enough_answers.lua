scenario "predictive: one line per agent until MIN_ANSWERS people have answered"

rules "rules/predictive.lua"
agent "a1"

login "a1"
expect_dials("a1", { "+12125550100" })
expect_state("a1", { status = "ready", cdc = 1, timestamp = 0 })

advance(16)
keep_alive "a1"                                       -- a pacing tick: still too few answers to trust
expect_dials("a1", 1)

fail_call("+12125550100", "no_answer")
expect_dials("a1", { "+12125550100", "+12125550101" })
expect_state("a1", { cdc = 1, timestamp = 16 })       -- the newest line's time
expect_no_warnings()
