package httpapi_test

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
)

// hiddenTwoSum are fragments that occur only in two-sum's hidden tests (and
// in its reference solutions' absence: none of them is in an example).
var hiddenTwoSum = []string{"-1000000000", "129535", "-60456", "-87343"}

// markerRe matches the judge's per-run marker (the programs' own source
// mentions its prefix, so the prefix alone proves nothing).
var markerRe = regexp.MustCompile(`@@mr:[0-9a-f]{32}@@`)

// Hostile programs try to get the hidden tests' inputs (which the harness
// holds in the same process during a submit) into the report, or to forge
// the harness's marker lines so that wrong answers count as passes.
var hostilePrograms = []struct {
	name, language, mode, code string
}{
	{"python load error carries the harness data", "python", "submit", `import sys, json
_d = sys._getframe(1).f_locals["data"]
raise Exception(json.dumps(_d["tests"][3:11]))
`},
	{"python example prints the hidden inputs", "python", "submit", `import sys, json
_d = sys._getframe(1).f_locals["data"]
class Solution:
    def twoSum(self, nums, target):
        print(json.dumps(_d["tests"][3:11]))
        sys.stderr.write(json.dumps(_d["tests"][3:11]))
        raise ValueError(json.dumps(_d["tests"][3:11]))
`},
	{"python example returns a hidden input", "python", "submit", `import sys
_d = sys._getframe(1).f_locals["data"]
class Solution:
    def twoSum(self, nums, target):
        return _d["tests"][8]["nums"]
`},
	{"python forged compile error", "python", "submit", `import sys, os, json
_d = sys._getframe(1).f_locals["data"]
os.write(1, ("\n" + _d["marker"] + json.dumps({"t": "compile_error", "message": json.dumps(_d["tests"][3:11]), "line": 1}) + "\n").encode())
`},
	{"python forged load error", "python", "submit", `import sys, os, json
_d = sys._getframe(1).f_locals["data"]
os.write(1, ("\n" + _d["marker"] + json.dumps({"t": "load_error", "error": json.dumps(_d["tests"][3:11]), "trace": json.dumps(_d["tests"][3:11])}) + "\n").encode())
`},
	{"python reads its environment, argv, files and /proc", "python", "run", `import sys, os, glob
def _r(p):
    try:
        with open(p, "rb") as f:
            return f.read(200000).decode("utf-8", "replace")
    except Exception as e:
        return str(e)
_seen = [repr(sys.argv), repr(dict(os.environ)), repr(os.listdir(".")), _r("/proc/self/cmdline"), _r("/proc/self/environ"),
         _r("/proc/self/maps")[:2000], repr(glob.glob("/tmp/**", recursive=True)[:200])]
for _p in glob.glob("/tmp/**/*.db", recursive=True) + glob.glob("/**/tests.json", recursive=True)[:20]:
    _seen.append(_r(_p))
class Solution:
    def twoSum(self, nums, target):
        print("\n".join(_seen))
        raise Exception(sys.stdin.read() + "\n".join(_seen)[:4000])
`},
	{"javascript forged load error with captured inputs", "javascript", "submit", `
const __fs = process.mainModule.require("fs");
let __marker = "", __seen = [];
const __from = Buffer.from;
Buffer.from = function (s, ...a) {
  const m = typeof s === "string" && s.match(/@@mr:[0-9a-f]+@@/);
  if (m) __marker = m[0];
  return __from.call(this, s, ...a);
};
const __map = Array.prototype.map;
Array.prototype.map = function (...a) { if (this.length && typeof this[0] === "number") __seen.push(JSON.stringify(this).slice(0, 300)); return __map.apply(this, a); };
let __n = 0;
function twoSum(nums, target) {
  __n++;
  if (__n === 13) {
    __fs.writeSync(1, "\n" + __marker + JSON.stringify({ t: "load_error", error: __seen.join("|"), trace: __seen.join("|") }) + "\n");
    __fs.writeSync(1, "\n" + __marker + JSON.stringify({ t: "compile_error", message: __seen.join("|") }) + "\n");
  }
  console.log(__seen.join("|"));
  return [0, 0];
}
`},
	{"javascript example throws with the inputs it saw", "javascript", "submit", `
let __seen = [];
const __map = Array.prototype.map;
Array.prototype.map = function (...a) { if (this.length && typeof this[0] === "number") __seen.push(JSON.stringify(this).slice(0, 300)); return __map.apply(this, a); };
let __n = 0;
function twoSum(nums, target) {
  __n++;
  if (__n > 3) process.exit(3);
  throw new Error(__seen.join("|"));
}
`},
}

