-- An example kept as a regression test: made with `dialer simulate --agents 3 --hours 0.5 --rules rules/power.lua
-- --reload-at 900 --store sqlite:/tmp/ex.sqlite`, then `dialer capture --store sqlite:/tmp/ex.sqlite --from 600 --to 1200`.
-- An edit to rules/power.lua that changes a decision in these ten minutes makes it fail.
-- Captured by `dialer capture` from sqlite:/tmp/ex.sqlite: agents a001, a002, a003;
-- 1970-01-01T00:10:00+00:00 to 1970-01-01T00:20:00+00:00, journal entries 112 to 237.
-- Rule file live at the start: rules/power.lua (sha256 7ad0ab890a02e4c9…).
-- Each input comes at its production time (in the comment after `advance`); the lines after it
-- assert what the live engine did. Trim freely: keep the set-up above the first `advance`.
scenario "captured a001, a002, a003, 00:10:00.000 to 00:20:00.000"

rules "rules/power.lua"
start_at "1970-01-01T00:10:00+00:00"
lead_pool {
  { "+12125550127", reserved = true },
  { "+12125550128", attempts = 1, last_outcome = "busy", eligible_at = 851.56775932166, wait = "retry" },
  { "+12125550129", attempts = 1, last_outcome = "busy", eligible_at = 851.3655389634272, wait = "retry" },
  { "+12125550140", attempts = 1, last_outcome = "busy", eligible_at = 1032.9498744068105, wait = "retry" },
  { "+12125550142", reserved = true },
  { "+12125550143", reserved = true },
  { "+12125550144", reserved = true },
  "+12125550145",
  "+12125550146",
  "+12125550147",
  "+12125550148",
  "+12125550149",
  "+12125550150",
  "+12125550151",
  "+12125550152",
  "+12125550153",
  "+12125550154",
  "+12125550155",
  "+12125550156",
  "+12125550157",
  "+12125550158",
  "+12125550159",
  "+12125550160",
  "+12125550161",
  "+12125550162",
  "+12125550163",
  "+12125550164",
  "+12125550165",
  "+12125550166",
  "+12125550167",
  "+12125550168",
  "+12125550169",
  "+12125550170",
  "+12125550171",
  "+12125550172",
  "+12125550173",
  "+12125550174",
  "+12125550175",
  "+12125550176",
  "+12125550177",
  "+12125550178",
  "+12125550179",
  "+12125550180",
  "+12125550181",
  "+12125550182",
  "+12125550183",
  "+12125550184",
  "+12125550185",
  "+12125550186",
  "+12125550187",
  "+12125550188",
  "+12125550189",
  "+12125550190",
  "+12125550191",
  "+12125550192",
}
agent("a001", { status = "in_call", cdc = 0, latest_lead_phone_number = "+12125550127", last_status = "ready", timestamp = 575.0409999999999, since = 247.72978110080953, call = { "+12125550127", dialed_at = 240.6747056109923, answered_at = 247.72978110080953 } })
agent("a002", { status = "in_call", cdc = 0, latest_lead_phone_number = "+12125550142", last_status = "ready", timestamp = 589.193, since = 438.7199667714526, call = { "+12125550142", dialed_at = 432.9498744068106, answered_at = 438.7199667714526 } })
agent("a003", { status = "in_call", cdc = 1, latest_lead_phone_number = "+12125550144", last_status = "ready", timestamp = 594.2661097266104, since = 594.2661097266104, ringing = { { "+12125550143", dialed_at = 588.3561060724438 } }, call = { "+12125550144", dialed_at = 588.3561060724438, answered_at = 594.2661097266104 } })

