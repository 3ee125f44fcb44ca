scenario "running out of leads: fewer dials than DIAL_RATIO and a no_leads warning"
-- When the rules ask for more dials than there are leads, the engine dials what it has and
-- raises no_leads. cdc still says DIAL_RATIO: it is what the rules believe, not what rings.

leads { "+12125550100", "+12125550101", "+12125550102" }
agent "a1"

login "a1"
fail_call "+12125550100"                        -- replaced by the last lead, +…102
expect_no_warnings()
fail_call "+12125550101"                        -- nothing left to replace it with
expect_warning("no_leads", "a1")
expect_dials("a1", { "+12125550100", "+12125550101", "+12125550102" })
expect_in_flight("a1", { "+12125550102" })
expect_state("a1", { status = "ready", cdc = 2 })

agent "a2"                                      -- a late agent gets no dials at all
login "a2"
expect_dials("a2", 0)
expect_warning("no_leads", "a2")
expect_status("a2", "ready")
