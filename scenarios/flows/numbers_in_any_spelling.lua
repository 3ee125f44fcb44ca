scenario "a number in any spelling acts on the dial of its E.164 form, and a repeated number is dialed once"
-- Seed 003 normalises every number it sees: leads, call events by number and the far end's
-- answers go through one normalisation to E.164 before they are matched or stored. A number
-- that is not one is refused, naming its spelling, and changes nothing.

leads { "(212) 555-0100", "212.555.0101", "+1 212 555 0102", "+12125550100", "212-555-0103" }   -- the 4th is the 1st again
agent "a1"

login "a1"
expect_dials("a1", { "+12125550100", "+12125550101" })
call_fail("a1", "212-555-0101")                 -- another spelling: the dial of +12125550101 fails
expect_in_flight("a1", { "+12125550100", "+12125550102" })

call_start("a1", "(212) 555-0100")              -- connects the ringing dial of +12125550100
expect_state("a1", { status = "in_call", latest_lead_phone_number = "+12125550100" })
expect_eq(calls()[1].answered_at, 0, "the dial's record is answered")

expect_error(function() call_start("a1", "(212) 555-01x0") end, "call_start: '(212) 555-01x0' is not a phone number")
expect_state("a1", { status = "in_call", latest_lead_phone_number = "+12125550100" })

answer "1 (212) 555-0102"                       -- the far end, in yet another spelling
expect_warning("call_start_while_in_call", "a1")
call_end("a1", "212 555 0100")                  -- the agent's side ends the call, by another spelling
expect_state("a1", { status = "ready" })
expect_outcome("+12125550100", "completed")
expect_dials("a1", { "+12125550100", "+12125550101", "+12125550102", "+12125550103" })  -- +12125550100 never twice

answer "(212)555-0103"
expect_state("a1", { status = "in_call", latest_lead_phone_number = "+12125550103" })
hang_up "1-212-555-0103"                        -- the far end hangs up: call_end for that call
expect_outcome("+12125550103", "completed")
expect_status("a1", "ready")
