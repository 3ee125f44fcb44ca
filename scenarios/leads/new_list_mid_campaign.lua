scenario "a new lead list mid-campaign: add_leads after the first events is dialed next, and report() counts it"
-- A running campaign gets a new list: the numbers join the pool at once (a number already
-- there is not added twice) and the next dial takes them. report() gives dialer report's rows
-- for this engine, so seed 003's metrics can be checked in a scenario.

leads { "+12125550100", "+12125550101" }
agent "a1"

login "a1"
expect_dials("a1", { "+12125550100", "+12125550101" })
fail_call "+12125550100"                        -- nothing left to replace it with
expect_warning("no_leads", "a1", "no lead can be dialed now")

expect_eq(add_leads { "(212) 555-0102", "+12125550103", "+12125550101" }, 2, "numbers added")
fail_call "+12125550101"                        -- the new list is dialed now
expect_dials("a1", { "+12125550100", "+12125550101", "+12125550102" })

advance(3)
answer "+12125550102"
advance(42)
hang_up "+12125550102"                          -- back to ready: the last new number is dialed
expect_in_flight("a1", { "+12125550103" })
local row = report("a1")
expect_eq({ row.dials, row.connects, row.calls, row.fails, row.drops, row.ringing }, { 4, 1, 1, 2, 0, 1 },
  "dials, connects, calls, fails, drops, ringing")
expect_eq(row.average_call_seconds, 42, "average call time")
expect_eq(report().total.dials, 4, "the campaign's dials")