advance(3.9823556607396995)                     -- 00:10:03.982
call_start("a003", "+12125550143")
expect_state("a003", { status = "in_call", cdc = 0 })
expect_in_flight("a003", {})
expect_ended "+12125550143"
expect_warning("call_start_while_in_call", "a003")
advance(1.0586443392602405)                     -- 00:10:05.041
keep_alive "a001"
expect_state("a001", { status = "in_call", cdc = 0 })
advance(14.152)                                 -- 00:10:19.193
keep_alive "a002"
expect_state("a002", { status = "in_call", cdc = 0 })
advance(1.249)                                  -- 00:10:20.442
keep_alive "a003"
expect_state("a003", { status = "in_call", cdc = 0 })
advance(14.598999999999933)                     -- 00:10:35.041
keep_alive "a001"
expect_state("a001", { status = "in_call", cdc = 0 })
advance(14.152)                                 -- 00:10:49.193
keep_alive "a002"
expect_state("a002", { status = "in_call", cdc = 0 })
advance(1.249)                                  -- 00:10:50.442
keep_alive "a003"
expect_state("a003", { status = "in_call", cdc = 0 })
advance(8.45180187492042)                       -- 00:10:58.894
call_end("a003", "+12125550144")
expect_state("a003", { status = "ready", cdc = 2 })
expect_in_flight("a003", { "+12125550145", "+12125550146" })
advance(6.1471981250795125)                     -- 00:11:05.041
keep_alive "a001"
expect_state("a001", { status = "in_call", cdc = 0 })
advance(13.852801874920488)                     -- 00:11:18.894
call_fail("a003", "+12125550145", "no_answer")
expect_state("a003", { status = "ready", cdc = 2 })
expect_in_flight("a003", { "+12125550146", "+12125550147" })
call_fail("a003", "+12125550146", "no_answer")
expect_state("a003", { status = "ready", cdc = 2 })
expect_in_flight("a003", { "+12125550147", "+12125550148" })
advance(0.2991981250795561)                     -- 00:11:19.193
keep_alive "a002"
expect_state("a002", { status = "in_call", cdc = 0 })
advance(15.848)                                 -- 00:11:35.041
keep_alive "a001"
expect_state("a001", { status = "in_call", cdc = 0 })
advance(0.035613572121292236)                   -- 00:11:35.077
call_start("a003", "+12125550148")
expect_state("a003", { status = "in_call", cdc = 1 })
expect_in_flight("a003", { "+12125550147" })
advance(3.8171883027991953)                     -- 00:11:38.894
call_fail("a003", "+12125550147", "no_answer")
expect_state("a003", { status = "in_call", cdc = 0 })
expect_in_flight("a003", {})
advance(4.533300997561014)                      -- 00:11:43.427
call_end("a002", "+12125550142")
expect_state("a002", { status = "ready", cdc = 2 })
expect_in_flight("a002", { "+12125550149", "+12125550150" })
advance(4.189711987338683)                      -- 00:11:47.617
call_end("a001", "+12125550127")
expect_state("a001", { status = "ready", cdc = 2 })
expect_in_flight("a001", { "+12125550151", "+12125550152" })
advance(1.5761851401798594)                     -- 00:11:49.193
keep_alive "a002"
expect_state("a002", { status = "ready", cdc = 2 })
advance(1.249)                                  -- 00:11:50.442
keep_alive "a003"
expect_state("a003", { status = "in_call", cdc = 0 })
advance(12.985102872481434)                     -- 00:12:03.427
call_fail("a002", "+12125550149", "no_answer")
expect_state("a002", { status = "ready", cdc = 2 })
expect_in_flight("a002", { "+12125550150", "+12125550153" })
call_fail("a002", "+12125550150", "no_answer")
expect_state("a002", { status = "ready", cdc = 2 })
expect_in_flight("a002", { "+12125550153", "+12125550154" })
advance(0.959635250364272)                      -- 00:12:04.387
call_fail("a002", "+12125550153", "busy")
expect_state("a002", { status = "ready", cdc = 2 })
expect_in_flight("a002", { "+12125550154", "+12125550155" })
advance(0.6542618771542266)                     -- 00:12:05.041
keep_alive "a001"
expect_state("a001", { status = "ready", cdc = 2 })
advance(1.107989513305597)                      -- 00:12:06.149
call_fail("a002", "+12125550154", "busy")
expect_state("a002", { status = "ready", cdc = 2 })
expect_in_flight("a002", { "+12125550155", "+12125550156" })
advance(1.4678253465145872)                     -- 00:12:07.617
call_fail("a001", "+12125550151", "no_answer")
expect_state("a001", { status = "ready", cdc = 2 })
expect_in_flight("a001", { "+12125550152", "+12125550157" })
call_fail("a001", "+12125550152", "no_answer")
expect_state("a001", { status = "ready", cdc = 2 })
expect_in_flight("a001", { "+12125550157", "+12125550158" })
advance(11.57618514017986)                      -- 00:12:19.193
keep_alive "a002"
expect_state("a002", { status = "ready", cdc = 2 })
advance(1.249)                                  -- 00:12:20.442
keep_alive "a003"
expect_state("a003", { status = "in_call", cdc = 0 })
advance(1.4570421420696675)                     -- 00:12:21.899
call_start("a001", "+12125550158")
expect_state("a001", { status = "in_call", cdc = 1 })
expect_in_flight("a001", { "+12125550157" })
advance(2.4876959807760386)                     -- 00:12:24.387
call_fail("a002", "+12125550155", "no_answer")
expect_state("a002", { status = "ready", cdc = 2 })
expect_in_flight("a002", { "+12125550156", "+12125550159" })
advance(1.7622513904598236)                     -- 00:12:26.149
call_fail("a002", "+12125550156", "no_answer")
expect_state("a002", { status = "ready", cdc = 2 })
expect_in_flight("a002", { "+12125550159", "+12125550160" })
advance(1.4678253465145872)                     -- 00:12:27.617
call_fail("a001", "+12125550157", "no_answer")
expect_state("a001", { status = "in_call", cdc = 0 })
expect_in_flight("a001", {})
advance(7.240937091975411)                      -- 00:12:34.858
call_start("a002", "+12125550160")
expect_state("a002", { status = "in_call", cdc = 1 })
expect_in_flight("a002", { "+12125550159" })
advance(0.18324804820440477)                    -- 00:12:35.041
keep_alive "a001"
expect_state("a001", { status = "in_call", cdc = 0 })
advance(9.345738122845773)                      -- 00:12:44.387
call_fail("a002", "+12125550159", "no_answer")
expect_state("a002", { status = "in_call", cdc = 0 })
expect_in_flight("a002", {})
advance(4.80626187715427)                       -- 00:12:49.193
keep_alive "a002"
expect_state("a002", { status = "in_call", cdc = 0 })
advance(1.249)                                  -- 00:12:50.442
keep_alive "a003"
expect_state("a003", { status = "in_call", cdc = 0 })
advance(14.598999999999933)                     -- 00:13:05.041
keep_alive "a001"
expect_state("a001", { status = "in_call", cdc = 0 })
advance(14.152)                                 -- 00:13:19.193
keep_alive "a002"
expect_state("a002", { status = "in_call", cdc = 0 })
advance(1.249)                                  -- 00:13:20.442
keep_alive "a003"
expect_state("a003", { status = "in_call", cdc = 0 })
advance(14.598999999999933)                     -- 00:13:35.041
keep_alive "a001"
expect_state("a001", { status = "in_call", cdc = 0 })
advance(1.6741562859591568)                     -- 00:13:36.715
call_end("a003", "+12125550148")
expect_state("a003", { status = "ready", cdc = 2 })
expect_in_flight("a003", { "+12125550161", "+12125550162" })
advance(2.3833602343892153)                     -- 00:13:39.099
call_fail("a003", "+12125550161", "failed")
expect_state("a003", { status = "ready", cdc = 2 })
expect_in_flight("a003", { "+12125550162", "+12125550163" })
advance(10.094483479651672)                     -- 00:13:49.193
keep_alive "a002"
expect_state("a002", { status = "in_call", cdc = 0 })
advance(1.249)                                  -- 00:13:50.442
keep_alive "a003"
expect_state("a003", { status = "ready", cdc = 2 })
advance(6.2731562859590895)                     -- 00:13:56.715
call_fail("a003", "+12125550162", "no_answer")
expect_state("a003", { status = "ready", cdc = 2 })
expect_in_flight("a003", { "+12125550163", "+12125550164" })
advance(2.3833602343892153)                     -- 00:13:59.099
call_fail("a003", "+12125550163", "no_answer")
expect_state("a003", { status = "ready", cdc = 2 })
expect_in_flight("a003", { "+12125550164", "+12125550165" })
advance(5.942483479651628)                      -- 00:14:05.041
keep_alive "a001"
expect_state("a001", { status = "in_call", cdc = 0 })
advance(1.2617422868481754)                     -- 00:14:06.303
call_start("a003", "+12125550164")
expect_state("a003", { status = "in_call", cdc = 1 })
expect_in_flight("a003", { "+12125550165" })
advance(12.795774233500197)                     -- 00:14:19.099
call_fail("a003", "+12125550165", "no_answer")
expect_state("a003", { status = "in_call", cdc = 0 })
expect_in_flight("a003", {})
advance(0.09448347965167159)                    -- 00:14:19.193
keep_alive "a002"
expect_state("a002", { status = "in_call", cdc = 0 })
advance(1.249)                                  -- 00:14:20.442
keep_alive "a003"
expect_state("a003", { status = "in_call", cdc = 0 })
advance(10.239751367801205)                     -- 00:14:30.682
call_end("a002", "+12125550160")
expect_state("a002", { status = "ready", cdc = 2 })
expect_in_flight("a002", { "+12125550128", "+12125550129" })
advance(4.359248632198728)                      -- 00:14:35.041
keep_alive "a001"
expect_state("a001", { status = "in_call", cdc = 0 })
advance(0.5690434676904488)                     -- 00:14:35.610
call_fail("a002", "+12125550129", "busy")
expect_state("a002", { status = "ready", cdc = 2 })
expect_in_flight("a002", { "+12125550128", "+12125550166" })
advance(0.20222035823292117)                    -- 00:14:35.812
call_fail("a002", "+12125550128", "busy")
expect_state("a002", { status = "ready", cdc = 2 })
expect_in_flight("a002", { "+12125550166", "+12125550167" })
advance(4.235974537347829)                      -- 00:14:40.048
call_end("a003", "+12125550164")
expect_state("a003", { status = "ready", cdc = 2 })
expect_in_flight("a003", { "+12125550168", "+12125550169" })
advance(7.954846597735582)                      -- 00:14:48.003
call_start("a003", "+12125550168")
expect_state("a003", { status = "in_call", cdc = 1 })
expect_in_flight("a003", { "+12125550169" })
advance(1.189915038993263)                      -- 00:14:49.193
keep_alive "a002"
expect_state("a002", { status = "ready", cdc = 2 })
advance(1.249)                                  -- 00:14:50.442
keep_alive "a003"
expect_state("a003", { status = "in_call", cdc = 1 })
advance(5.1680434676903815)                     -- 00:14:55.610
call_fail("a002", "+12125550166", "no_answer")
expect_state("a002", { status = "ready", cdc = 2 })
expect_in_flight("a002", { "+12125550167", "+12125550170" })
advance(0.20222035823292117)                    -- 00:14:55.812
call_fail("a002", "+12125550167", "no_answer")
expect_state("a002", { status = "ready", cdc = 2 })
expect_in_flight("a002", { "+12125550170", "+12125550171" })
advance(4.18773617407669)                       -- 00:15:00.000
reload_rules "rules/power.lua"
advance(0.04823836327113895)                    -- 00:15:00.048
call_fail("a003", "+12125550169", "no_answer")
expect_state("a003", { status = "in_call", cdc = 0 })
expect_in_flight("a003", {})
advance(4.992761636728801)                      -- 00:15:05.041
keep_alive "a001"
expect_state("a001", { status = "in_call", cdc = 0 })
advance(0.9012127055898418)                     -- 00:15:05.942
call_start("a002", "+12125550170")
expect_state("a002", { status = "in_call", cdc = 1 })
expect_in_flight("a002", { "+12125550171" })
advance(9.870051120333528)                      -- 00:15:15.812
call_fail("a002", "+12125550171", "no_answer")
expect_state("a002", { status = "in_call", cdc = 0 })
expect_in_flight("a002", {})
advance(3.3807361740766737)                     -- 00:15:19.193
keep_alive "a002"
expect_state("a002", { status = "in_call", cdc = 0 })
advance(1.249)                                  -- 00:15:20.442
keep_alive "a003"
expect_state("a003", { status = "in_call", cdc = 0 })
advance(5.770024936237405)                      -- 00:15:26.212
call_end("a001", "+12125550158")
expect_state("a001", { status = "ready", cdc = 2 })
expect_in_flight("a001", { "+12125550172", "+12125550173" })
advance(2.927334360485588)                      -- 00:15:29.139
call_fail("a001", "+12125550173", "busy")
expect_state("a001", { status = "ready", cdc = 2 })
expect_in_flight("a001", { "+12125550172", "+12125550174" })
advance(4.330211137422111)                      -- 00:15:33.470
call_start("a001", "+12125550172")
expect_state("a001", { status = "in_call", cdc = 1 })
expect_in_flight("a001", { "+12125550174" })
advance(1.571429565854828)                      -- 00:15:35.041
keep_alive "a001"
expect_state("a001", { status = "in_call", cdc = 1 })
advance(14.09835929672306)                      -- 00:15:49.139
call_fail("a001", "+12125550174", "no_answer")
expect_state("a001", { status = "in_call", cdc = 0 })
expect_in_flight("a001", {})
advance(0.053640703276983004)                   -- 00:15:49.193
keep_alive "a002"
expect_state("a002", { status = "in_call", cdc = 0 })
advance(15.848)                                 -- 00:16:05.041
keep_alive "a001"
expect_state("a001", { status = "in_call", cdc = 0 })
advance(14.152)                                 -- 00:16:19.193
keep_alive "a002"
expect_state("a002", { status = "in_call", cdc = 0 })
advance(1.249)                                  -- 00:16:20.442
keep_alive "a003"
expect_state("a003", { status = "in_call", cdc = 0 })
advance(14.598999999999933)                     -- 00:16:35.041
keep_alive "a001"
expect_state("a001", { status = "in_call", cdc = 0 })
advance(3.8799052951687827)                     -- 00:16:38.921
call_end("a002", "+12125550170")
expect_state("a002", { status = "ready", cdc = 2 })
expect_in_flight("a002", { "+12125550175", "+12125550176" })
advance(4.747317634528258)                      -- 00:16:43.668
call_start("a002", "+12125550176")
expect_state("a002", { status = "in_call", cdc = 1 })
expect_in_flight("a002", { "+12125550175" })
advance(5.524777070303003)                      -- 00:16:49.193
keep_alive "a002"
expect_state("a002", { status = "in_call", cdc = 1 })
advance(1.249)                                  -- 00:16:50.442
keep_alive "a003"
expect_state("a003", { status = "in_call", cdc = 0 })
advance(8.478905295168715)                      -- 00:16:58.921
call_fail("a002", "+12125550175", "no_answer")
expect_state("a002", { status = "in_call", cdc = 0 })
expect_in_flight("a002", {})
advance(2.534673658694942)                      -- 00:17:01.456
call_end("a003", "+12125550168")
expect_state("a003", { status = "ready", cdc = 2 })
expect_in_flight("a003", { "+12125550177", "+12125550178" })
advance(3.5854210461362754)                     -- 00:17:05.041
keep_alive "a001"
expect_state("a001", { status = "in_call", cdc = 0 })
advance(0.5560879536512857)                     -- 00:17:05.597
call_start("a003", "+12125550178")
expect_state("a003", { status = "in_call", cdc = 1 })
expect_in_flight("a003", { "+12125550177" })
advance(13.595912046348758)                     -- 00:17:19.193
keep_alive "a002"
expect_state("a002", { status = "in_call", cdc = 0 })
advance(1.249)                                  -- 00:17:20.442
keep_alive "a003"
expect_state("a003", { status = "in_call", cdc = 1 })
advance(1.0135789538635436)                     -- 00:17:21.456
call_fail("a003", "+12125550177", "no_answer")
expect_state("a003", { status = "in_call", cdc = 0 })
expect_in_flight("a003", {})
advance(3.2017296664432706)                     -- 00:17:24.657
call_end("a001", "+12125550172")
expect_state("a001", { status = "ready", cdc = 2 })
expect_in_flight("a001", { "+12125550140", "+12125550179" })
advance(0.5390320220578815)                     -- 00:17:25.196
call_fail("a001", "+12125550140", "busy")
expect_state("a001", { status = "ready", cdc = 2 })
expect_in_flight("a001", { "+12125550179", "+12125550180" })
advance(9.844659357635237)                      -- 00:17:35.041
keep_alive "a001"
expect_state("a001", { status = "ready", cdc = 2 })
advance(1.626929141140181)                      -- 00:17:36.668
call_end("a002", "+12125550176")
expect_state("a002", { status = "ready", cdc = 2 })
expect_in_flight("a002", { "+12125550181", "+12125550182" })
advance(4.704252708892227)                      -- 00:17:41.372
call_start("a002", "+12125550182")
expect_state("a002", { status = "in_call", cdc = 1 })
expect_in_flight("a002", { "+12125550181" })
advance(3.2851267702744735)                     -- 00:17:44.657
call_fail("a001", "+12125550179", "no_answer")
expect_state("a001", { status = "ready", cdc = 2 })
expect_in_flight("a001", { "+12125550180", "+12125550183" })
advance(0.5390320220578815)                     -- 00:17:45.196
call_fail("a001", "+12125550180", "no_answer")
expect_state("a001", { status = "ready", cdc = 2 })
expect_in_flight("a001", { "+12125550183", "+12125550184" })
advance(3.9794187552638505)                     -- 00:17:49.176
call_start("a001", "+12125550183")
expect_state("a001", { status = "in_call", cdc = 1 })
expect_in_flight("a001", { "+12125550184" })
advance(0.017240602371430214)                   -- 00:17:49.193
keep_alive "a002"
expect_state("a002", { status = "in_call", cdc = 1 })
advance(1.249)                                  -- 00:17:50.442
keep_alive "a003"
expect_state("a003", { status = "in_call", cdc = 0 })
advance(6.225929141140114)                      -- 00:17:56.668
call_fail("a002", "+12125550181", "no_answer")
expect_state("a002", { status = "in_call", cdc = 0 })
expect_in_flight("a002", {})
advance(8.373070858859819)                      -- 00:18:05.041
keep_alive "a001"
expect_state("a001", { status = "in_call", cdc = 1 })
advance(0.15534064236476297)                    -- 00:18:05.196
call_fail("a001", "+12125550184", "no_answer")
expect_state("a001", { status = "in_call", cdc = 0 })
expect_in_flight("a001", {})
advance(11.113907679666227)                     -- 00:18:16.310
call_end("a002", "+12125550182")
expect_state("a002", { status = "ready", cdc = 2 })
expect_in_flight("a002", { "+12125550185", "+12125550186" })
advance(2.882751677969054)                      -- 00:18:19.193
keep_alive "a002"
expect_state("a002", { status = "ready", cdc = 2 })
advance(1.249)                                  -- 00:18:20.442
keep_alive "a003"
expect_state("a003", { status = "in_call", cdc = 0 })
advance(7.694784325643468)                      -- 00:18:28.137
call_start("a002", "+12125550185")
expect_state("a002", { status = "in_call", cdc = 1 })
expect_in_flight("a002", { "+12125550186" })
advance(3.097939546110865)                      -- 00:18:31.235
call_start("a002", "+12125550186")
expect_state("a002", { status = "in_call", cdc = 0 })
expect_in_flight("a002", {})
expect_ended "+12125550186"
expect_warning("call_start_while_in_call", "a002")
advance(3.8062761282455995)                     -- 00:18:35.041
keep_alive "a001"
expect_state("a001", { status = "in_call", cdc = 0 })
advance(14.152)                                 -- 00:18:49.193
keep_alive "a002"
expect_state("a002", { status = "in_call", cdc = 0 })
advance(1.249)                                  -- 00:18:50.442
keep_alive "a003"
expect_state("a003", { status = "in_call", cdc = 0 })
advance(14.355480310712437)                     -- 00:19:04.797
call_end("a003", "+12125550178")
expect_state("a003", { status = "ready", cdc = 2 })
expect_in_flight("a003", { "+12125550187", "+12125550188" })
advance(0.24351968928749557)                    -- 00:19:05.041
keep_alive "a001"
expect_state("a001", { status = "in_call", cdc = 0 })
advance(7.195254987332646)                      -- 00:19:12.236
call_start("a003", "+12125550187")
expect_state("a003", { status = "in_call", cdc = 1 })
expect_in_flight("a003", { "+12125550188" })
advance(3.9581326260308742)                     -- 00:19:16.194
call_end("a002", "+12125550185")
expect_state("a002", { status = "ready", cdc = 2 })
expect_in_flight("a002", { "+12125550189", "+12125550190" })
advance(2.9986123866365233)                     -- 00:19:19.193
keep_alive "a002"
expect_state("a002", { status = "ready", cdc = 2 })
advance(1.249)                                  -- 00:19:20.442
keep_alive "a003"
expect_state("a003", { status = "in_call", cdc = 1 })
advance(4.355480310712437)                      -- 00:19:24.797
call_fail("a003", "+12125550188", "no_answer")
expect_state("a003", { status = "in_call", cdc = 0 })
expect_in_flight("a003", {})
advance(5.928365683927723)                      -- 00:19:30.726
call_start("a002", "+12125550189")
expect_state("a002", { status = "in_call", cdc = 1 })
expect_in_flight("a002", { "+12125550190" })
advance(4.315154005359773)                      -- 00:19:35.041
keep_alive "a001"
expect_state("a001", { status = "in_call", cdc = 0 })
advance(0.6659235267022723)                     -- 00:19:35.707
call_end("a001", "+12125550183")
expect_state("a001", { status = "ready", cdc = 2 })
expect_in_flight("a001", { "+12125550191", "+12125550192" })
advance(0.4874640866612481)                     -- 00:19:36.194
call_fail("a002", "+12125550190", "no_answer")
expect_state("a002", { status = "in_call", cdc = 0 })
expect_in_flight("a002", {})
advance(7.09977531127447)                       -- 00:19:43.294
call_start("a001", "+12125550192")
expect_state("a001", { status = "in_call", cdc = 1 })
expect_in_flight("a001", { "+12125550191" })
advance(5.898837075362053)                      -- 00:19:49.193
keep_alive "a002"
expect_state("a002", { status = "in_call", cdc = 0 })
advance(1.249)                                  -- 00:19:50.442
keep_alive "a003"
expect_state("a003", { status = "in_call", cdc = 0 })
advance(5.264923526702205)                      -- 00:19:55.707
call_fail("a001", "+12125550191", "no_answer")
expect_state("a001", { status = "in_call", cdc = 0 })
expect_in_flight("a001", {})

