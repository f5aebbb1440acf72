package redisqueue

import "github.com/redis/go-redis/v9"

// The queue's state, all under one hash tag so that a Redis Cluster keeps
// it on one node (every script touches all of it):
//
//	q     sorted set  waiting run id → its number in line (FIFO order)
//	ql    sorted set  waiting run id → when its lease ends (ms, Redis time)
//	h     sorted set  admitted run id → when its lease ends
//	info  hash        run id → "<memory bytes> <user>"
//	seq   string      the last number given out in line
//	hold  string      a moving average of how long a run holds its place (ms)
//
// A place is held under a lease that its node renews; a node that dies
// stops renewing and its places and waiting runs are dropped when the
// leases end, by whichever script runs next. Times are Redis's (TIME), so
// the nodes' clocks do not matter.
//
// KEYS: q, ql, h, info, seq, hold. Every script's ARGV starts with the
// channel it publishes on after a change that may admit or move others,
// then the calling node's limits: max concurrent, max per user, memory
// budget, lease (ms). The limits of the node that calls apply: nodes must
// be configured alike.
const prelude = `
local Q, QL, H, INFO, SEQ, HOLD = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6]
local CH = ARGV[1]
local MAXCONC, MAXUSER, BUDGET, LEASE = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])

local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

local function parse(s)
  if not s then return 0, '' end
  local sp = string.find(s, ' ', 1, true)
  return tonumber(string.sub(s, 1, sp - 1)), string.sub(s, sp + 1)
end

local function forget(id)
  redis.call('ZREM', Q, id)
  redis.call('ZREM', QL, id)
  redis.call('ZREM', H, id)
  redis.call('HDEL', INFO, id)
end

-- expire drops the places and waiting runs whose lease ended.
local function expire(now)
  local gone = false
  for _, id in ipairs(redis.call('ZRANGEBYSCORE', H, '-inf', now)) do forget(id); gone = true end
  for _, id in ipairs(redis.call('ZRANGEBYSCORE', QL, '-inf', now)) do forget(id); gone = true end
  return gone
end

-- dispatch admits every waiting run that fits, in order, as
-- admission.Memory does: the first run that the shared limits cannot take
-- blocks those behind it; a run waiting only for its own user's earlier
-- run is stepped over. It returns how many it admitted.
local function dispatch(now)
  local held = redis.call('ZRANGE', H, 0, -1)
  local running, memory, perUser = #held, 0, {}
  for _, id in ipairs(held) do
    local m, u = parse(redis.call('HGET', INFO, id))
    memory = memory + m
    if u ~= '' then perUser[u] = (perUser[u] or 0) + 1 end
  end
  local admitted = 0
  for _, id in ipairs(redis.call('ZRANGE', Q, 0, -1)) do
    local m, u = parse(redis.call('HGET', INFO, id))
    local userFull = u ~= '' and (perUser[u] or 0) >= MAXUSER
    if userFull then
      -- waits for itself, not for the fleet
    elseif running >= MAXCONC or memory + m > BUDGET then
      break
    else
      running = running + 1
      memory = memory + m
      if u ~= '' then perUser[u] = (perUser[u] or 0) + 1 end
      redis.call('ZREM', Q, id)
      redis.call('ZREM', QL, id)
      redis.call('ZADD', H, now + LEASE, id)
      admitted = admitted + 1
    end
  end
  return admitted
end

-- retry estimates when a refused run would find a place: the line ahead,
-- a concurrent run's share at a time.
local function retry(maxWait)
  local hold = tonumber(redis.call('GET', HOLD) or '2000')
  local rounds = math.floor((redis.call('ZCARD', Q) + MAXCONC) / MAXCONC)
  return math.min(math.max(rounds * hold, 1000), maxWait)
end
`