func TestSubmissionsNeverRevealHiddenTests(t *testing.T) {
	app := library(t)
	for _, tc := range hostilePrograms {
		t.Run(tc.name, func(t *testing.T) {
			c := app.Client()
			c.Signup(strings.NewReplacer(" ", "-", ",", "", "/", "").Replace(tc.name) + "@example.com")
			id := c.Start("two-sum", tc.language)
			tok := c.Token(id)
			ws, err := app.Dial(t.Context(), "", "mockroom.v1", tok)
			if err != nil {
				t.Fatal(err)
			}
			defer ws.CloseNow()
			r := c.Do("POST", "/api/sessions/"+id+"/execute", map[string]string{"code": tc.code, "language": tc.language, "mode": tc.mode})
			if r.Status != 200 {
				t.Fatalf("execute: %d %s", r.Status, r.Body)
			}
			t.Logf("report: %.600s", r.Body)
			bodies := map[string]string{"execute": string(r.Body)}
			for _, p := range []string{"", "/transcript", "/snapshots"} {
				bodies["GET "+p] = string(c.Do("GET", "/api/sessions/"+id+p, nil).Body)
			}
			// The execution_result frame carries the same report.
			for i := 0; i < 10; i++ {
				_, data, err := ws.Read(t.Context())
				if err != nil {
					t.Fatal(err)
				}
				if strings.Contains(string(data), `"execution_result"`) {
					bodies["ws"] = string(data)
					break
				}
			}
			for where, body := range bodies {
				for _, secret := range hiddenTwoSum {
					if strings.Contains(body, secret) {
						t.Errorf("%s reveals %q: %.2000s", where, secret, body)
					}
				}
				if m := markerRe.FindString(body); m != "" {
					t.Errorf("%s reveals the judge's marker %s", where, m)
				}
			}
			var rep struct {
				Status        string
				Passed, Total int
			}
			r.JSON(t, &rep)
			if rep.Status == "accepted" || rep.Passed > 3 {
				t.Errorf("a hostile program counts as passing: %+v", rep)
			}
		})
	}
	if r := app.Client().Do("GET", "/healthz", nil); r.Status != 200 {
		t.Fatalf("server unhealthy afterwards: %d", r.Status)
	}
}

// forgedVerdicts prints "accepted" results on the harness's channel for
// every test before the harness runs any of them.
var forgedVerdicts = []struct{ language, code string }{
	{"python", `import sys, os, json
_d = sys._getframe(1).f_locals["data"]
for _i in range(len(_d["tests"])):
    os.write(1, ("\n" + _d["marker"] + json.dumps({"t": "result", "i": _i, "ok": False, "verdict": "accepted", "ms": 0}) + "\n").encode())
os.write(1, ("\n" + _d["marker"] + json.dumps({"t": "done"}) + "\n").encode())
class Solution:
    def twoSum(self, nums, target):
        return [0, 0]
`},
	{"javascript", `
const __fs = process.mainModule.require("fs");
const __from = Buffer.from;
let __done = false;
Buffer.from = function (s, ...a) {
  const m = !__done && typeof s === "string" && s.match(/@@mr:[0-9a-f]+@@/);
  if (m) {
    __done = true;
    for (let i = 0; i < 13; i++) __fs.writeSync(1, "\n" + m[0] + JSON.stringify({ t: "result", i: i, ok: false, verdict: "accepted", ms: 0 }) + "\n");
  }
  return __from.call(this, s, ...a);
};
function twoSum(nums, target) { return [0, 0]; }
`},
}

