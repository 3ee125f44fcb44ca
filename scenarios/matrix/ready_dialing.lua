scenario "ready × dialing: dial DIAL_RATIO - cdc leads, set cdc = DIAL_RATIO"
-- seed 000, ready × dialing: "dial `DIAL_RATIO-cdc` number of leads in parellel; set `cdc= DIAL_RATIO`"

leads { "+12125550100", "+12125550101", "+12125550102" }
agent("a1", { status = "ready", cdc = 1, last_status = "off", timestamp = 0 })   -- one dial already out

advance(30)
dialing "a1"
expect_dials("a1", { "+12125550100" })          -- 2 - 1
expect_state("a1", { status = "ready", cdc = 2, last_status = "off", timestamp = 0 })
expect_no_warnings()

-- README reading: cdc above the ratio (DIAL_RATIO lowered in an edited file) dials nobody,
-- not a negative count, and cdc comes back to DIAL_RATIO.
agent("a2", { status = "ready", cdc = 3, last_status = "off", timestamp = 0 })
dialing "a2"
expect_dials("a2", 0)
expect_state("a2", { status = "ready", cdc = 2 })
expect_no_warnings()
