scenario "parallel-dial race: a second lead answers while the agent is already talking"
-- Power dialing's known cost: with DIAL_RATIO 2 both leads may answer. The first one gets the
-- agent; the second hits in_call × call_start (seed: "raise warn; end call") and is dropped,
-- an abandoned call the campaign counts against its abandon rate.

leads { "+12125550100", "+12125550101", "+12125550102", "+12125550103" }
outcomes {
  ["+12125550100"] = { answer_after = 4, talk = 60 },
  ["+12125550101"] = { answer_after = 6 },
}
agent "a1"

login "a1"
advance(5)                                      -- +…100 answers at t=4
expect_state("a1", { status = "in_call", latest_lead_phone_number = "+12125550100", timestamp = 4 })

advance(5)                                      -- +…101 answers at t=6: the race
expect_warning("call_start_while_in_call", "a1")
expect_ended("+12125550101")
expect_outcome("+12125550101", "dropped")
expect_state("a1", { status = "in_call", cdc = 2, latest_lead_phone_number = "+12125550100",
                     timestamp = 4 })
expect_outcome("+12125550100", "connected")
expect_dials("a1", 2)                           -- no dialing while in a call

advance(60)                                     -- the first call ends at t=64: dialing resumes
expect_outcome("+12125550100", "completed")
expect_state("a1", { status = "ready", cdc = 2, last_status = "in_call", timestamp = 64 })
expect_dials("a1", { "+12125550100", "+12125550101", "+12125550102", "+12125550103" })
expect_eq(ended(), { "+12125550101" }, "hang-ups")
