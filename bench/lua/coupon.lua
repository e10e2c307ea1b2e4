-- The POS with coupons: POST …/coupons/validate (hold the code for this till, with the
-- till's own reservation token) and POST …/coupons/consume (with that token and an
-- Idempotency-Key), alternating. Each thread walks its own codes of the codes file (every
-- threads-th from start), validating code j and consuming code j - LAG: LAG pairs later,
-- so the validation has long been answered. A thread has at most its connections in
-- flight, but one slow answer (the max latency is ~100 ms) lets the other connections
-- run ahead: 64 pairs (~40 ms at 6,000 requests/s) was too short a lag, and now and then
-- a consume overtook its code's validation, which then answered 409 (used). 512 pairs
-- is ~0.35 s at that rate. Until then the odd requests validate code j again with the
-- same token (a basket that changed): the first 512 pairs of a run only validate, ~2 % of
-- its requests. Every code is used once: a 409 is a bug. One request = one
-- validate or one consume; each is one guarded UPDATE.
-- args: codes_file program_id pos_key tag start threads
local dir = string.match(debug.getinfo(1, "S").source, "^@(.*/)") or "./"
dofile(dir .. "common.lua")

local LAG = 512
local codes, n, validate_path, consume_path, auth, tag, start, threads
local counter = 0

function init(args)
  codes = read_ids(args[1])
  n = #codes
  validate_path = "/v1/programs/" .. args[2] .. "/coupons/validate"
  consume_path = "/v1/programs/" .. args[2] .. "/coupons/consume"
  auth = "Bearer " .. args[3]
  tag = args[4]
  start = tonumber(args[5])
  threads = tonumber(args[6])
end

local function code_of(j)
  return codes[((start + (thread_id - 1) + threads * j) % n) + 1]
end

local function token_of(j)
  return tag .. "-" .. thread_id .. "-" .. j
end

function request()
  local r = counter
  counter = counter + 1
  local j = math.floor(r / 2)
  if r % 2 == 0 or j < LAG then
    local body = '{"code":"' .. code_of(j) .. '","basket_fen":12000,"reservation_token":"' .. token_of(j) .. '"}'
    return wrk.format("POST", validate_path, { ["Authorization"] = auth, ["Content-Type"] = "application/json" }, body)
  end
  local k = j - LAG
  local body = '{"code":"' .. code_of(k) .. '","basket_fen":12000,"purchase_ref":"' .. token_of(k) .. '","reservation_token":"' .. token_of(k) .. '"}'
  return wrk.format("POST", consume_path, {
    ["Authorization"] = auth, ["Content-Type"] = "application/json", ["Idempotency-Key"] = token_of(k) .. "-c",
  }, body)
end