-- where the window ended
expect_eq(dials(), { "+12125550127", "+12125550142", "+12125550143", "+12125550144", "+12125550145", "+12125550146", "+12125550147", "+12125550148", "+12125550149", "+12125550150", "+12125550151", "+12125550152", "+12125550153", "+12125550154", "+12125550155", "+12125550156", "+12125550157", "+12125550158", "+12125550159", "+12125550160", "+12125550161", "+12125550162", "+12125550163", "+12125550164", "+12125550165", "+12125550128", "+12125550129", "+12125550166", "+12125550167", "+12125550168", "+12125550169", "+12125550170", "+12125550171", "+12125550172", "+12125550173", "+12125550174", "+12125550175", "+12125550176", "+12125550177", "+12125550178", "+12125550140", "+12125550179", "+12125550180", "+12125550181", "+12125550182", "+12125550183", "+12125550184", "+12125550185", "+12125550186", "+12125550187", "+12125550188", "+12125550189", "+12125550190", "+12125550191", "+12125550192" }, "every dial, in order")
expect_outcome("+12125550127", "completed")
expect_outcome("+12125550142", "completed")
expect_outcome("+12125550143", "dropped")
expect_outcome("+12125550144", "completed")
expect_outcome("+12125550145", "no_answer")
expect_outcome("+12125550146", "no_answer")
expect_outcome("+12125550147", "no_answer")
expect_outcome("+12125550148", "completed")
expect_outcome("+12125550149", "no_answer")
expect_outcome("+12125550150", "no_answer")
expect_outcome("+12125550151", "no_answer")
expect_outcome("+12125550152", "no_answer")
expect_outcome("+12125550153", "busy")
expect_outcome("+12125550154", "busy")
expect_outcome("+12125550155", "no_answer")
expect_outcome("+12125550156", "no_answer")
expect_outcome("+12125550157", "no_answer")
expect_outcome("+12125550158", "completed")
expect_outcome("+12125550159", "no_answer")
expect_outcome("+12125550160", "completed")
expect_outcome("+12125550161", "failed")
expect_outcome("+12125550162", "no_answer")
expect_outcome("+12125550163", "no_answer")
expect_outcome("+12125550164", "completed")
expect_outcome("+12125550165", "no_answer")
expect_outcome("+12125550128", "busy")
expect_outcome("+12125550129", "busy")
expect_outcome("+12125550166", "no_answer")
expect_outcome("+12125550167", "no_answer")
expect_outcome("+12125550168", "completed")
expect_outcome("+12125550169", "no_answer")
expect_outcome("+12125550170", "completed")
expect_outcome("+12125550171", "no_answer")
expect_outcome("+12125550172", "completed")
expect_outcome("+12125550173", "busy")
expect_outcome("+12125550174", "no_answer")
expect_outcome("+12125550175", "no_answer")
expect_outcome("+12125550176", "completed")
expect_outcome("+12125550177", "no_answer")
expect_outcome("+12125550178", "completed")
expect_outcome("+12125550140", "busy")
expect_outcome("+12125550179", "no_answer")
expect_outcome("+12125550180", "no_answer")
expect_outcome("+12125550181", "no_answer")
expect_outcome("+12125550182", "completed")
expect_outcome("+12125550183", "completed")
expect_outcome("+12125550184", "no_answer")
expect_outcome("+12125550185", "completed")
expect_outcome("+12125550186", "dropped")
expect_outcome("+12125550187", "connected")
expect_outcome("+12125550188", "no_answer")
expect_outcome("+12125550189", "connected")
expect_outcome("+12125550190", "no_answer")
expect_outcome("+12125550191", "no_answer")
expect_outcome("+12125550192", "connected")
