// @ts-nocheck
// The judge's JavaScript and TypeScript harness (valid as both when checked
// loosely). The judge puts a few generated lines in front of this file:
// __mr_params, __mr_ret, __mr_fnName and __mr_file (the problem's signature
// and the file name the candidate's frames carry), __mr_class and
// __mr_methods (a design problem's class and its operations, or "" and {}),
// and __mr_load(), which returns the candidate's function (or class): for JavaScript it compiles the code with
// __mr_loadScript below; TypeScript's code is bundled ahead of it all. A
// worker thread watches the process's CPU time and kills the process when
// one test overruns, after saying so on the channel.
const __mr_fs = require("fs");
const __mr_vm = require("vm");
const { Worker: __mr_Worker } = require("worker_threads");
const __mr_input = JSON.parse(__mr_fs.readFileSync(0, "utf8"));
const __mr_marker = __mr_input.marker;
const __mr_limit = __mr_input.time_limit_ms;
const __mr_cap = 65536;

// fd 1 may be non-blocking (a pipe node touched), so one writeSync can stop
// partway through a large result: loop until every byte is out.
const __mr_nap = new Int32Array(new SharedArrayBuffer(4));
function __mr_emit(obj) {
  const buf = Buffer.from("\n" + __mr_marker + JSON.stringify(obj) + "\n");
  for (let off = 0; off < buf.length; ) {
    try {
      off += __mr_fs.writeSync(1, buf, off, buf.length - off);
    } catch (e) {
      if (e.code !== "EAGAIN") throw e;
      Atomics.wait(__mr_nap, 0, 0, 1);
    }
  }
}
function __mr_errText(e) {
  if (e instanceof Error) return e.name + (e.message ? ": " + e.message : "");
  return "thrown: " + String(e);
}
function __mr_trace(e) {
  if (!(e instanceof Error) || !e.stack) return "";
  const keep = String(e.stack).split("\n").filter((l) => l.includes(__mr_file + ":"));
  return keep.length ? __mr_errText(e) + "\n" + keep.join("\n") : "";
}
globalThis.ListNode = function ListNode(val, next) {
  this.val = val === undefined ? 0 : val;
  this.next = next === undefined ? null : next;
};
globalThis.TreeNode = function TreeNode(val, left, right) {
  this.val = val === undefined ? 0 : val;
  this.left = left === undefined ? null : left;
  this.right = right === undefined ? null : right;
};
function __mr_in(v, t) {
  if (t.endsWith("[]")) return v == null ? null : v.map((x) => __mr_in(x, t.slice(0, -2)));
  if (t === "ListNode") {
    let head = null;
    for (let i = (v || []).length - 1; i >= 0; i--) head = new globalThis.ListNode(v[i], head);
    return head;
  }
  if (t === "TreeNode") {
    if (!v || !v.length || v[0] == null) return null;
    const root = new globalThis.TreeNode(v[0]);
    const q = [root];
    let i = 1;
    for (let k = 0; k < q.length && i < v.length; k++) {
      const n = q[k];
      if (v[i] != null) { n.left = new globalThis.TreeNode(v[i]); q.push(n.left); }
      i++;
      if (i < v.length && v[i] != null) { n.right = new globalThis.TreeNode(v[i]); q.push(n.right); }
      i++;
    }
    return root;
  }
  return v;
}
function __mr_out(v, t) {
  if (v === undefined || v === null) return t === "ListNode" || t === "TreeNode" ? [] : null;
  if (t.endsWith("[]")) return Array.from(v, (x) => __mr_out(x, t.slice(0, -2)));
  if (t === "ListNode") {
    const out = [];
    for (; v != null; v = v.next) {
      if (out.length > 1000000) throw new Error("the returned list is too long or has a cycle");
      out.push(v.val);
    }
    return out;
  }
  if (t === "TreeNode") {
    const out = [], q = [v];
    for (let k = 0; k < q.length; k++) {
      if (q.length > 2000000) throw new Error("the returned tree is too large or has a cycle");
      const n = q[k];
      if (n == null) { out.push(null); continue; }
      out.push(n.val); q.push(n.left); q.push(n.right);
    }
    while (out.length && out[out.length - 1] === null) out.pop();
    return out;
  }
  if (typeof v === "number" && !Number.isFinite(v)) return null;
  return v;
}

// __mr_loadScript compiles JavaScript source as its own script named
// solution.js, so a syntax error is caught with its line and traces keep
// their numbers, and returns the function named fn in it.
function __mr_loadScript(src, fn) {
  try {
    __mr_vm.runInThisContext(src, { filename: "solution.js" });
  } catch (e) {
    if (e instanceof SyntaxError) {
      const m = /solution\.js:(\d+)/.exec(String(e.stack));
      const lines = String(e.stack).split("\n");
      let col = 0;
      if (lines.length > 2 && /^\s*\^/.test(lines[2])) col = lines[2].indexOf("^") + 1;
      __mr_emit({ t: "compile_error", message: "SyntaxError: " + e.message, line: m ? Number(m[1]) : 0, column: col });
    } else {
      __mr_emit({ t: "load_error", error: __mr_errText(e), trace: __mr_trace(e) });
    }
    process.exit(0);
  }
  return __mr_vm.runInThisContext("typeof " + fn + " === 'function' ? " + fn + " : undefined");
}

