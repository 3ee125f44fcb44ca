scenario "in_call × keep_alive: alive within KEEP_ALIVE_INTERVAL, inactive beyond it"
-- seed 000, in_call × keep_alive: "compare time elapsed since `timestatmp` with
-- `KEEP_ALIVE_INTERVAL`; set `inactive` or update `timestamp`" (KEEP_ALIVE_INTERVAL = 60)

agent("a1", { status = "in_call", cdc = 2, latest_lead_phone_number = "+12125550100",
              last_status = "ready", timestamp = 0 })

advance(30)                                     -- within the interval: timestamp updated
keep_alive "a1"
expect_state("a1", { status = "in_call", last_status = "ready", cdc = 2, timestamp = 30 })

advance(60)                                     -- exactly 60 s still counts as alive (README)
keep_alive "a1"
expect_state("a1", { status = "in_call", last_status = "ready", cdc = 2, timestamp = 90 })

advance(61)                                     -- more than 60 s: inactive, timestamp kept
keep_alive "a1"
expect_state("a1", { status = "inactive", last_status = "in_call", cdc = 2,
                     latest_lead_phone_number = "+12125550100", timestamp = 90 })
expect_dials("a1", 0)
expect_eq(ended(), {}, "hang-ups")
expect_no_warnings()