// admit: ARGV 6.. id, info, max queue, max wait (ms).
// Returns {1} admitted, {2, retry ms} refused (queue full), {0, ahead}.
var admitScript = redis.NewScript(prelude + `
local id, info, maxQueue, maxWait = ARGV[6], ARGV[7], tonumber(ARGV[8]), tonumber(ARGV[9])
local now = now_ms()
local changed = expire(now)
local seq = redis.call('INCR', SEQ)
redis.call('ZADD', Q, seq, id)
redis.call('ZADD', QL, now + LEASE, id)
redis.call('HSET', INFO, id, info)
local n = dispatch(now)
local res
if redis.call('ZSCORE', H, id) then
  n = n - 1
  res = {1, 0}
elseif redis.call('ZCARD', Q) > maxQueue then
  forget(id)
  res = {2, retry(maxWait)}
else
  res = {0, redis.call('ZRANK', Q, id)}
end
if changed or n > 0 then redis.call('PUBLISH', CH, '') end
return res
`)

// poll: renews a waiting run's lease, drops what expired, admits what
// fits. ARGV 6: id. Returns {1} admitted, {0, ahead}, {3} gone (its lease
// ended).
var pollScript = redis.NewScript(prelude + `
local id = ARGV[6]
local now = now_ms()
local changed = expire(now)
if redis.call('ZSCORE', Q, id) then redis.call('ZADD', QL, now + LEASE, id) end
if dispatch(now) > 0 then changed = true end
if changed then redis.call('PUBLISH', CH, '') end
if redis.call('ZSCORE', H, id) then return {1, 0} end
local r = redis.call('ZRANK', Q, id)
if r then return {0, r} end
return {3, 0}
`)

// position: where a run stands, read only (after a notification).
// KEYS: q, h. ARGV: id. Returns as poll.
var positionScript = redis.NewScript(`
if redis.call('ZSCORE', KEYS[2], ARGV[1]) then return {1, 0} end
local r = redis.call('ZRANK', KEYS[1], ARGV[1])
if r then return {0, r} end
return {3, 0}
`)

// leave: a waiting run gives up. ARGV 6.. id, max wait (ms).
// Returns {1, retry ms} left, {0} admitted meanwhile (it holds a place),
// {2} gone.
var leaveScript = redis.NewScript(prelude + `
local id, maxWait = ARGV[6], tonumber(ARGV[7])
if redis.call('ZSCORE', Q, id) then
  forget(id)
  local now = now_ms()
  expire(now)
  dispatch(now)
  redis.call('PUBLISH', CH, '')
  return {1, retry(maxWait)}
end
if redis.call('ZSCORE', H, id) then return {0, 0} end
return {2, 0}
`)

// release: gives a place back. ARGV 6.. id, how long it was held (ms).
var releaseScript = redis.NewScript(prelude + `
local id, held = ARGV[6], tonumber(ARGV[7])
local had = redis.call('ZSCORE', H, id)
forget(id)
if had and held > 0 then
  local hold = tonumber(redis.call('GET', HOLD) or '2000')
  redis.call('SET', HOLD, math.floor((7 * hold + held) / 8))
end
local now = now_ms()
expire(now)
dispatch(now)
redis.call('PUBLISH', CH, '')
return had and 1 or 0
`)

// renew: extends the leases of places a node holds; drops what expired
// and admits what fits (so that a dead node's places come back even when
// no run waits on a live one's poll). ARGV 6..: ids. Returns the ids it
// no longer holds.
var renewScript = redis.NewScript(prelude + `
local now = now_ms()
local lost = {}
for i = 6, #ARGV do
  local id = ARGV[i]
  if redis.call('ZSCORE', H, id) and tonumber(redis.call('ZSCORE', H, id)) > now then
    redis.call('ZADD', H, now + LEASE, id)
  else
    table.insert(lost, id)
  end
end
local changed = expire(now)
if dispatch(now) > 0 then changed = true end
if changed then redis.call('PUBLISH', CH, '') end
return lost
`)
