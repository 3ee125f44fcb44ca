scenario "power: a second line answering during the call is dropped, as in the seed"

rules "rules/power.lua"
agent "a1"

login "a1"
answer "+12125550100"
answer "+12125550101"
expect_warning("call_start_while_in_call", "a1")
expect_outcome("+12125550101", "dropped")
expect_state("a1", { status = "in_call", cdc = 0, latest_lead_phone_number = "+12125550100" })
expect_in_flight("a1", 0)