// __mr_design replays a design test: calls[0] constructs, the rest call
// methods; at.k is the call in progress.
function __mr_design(Cls, calls, at) {
  const res = new Array(calls.length).fill(null);
  at.k = 0;
  const obj = new Cls(...calls[0][1]);
  for (let k = 1; k < calls.length; k++) {
    at.k = k;
    const c = calls[k], f = obj[c[0]];
    if (typeof f !== "function") throw new TypeError(c[0] + " is not a method of " + __mr_class);
    res[k] = f.apply(obj, c[1]);
  }
  at.k = -1;
  return res;
}
function __mr_designCalls(inp) {
  const ops = inp.operations || [], args = inp.arguments || [];
  return ops.map((op, k) => {
    const [params, ret] = __mr_methods[op];
    return [op, params.map(([, t], j) => __mr_in(args[k][j], t)), ret];
  });
}

const __mr_fn = __mr_load();
if (typeof __mr_fn !== "function") {
  __mr_emit({ t: "load_error", error: __mr_class ? "class " + __mr_class + " was not found" : "function " + __mr_fnName + " was not found", trace: "" });
  process.exit(0);
}

// Shared with the watchdog: [test index or -1, CPU microseconds at its start].
const __mr_shared = new Float64Array(new SharedArrayBuffer(16));
__mr_shared[0] = -1;
const __mr_dog = new __mr_Worker(
  'const { workerData: w } = require("worker_threads"); const fs = require("fs");' +
  'const s = new Float64Array(w.buf);' +
  'setInterval(() => { const i = s[0]; if (i < 0) return; const u = process.cpuUsage();' +
  ' if (u.user + u.system - s[1] > w.limit * 1000) {' +
  '  fs.writeSync(1, "\\n" + w.marker + JSON.stringify({ t: "result", i: i, ok: false, verdict: "time_limit", error: "Time limit exceeded", ms: w.limit }) + "\\n");' +
  '  process.kill(process.pid, "SIGKILL"); } }, 10);',
  { eval: true, workerData: { buf: __mr_shared.buffer, limit: __mr_limit, marker: __mr_marker } });
__mr_dog.unref();

const __mr_realOut = process.stdout.write, __mr_realErr = process.stderr.write;
__mr_emit({ t: "ready" });
for (let i = 0; i < __mr_input.tests.length; i++) {
  const inp = __mr_input.tests[i];
  let args = null, calls = null;
  const at = { k: -1 };
  if (__mr_class) {
    try {
      calls = __mr_designCalls(inp);
    } catch (e) {
      __mr_emit({ t: "result", i: i, ok: false, verdict: "internal_error", error: "bad input: " + e.message });
      continue;
    }
  } else {
    args = __mr_params.map(([name, t]) => __mr_in(inp[name], t));
  }
  let out = "", err = "";
  process.stdout.write = function (chunk) { if (out.length < __mr_cap) out += String(chunk); return true; };
  process.stderr.write = function (chunk) { if (err.length < __mr_cap) err += String(chunk); return true; };
  let ev = { t: "result", i: i, ok: true }, res;
  const u0 = process.cpuUsage();
  __mr_shared[1] = u0.user + u0.system;
  __mr_shared[0] = i;
  const t0 = process.hrtime.bigint();
  try {
    res = __mr_class ? __mr_design(__mr_fn, calls, at) : __mr_fn(...args);
  } catch (e) {
    const oom = e instanceof RangeError && /memory|allocation/i.test(e.message);
    ev = { t: "result", i: i, ok: false, verdict: oom ? "memory_limit" : "runtime_error", error: __mr_errText(e), trace: __mr_trace(e) };
    if (at.k >= 0) ev.call = at.k;
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const u1 = process.cpuUsage(u0);
  __mr_shared[0] = -1;
  process.stdout.write = __mr_realOut;
  process.stderr.write = __mr_realErr;
  if (ev.ok) {
    try {
      ev.out = __mr_class ? calls.map((c, k) => (c[2] === "void" ? null : __mr_out(res[k], c[2]))) : __mr_out(res, __mr_ret);
    } catch (e) {
      ev = { t: "result", i: i, ok: false, verdict: "runtime_error", error: "the returned value is not a valid " + __mr_ret + ": " + e.message };
    }
  }
  ev.ms = ms;
  ev.cpu_ms = (u1.user + u1.system) / 1000;
  ev.stdout = out.slice(0, __mr_cap);
  ev.stderr = err.slice(0, __mr_cap);
  __mr_emit(ev);
}
__mr_emit({ t: "done" });
process.exit(0);