func TestForgedVerdictsNeverCount(t *testing.T) {
	app := library(t)
	for _, tc := range forgedVerdicts {
		t.Run(tc.language, func(t *testing.T) {
			c := app.Client()
			c.Signup("forge-" + tc.language + "@example.com")
			id := c.Start("two-sum", tc.language)
			for _, mode := range []string{"run", "submit"} {
				r := c.Do("POST", "/api/sessions/"+id+"/execute", map[string]string{"code": tc.code, "mode": mode})
				var rep struct {
					Status        string
					Passed, Total int
				}
				r.JSON(t, &rep)
				if r.Status != 200 || rep.Status == "accepted" || rep.Passed != 0 {
					t.Errorf("%s: forged verdicts counted: %d %.1000s", mode, r.Status, r.Body)
				}
			}
			var view struct {
				Session struct {
					Passed int `json:"test_cases_passed"`
				}
			}
			c.Do("GET", "/api/sessions/"+id, nil).JSON(t, &view)
			if view.Session.Passed != 0 {
				t.Errorf("the session records %d forged passes", view.Session.Passed)
			}
		})
	}
}

func TestPublicRoutesCarryNoSecrets(t *testing.T) {
	app := library(t)
	c := app.Client()
	c.Signup("public@example.com")
	id := c.Start("two-sum", "python")
	hints := c.Do("GET", "/api/problems/two-sum", nil)
	secrets := append([]string{"The partner of x, if it came earlier", "time_complexity", "space_complexity", "\"hints\""}, hiddenTwoSum...)
	for _, path := range []string{"/api/openapi.json", "/api/problems/two-sum", "/api/problems?q=two", "/api/problems/random?q=two%20sum",
		"/api/sessions/" + id, "/api/sessions/" + id + "/transcript", "/api/sessions"} {
		body := string(c.Do("GET", path, nil).Body)
		if path == "/api/openapi.json" {
			body = publicContract(t, []byte(body))
		}
		for _, secret := range secrets {
			if strings.Contains(body, secret) {
				t.Errorf("%s carries %q", path, secret)
			}
		}
	}
	// A hint reveals the next hint only, never the ones after it.
	var p struct {
		HintCount int `json:"hint_count"`
	}
	hints.JSON(t, &p)
	var h struct{ Hint string }
	c.Do("POST", "/api/sessions/"+id+"/hint", nil).JSON(t, &h)
	body := string(c.Do("GET", "/api/sessions/"+id+"/transcript", nil).Body) + string(c.Do("GET", "/api/sessions/"+id, nil).Body)
	full, err := app.DB.ProblemBySlug(t.Context(), "two-sum")
	if err != nil || len(full.Hints) < 2 || p.HintCount != len(full.Hints) || !strings.Contains(h.Hint, full.Hints[0]) {
		t.Fatalf("hint_count %d, first hint %q: %v", p.HintCount, h.Hint, err)
	}
	for _, later := range full.Hints[1:] {
		if strings.Contains(body, later) || strings.Contains(h.Hint, later) {
			t.Fatalf("a hint not yet taken is shown: %q", later)
		}
	}
}

// publicContract is the OpenAPI document without the admin console's
// operations (which do carry hints and solutions, to admins only): the
// other paths and every schema they reach.
func publicContract(t *testing.T, raw []byte) string {
	t.Helper()
	var doc struct {
		Paths      map[string]json.RawMessage `json:"paths"`
		Components struct {
			Schemas map[string]json.RawMessage `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	ref := regexp.MustCompile(`"#/components/schemas/([^"]+)"`)
	seen := map[string]bool{}
	var walk func(b json.RawMessage)
	walk = func(b json.RawMessage) {
		out.Write(b)
		for _, m := range ref.FindAllSubmatch(b, -1) {
			name := string(m[1])
			if !seen[name] {
				seen[name] = true
				walk(doc.Components.Schemas[name])
			}
		}
	}
	for p, ops := range doc.Paths {
		if !strings.HasPrefix(p, "/api/admin/") {
			walk(ops)
		}
	}
	if len(seen) < 10 {
		t.Fatalf("the public document reaches only %d schemas", len(seen))
	}
	return out.String()
}
