-- earn.lua with a basket: two lines whose categories the rules run's category bonuses
-- look at, adding up to a random amount. args: ids_file program_id pos_key tag
local dir = string.match(debug.getinfo(1, "S").source, "^@(.*/)") or "./"
dofile(dir .. "common.lua")

local ids, n, path, key, tag
local counter = 0
local categories = { "food", "clothing", "beauty", "electronics", "home", "toys", "giftcard", "books" }

function init(args)
  ids = read_ids(args[1])
  n = #ids
  path = "/v1/programs/" .. args[2] .. "/purchases"
  key = "Bearer " .. args[3]
  tag = args[4]
  math.randomseed(os.time() * 1000 + thread_id)
end

function request()
  counter = counter + 1
  local a = math.random(100, 100000)
  local b = math.random(100, 100000)
  local body = '{"member_id":"' .. ids[math.random(n)] .. '","amount_fen":' .. (a + b) ..
    ',"lines":[{"sku":"SKU-' .. math.random(1, 50) .. '","category":"' .. categories[math.random(#categories)] .. '","quantity":1,"amount_fen":' .. a ..
    '},{"sku":"SKU-' .. math.random(51, 99) .. '","category":"' .. categories[math.random(#categories)] .. '","quantity":2,"amount_fen":' .. b .. '}]}'
  return wrk.format("POST", path, {
    ["Authorization"] = key,
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = tag .. "-" .. thread_id .. "-" .. counter,
  }, body)
end
