scenario "an edited copy of the rules (DIAL_RATIO = 3) changes behaviour without a rebuild"
-- rules/examples/default_ratio3.lua is rules/default.lua with only DIAL_RATIO = 3.

rules "rules/examples/default_ratio3.lua"
leads { "+12125550100", "+12125550101", "+12125550102", "+12125550103" }
agent "a1"

login "a1"
expect_dials("a1", { "+12125550100", "+12125550101", "+12125550102" })
expect_state("a1", { status = "ready", cdc = 3, last_status = "off", timestamp = 0 })
expect_no_warnings()
