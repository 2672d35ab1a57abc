-- An office day's mix of requests (bench/scenarios/office-day.ts), each from a signed-in account of its kind:
-- dossier lists with filters, dossier pages, the "my work" queue, intakes (POST with an Idempotency-Key, one in five
-- sent again at once: a retry, expected to get the first answer back), transitions, the board (commune, province,
-- country), unit search without diacritics and person pages.
-- Inputs (environment): BENCH_SESSIONS (kind, username, cookie, csrf, unit, province, person ids comma-separated),
-- BENCH_IDS (the open dossiers of the signed-in communes: id, province, unit), BENCH_FIELD, BENCH_PROCEDURE,
-- BENCH_THREADS, BENCH_OUT (each thread writes every response's kind, status and latency to BENCH_OUT.<thread>, a
-- line at a time: wrk's thread:get crashes on nested tables, and a thread has no last call to flush a buffer).
-- Latency per request: each request carries x-bench-id, which the bench server echoes (bench/server.ts --echo-id);
-- the time is taken with clock_gettime when wrk asks for the request and when its response is parsed.
package.path = os.getenv("BENCH_WRK_DIR") .. "/?.lua;" .. package.path
require("report")

local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clk_id, bench_timespec *tp);
]]
local ts = ffi.new("bench_timespec")
local function now_us()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000000 + tonumber(ts.tv_nsec) / 1000
end

local nthread = 0
function setup(thread)
  thread:set("tid", nthread)
  nthread = nthread + 1
end

-- 49 slots of an office day (the retries add about one more): what is read far more than what is written.
local WEIGHTS = {
  { "dossier list", 9 }, { "dossier page", 9 }, { "my work queue", 6 }, { "intake", 5 }, { "transition", 5 },
  { "board", 5 }, { "unit search", 5 }, { "person page", 5 },
}
local SEARCHES = { "xuan", "ba dinh", "hoan kiem", "tan phu", "phuoc", "thanh", "long bien", "hai chau", "cam", "an khanh",
  "dong", "ninh", "quang", "phu my", "binh" }

