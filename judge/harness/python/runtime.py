# The judge's Python harness. The judge writes main.py as a few generated
# lines (_MR_SRC, the candidate's code; _MR_FN, _MR_PARAMS and _MR_RET, the
# problem's signature; for a design problem _MR_CLASS and _MR_METHODS, the
# class and its operations) followed by this file. It reads every test from
# stdin, runs the candidate's code (compiled as "solution.py", so that
# tracebacks carry its own line numbers) and prints one marker line per
# event on a private copy of fd 1.
import sys, os, io, json, time, signal, traceback, linecache
from typing import *

_MR_CAP = 65536

class ListNode:
    def __init__(self, val=0, next=None):
        self.val = val
        self.next = next

class TreeNode:
    def __init__(self, val=0, left=None, right=None):
        self.val = val
        self.left = left
        self.right = right


class _MRTimeLimit(BaseException):
    pass


def _mr_in(v, t):
    if t.endswith("[]"):
        return None if v is None else [_mr_in(x, t[:-2]) for x in v]
    if t == "ListNode":
        head = None
        for x in reversed(v or []):
            head = ListNode(x, head)
        return head
    if t == "TreeNode":
        if not v or v[0] is None:
            return None
        root = TreeNode(v[0])
        queue, i = [root], 1
        for node in queue:
            if i >= len(v):
                break
            if v[i] is not None:
                node.left = TreeNode(v[i])
                queue.append(node.left)
            i += 1
            if i < len(v) and v[i] is not None:
                node.right = TreeNode(v[i])
                queue.append(node.right)
            i += 1
        return root
    if t == "double" and v is not None:
        return float(v)
    return v


def _mr_out(v, t):
    if v is None:
        return [] if t in ("ListNode", "TreeNode") else None
    if t.endswith("[]"):
        return [_mr_out(x, t[:-2]) for x in v]
    if t == "ListNode":
        out = []
        while v is not None:
            if len(out) > 1000000:
                raise ValueError("the returned list is too long or has a cycle")
            out.append(v.val)
            v = v.next
        return out
    if t == "TreeNode":
        out, queue = [], [v]
        for node in queue:
            if len(queue) > 2000000:
                raise ValueError("the returned tree is too large or has a cycle")
            if node is None:
                out.append(None)
                continue
            out.append(node.val)
            queue.append(node.left)
            queue.append(node.right)
        while out and out[-1] is None:
            out.pop()
        return out
    if t == "double":
        f = float(v)
        return None if f != f or f in (float("inf"), float("-inf")) else f
    if t in ("int", "long") and isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def _mr_trace(tb):
    frames = [f for f in traceback.extract_tb(tb) if f.filename == "solution.py"]
    if not frames:
        return ""
    return "Traceback (most recent call last):\n" + "".join(traceback.format_list(frames))


def _mr_design(cls, calls, at):
    """Replays a design test: calls[0] constructs, the rest call methods.
    Returns the raw results; at[0] is the call in progress."""
    res = [None] * len(calls)
    at[0] = 0
    obj = cls(*calls[0][1])
    for k in range(1, len(calls)):
        at[0] = k
        res[k] = getattr(obj, calls[k][0])(*calls[k][1])
    at[0] = -1
    return res


def _mr_design_calls(inp):
    calls = []
    for op, args in zip(inp.get("operations") or [], inp.get("arguments") or []):
        params, ret = _MR_METHODS[op]
        calls.append((op, [_mr_in(a, t) for a, (_, t) in zip(args, params)], ret))
    return calls


