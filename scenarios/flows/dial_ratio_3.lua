scenario "DIAL_RATIO = 3 from the scenario: login dials three leads in parallel"
-- settings {} overrides a setting of the rule file for this scenario only.

settings { DIAL_RATIO = 3 }
leads { "+12125550100", "+12125550101", "+12125550102", "+12125550103" }
agent "a1"

login "a1"
expect_dials("a1", { "+12125550100", "+12125550101", "+12125550102" })
expect_state("a1", { status = "ready", cdc = 3 })

fail_call "+12125550101"                        -- a failed dial is topped up back to 3
expect_dials("a1", 4)
expect_in_flight("a1", { "+12125550100", "+12125550102", "+12125550103" })
expect_state("a1", { status = "ready", cdc = 3 })
expect_no_warnings()
