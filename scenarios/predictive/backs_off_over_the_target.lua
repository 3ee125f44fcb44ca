scenario "predictive: over the abandon target each ready agent keeps a single line"

rules("rules/predictive.lua", { MIN_ANSWERS = 0, MAX_LINES = 3 })
agent "a1"

login "a1"
expect_in_flight("a1", 3)
answer "+12125550100"
answer "+12125550101"                                 -- nobody ready: dropped; abandon rate 50%
expect_outcome("+12125550101", "dropped")
expect_warning("call_start_while_in_call", "a1")

advance(60)
hang_up "+12125550100"                                -- call_end: ready again with one line
expect_dials("a1", 3)                                 -- still ringing: no new dial
expect_in_flight("a1", { "+12125550102" })
fail_call("+12125550102", "no_answer")
expect_dials("a1", 4)                                 -- a failed line is replaced, one for one
keep_alive "a1"
expect_in_flight("a1", { "+12125550103" })
