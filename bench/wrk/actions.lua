-- POST /api/dossiers/:id/transitions, signed in (cookie + x-csrf-token), one dossier per request.
-- Each thread owns a slice of the pool (BENCH_IDS: "id<TAB>province<TAB>unit" lines) and walks it in passes:
-- pass 0 start_processing, then request_supplement and supplement_received in turn, so every
-- request is a legal step and a dossier is only touched again after the whole slice has been.
package.path = os.getenv("BENCH_WRK_DIR") .. "/?.lua;" .. package.path
require("report")
done = report

local nthread = 0
function setup(thread)
  thread:set("tid", nthread)
  nthread = nthread + 1
end

function init(args)
  ids, provs, sessions = {}, {}, {}
  for line in io.lines(os.getenv("BENCH_IDS")) do
    local id, p = line:match("^([^\t]+)\t([^\t]+)")
    if id then ids[#ids + 1] = id; provs[#provs + 1] = p end
  end
  for line in io.lines(os.getenv("BENCH_SESSIONS")) do
    local p, cookie, csrf = line:match("^([^\t]+)\t([^\t]+)\t([^\t]+)$")
    if p then sessions[p] = { cookie = cookie, csrf = csrf } end
  end
  local nthreads = tonumber(os.getenv("BENCH_THREADS"))
  per = math.floor(#ids / nthreads)
  base = tid * per
  counter = 0
end

function request()
  local idx = counter % per
  local pass = math.floor(counter / per)
  counter = counter + 1
  local action
  if pass == 0 then action = "start_processing" elseif pass % 2 == 1 then action = "request_supplement" else action = "supplement_received" end
  local i = base + idx + 1
  local s = sessions[provs[i]]
  return wrk.format("POST", "/api/dossiers/" .. ids[i] .. "/transitions",
    { ["Content-Type"] = "application/json", ["Cookie"] = s.cookie, ["x-csrf-token"] = s.csrf },
    '{"action":"' .. action .. '"}')
end
