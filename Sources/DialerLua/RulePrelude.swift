/// Lua run before every rule file: the row syntax (`status "ready" { ... }`), the `ignore`
/// marker and `dial_ratio`. Written in Lua so that its errors are raised by Lua (`error(…, 2)`
/// points at the rule file's line).
let rulePrelude = #"""
    local begin_row, end_row = ...
    ignore = setmetatable({}, { __name = "ignore", __tostring = function() return "ignore" end })

    function status(name)
      local row = begin_row(name)
      return function(cells) end_row(row, cells) end
    end

    function dial_ratio(agent)
      local r = DIAL_RATIO
      if type(r) == "function" then r = r(agent, campaign) end
      if type(r) ~= "number" or r ~= math.floor(r) or r < 0 then
        error("DIAL_RATIO must give a whole number of lines >= 0, got " .. tostring(r), 2)
      end
      return math.tointeger(r)
    end
    """#