local function split(s, sep)
  local out = {}
  for part in (s .. sep):gmatch("(.-)" .. sep) do out[#out + 1] = part end
  return out
end

local function pick(t) return t[math.random(#t)] end

function init(args)
  math.randomseed(1000 + tid * 7919)
  sessions, communes, provinces, ministry, personal, withPeople = {}, {}, {}, {}, {}, {}
  byUnit, byProvince = {}, {}
  for line in io.lines(os.getenv("BENCH_SESSIONS")) do
    local f = split(line, "\t")
    if #f >= 6 then
      local s = { kind = f[1], user = f[2], cookie = f[3], csrf = f[4], unit = f[5], province = f[6], people = {} }
      if f[7] and f[7] ~= "" then s.people = split(f[7], ",") end
      sessions[#sessions + 1] = s
      if #s.people > 0 then withPeople[#withPeople + 1] = s end
      if s.kind == "commune" then communes[#communes + 1] = s; byUnit[s.unit] = s
      elseif s.kind == "province" then provinces[#provinces + 1] = s; byProvince[s.province] = s
      elseif s.kind == "ministry" then ministry[#ministry + 1] = s
      else personal[#personal + 1] = s end
    end
  end
  receivers = {}
  for _, s in ipairs(communes) do receivers[#receivers + 1] = s end
  for _, s in ipairs(personal) do
    if s.kind == "receiving" and #s.unit == 5 then receivers[#receivers + 1] = s end
  end
  ids, provs, units = {}, {}, {}
  for line in io.lines(os.getenv("BENCH_IDS")) do
    local id, p, u = line:match("^([^\t]+)\t([^\t]+)\t([^\t]+)")
    if id then ids[#ids + 1] = id; provs[#provs + 1] = p; units[#units + 1] = u end
  end
  field = os.getenv("BENCH_FIELD")
  procedure = os.getenv("BENCH_PROCEDURE")
  stamp = os.getenv("BENCH_STAMP")
  local nthreads = tonumber(os.getenv("BENCH_THREADS"))
  per = math.floor(#ids / nthreads)
  base = tid * per
  -- the slots, shuffled once per thread
  slots = {}
  for _, w in ipairs(WEIGHTS) do for _ = 1, w[2] do slots[#slots + 1] = w[1] end end
  for i = #slots, 2, -1 do local j = math.random(i); slots[i], slots[j] = slots[j], slots[i] end
  counter, actionCounter, intakes, seq = 0, 0, 0, 0
  inflight = {}
  out = assert(io.open(os.getenv("BENCH_OUT") .. "." .. tid, "w"))
  out:setvbuf("line")
  pendingRetry = nil
end

local function get(kind, s, path)
  seq = seq + 1
  local id = tid .. "-" .. seq
  inflight[id] = { kind = kind, t = now_us() }
  return wrk.format("GET", path, { ["Cookie"] = s.cookie, ["x-bench-id"] = id })
end

local function post(kind, s, path, body, extra)
  seq = seq + 1
  local id = tid .. "-" .. seq
  local h = { ["Content-Type"] = "application/json", ["Cookie"] = s.cookie, ["x-csrf-token"] = s.csrf, ["x-bench-id"] = id }
  if extra then for k, v in pairs(extra) do h[k] = v end end
  local f = { kind = kind, t = 0 }
  if extra and extra["Idempotency-Key"] then f.ikey = extra["Idempotency-Key"] end
  inflight[id] = f
  local req = wrk.format("POST", path, h, body)
  f.t = now_us()
  return req
end

local function dossierList()
  local r = math.random()
  if r < 0.5 then
    local s = pick(communes)
    local v = math.random(3)
    if v == 1 then return get("dossier list", s, "/api/dossiers?unit=" .. s.unit .. "&status=received&pageSize=50") end
    if v == 2 then return get("dossier list", s, "/api/dossiers?unit=" .. s.unit .. "&overdue=true&pageSize=50") end
    return get("dossier list", s, "/api/dossiers?unit=" .. s.unit .. "&q=Nguy%E1%BB%85n&pageSize=20")
  elseif r < 0.8 then
    local s = pick(provinces)
    if math.random(2) == 1 then
      return get("dossier list", s, "/api/dossiers?province=" .. s.province .. "&field=" .. field .. "&status=received&pageSize=50")
    end
    return get("dossier list", s, "/api/dossiers?province=" .. s.province .. "&dueToday=true&pageSize=50")
  end
  local s = pick(ministry)
  if math.random(2) == 1 then return get("dossier list", s, "/api/dossiers?pageSize=50") end
  return get("dossier list", s, "/api/dossiers?province=" .. pick(provinces).province .. "&status=in_processing&pageSize=50")
end

local function dossierPage()
  local i = math.random(#ids)
  local s = byUnit[units[i]]
  if math.random() < 0.3 or not s then s = byProvince[provs[i]] or pick(ministry) end
  return get("dossier page", s, "/api/dossiers/" .. ids[i])
end

local function queue()
  local r = math.random()
  local s
  if r < 0.4 and #personal > 0 then s = pick(personal) elseif r < 0.9 then s = pick(communes) else s = pick(provinces) end
  return get("my work queue", s, "/api/dossiers/queue")
end

local function intake()
  intakes = intakes + 1
  local s = pick(receivers)
  local key = "bench-" .. stamp .. "-" .. tid .. "-" .. intakes
  local body = '{"procedureCode":"' .. procedure .. '","channel":"in_person","applicantName":"Nguyễn Thị Văn Phòng ' ..
      tid .. "-" .. intakes .. '","applicantIdNumber":"0011900' .. string.format("%05d", (tid * 50000 + intakes) % 100000) .. '"}'
  if intakes % 5 == 0 then pendingRetry = { s = s, key = key, body = body } end
  return post("intake", s, "/api/dossiers", body, { ["Idempotency-Key"] = key })
end

local function transition()
  local idx = actionCounter % per
  local pass = math.floor(actionCounter / per)
  actionCounter = actionCounter + 1
  local action
  if pass == 0 then action = "start_processing" elseif pass % 2 == 1 then action = "request_supplement" else action = "supplement_received" end
  local i = base + idx + 1
  local s = byUnit[units[i]]
  if idx % 3 == 0 or not s then s = byProvince[provs[i]] end
  return post("transition", s, "/api/dossiers/" .. ids[i] .. "/transitions", '{"action":"' .. action .. '"}')
end

local function board()
  local r = math.random()
  if r < 0.5 then
    local s = pick(communes)
    return get("board", s, "/api/dashboards/dossiers?unit=" .. s.unit)
  elseif r < 0.85 then
    local s = pick(provinces)
    return get("board", s, "/api/dashboards/dossiers?unit=" .. s.province)
  end
  return get("board", pick(ministry), "/api/dashboards/dossiers")
end

local function unitSearch()
  return get("unit search", pick(sessions), "/api/units?q=" .. pick(SEARCHES):gsub(" ", "%%20") .. "&pageSize=20")
end

local function personPage()
  local s = pick(withPeople)
  return get("person page", s, "/api/people/" .. pick(s.people))
end

local MAKE = {
  ["dossier list"] = dossierList, ["dossier page"] = dossierPage, ["my work queue"] = queue, ["intake"] = intake,
  ["transition"] = transition, ["board"] = board, ["unit search"] = unitSearch, ["person page"] = personPage,
}

function request()
  if pendingRetry then
    local r = pendingRetry
    pendingRetry = nil
    return post("intake retry", r.s, "/api/dossiers", r.body, { ["Idempotency-Key"] = r.key })
  end
  counter = counter + 1
  return MAKE[slots[(counter % #slots) + 1]]()
end

function response(status, headers, body)
  local id = headers["x-bench-id"]
  local f = id and inflight[id]
  if not f then return end
  inflight[id] = nil
  local us = math.floor(now_us() - f.t)
  -- L kind status µs; for intakes answered 201, I (first) or J (retry) key dossier-id
  out:write("L\t", f.kind, "\t", status, "\t", us, "\n")
  if f.ikey and status == 201 then
    local did = body:match('"id":"([0-9a-f-]+)"') or "?"
    out:write(f.kind == "intake" and "I\t" or "J\t", f.ikey, "\t", did, "\n")
  end
end

done = report
