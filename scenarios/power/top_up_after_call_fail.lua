scenario "power: a failed line is replaced; a line failing during a call keeps cdc true"

rules "rules/power.lua"
agent "a1"

login "a1"
expect_in_flight("a1", 2)

fail_call("+12125550100", "busy")
expect_dials("a1", { "+12125550100", "+12125550101", "+12125550102" })
expect_in_flight("a1", { "+12125550101", "+12125550102" })
expect_state("a1", { status = "ready", cdc = 2 })

answer "+12125550102"
expect_state("a1", { status = "in_call", cdc = 1 })
fail_call("+12125550101", "no_answer")                -- the parallel line rings out during the call
expect_state("a1", { status = "in_call", cdc = 0 })
expect_in_flight("a1", 0)
expect_dials("a1", 3)                                 -- nothing is dialed while the agent talks
expect_no_warnings()