def _mr_main():
    data = json.loads(sys.stdin.buffer.read())
    marker = data["marker"]
    limit = data["time_limit_ms"] / 1000.0
    chan = os.fdopen(os.dup(1), "w", encoding="utf-8")
    real_out, real_err = sys.stdout, sys.stderr

    def emit(obj):
        chan.write("\n" + marker + json.dumps(obj, separators=(",", ":")) + "\n")
        chan.flush()

    linecache.cache["solution.py"] = (len(_MR_SRC), None, _MR_SRC.splitlines(True), "solution.py")
    try:
        code = compile(_MR_SRC, "solution.py", "exec")
    except SyntaxError as e:
        emit({"t": "compile_error", "message": type(e).__name__ + ": " + str(e.msg), "line": e.lineno or 0, "column": e.offset or 0})
        return
    ns = {"__name__": "solution", "__builtins__": __builtins__, "ListNode": ListNode, "TreeNode": TreeNode}
    exec("from typing import *", ns)
    sys.stdout, sys.stderr = io.StringIO(), io.StringIO()
    try:
        exec(code, ns)
        if _MR_CLASS:
            fn = None
            if not isinstance(ns.get(_MR_CLASS), type):
                raise KeyError(_MR_CLASS)
        else:
            fn = getattr(ns["Solution"](), _MR_FN)
    except BaseException as e:
        sys.stdout, sys.stderr = real_out, real_err
        if _MR_CLASS and not isinstance(ns.get(_MR_CLASS), type):
            emit({"t": "load_error", "error": "class " + _MR_CLASS + " was not found", "trace": ""})
        elif not _MR_CLASS and (isinstance(e, (KeyError, AttributeError)) and "Solution" not in ns or not callable(getattr(ns.get("Solution"), _MR_FN, None))):
            emit({"t": "load_error", "error": "class Solution with a method " + _MR_FN + " was not found", "trace": ""})
        else:
            emit({"t": "load_error", "error": type(e).__name__ + ": " + str(e), "trace": _mr_trace(e.__traceback__)})
        return
    sys.stdout, sys.stderr = real_out, real_err
    emit({"t": "ready"})

    def on_alarm(signum, frame):
        raise _MRTimeLimit()

    signal.signal(signal.SIGPROF, on_alarm)
    # Deep recursion as in the other languages: a 10^6-frame chain takes
    # ~160 MB, well inside the memory limit, so runaway recursion is still
    # a RecursionError rather than an out-of-memory kill.
    sys.setrecursionlimit(1000000)
    for i, inp in enumerate(data["tests"]):
        at = [-1]
        if _MR_CLASS:
            try:
                calls = _mr_design_calls(inp)
            except Exception as e:
                emit({"t": "result", "i": i, "ok": False, "verdict": "internal_error", "error": "bad input: " + str(e)})
                continue
        else:
            args = [_mr_in(inp.get(name), t) for name, t in _MR_PARAMS]
        out, err = io.StringIO(), io.StringIO()
        sys.stdout, sys.stderr = out, err
        res, ev = None, {"t": "result", "i": i, "ok": True}
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            if not _MR_CLASS:
                # A fresh Solution for every test, as on the big judges.
                fn = getattr(ns["Solution"](), _MR_FN)
            signal.setitimer(signal.ITIMER_PROF, limit)
            res = _mr_design(ns[_MR_CLASS], calls, at) if _MR_CLASS else fn(*args)
            signal.setitimer(signal.ITIMER_PROF, 0)
        except _MRTimeLimit:
            ev = {"t": "result", "i": i, "ok": False, "verdict": "time_limit", "error": "Time limit exceeded"}
        except MemoryError:
            signal.setitimer(signal.ITIMER_PROF, 0)
            ev = {"t": "result", "i": i, "ok": False, "verdict": "memory_limit", "error": "MemoryError"}
        except BaseException as e:
            signal.setitimer(signal.ITIMER_PROF, 0)
            ev = {"t": "result", "i": i, "ok": False, "verdict": "runtime_error",
                  "error": type(e).__name__ + (": " + str(e) if str(e) else ""), "trace": _mr_trace(e.__traceback__)}
            if at[0] >= 0:
                ev["call"] = at[0]
        finally:
            ms = (time.perf_counter() - t0) * 1000.0
            cpu_ms = (time.process_time() - c0) * 1000.0
            sys.stdout, sys.stderr = real_out, real_err
        if ev["ok"]:
            try:
                if _MR_CLASS:
                    ev["out"] = [None if c[2] == "void" else _mr_out(r, c[2]) for r, c in zip(res, calls)]
                else:
                    ev["out"] = _mr_out(res, _MR_RET)
                json.dumps(ev["out"])
            except Exception as e:
                ev = {"t": "result", "i": i, "ok": False, "verdict": "runtime_error", "error": "the returned value is not a valid " + _MR_RET + ": " + str(e)}
        ev["ms"] = ms
        ev["cpu_ms"] = cpu_ms
        ev["stdout"] = out.getvalue()[:_MR_CAP]
        ev["stderr"] = err.getvalue()[:_MR_CAP]
        emit(ev)
        if ev.get("verdict") == "time_limit":
            break
    emit({"t": "done"})
    chan.flush()


_mr_main()
sys.stdout.flush()
os._exit(0)
