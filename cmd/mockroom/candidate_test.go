package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/cookiejar"
	"testing"
)

// twoSumPython is an accepted two-sum solution.
const twoSumPython = "class Solution:\n    def twoSum(self, nums, target):\n        seen = {}\n        for i, x in enumerate(nums):\n" +
	"            if target - x in seen:\n                return [seen[target - x], i]\n            seen[x] = i\n        return []\n"

// candidate signs up at base and starts a 30-minute two-sum interview in
// Python. post sends JSON with the candidate's cookie and reports the status.
func candidate(t *testing.T, base, email string) (post func(path string, body, out any) int, hc *http.Client, sessionID string) {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	hc = &http.Client{Jar: jar}
	post = func(path string, body, out any) int {
		t.Helper()
		raw, _ := json.Marshal(body)
		resp, err := hc.Post(base+path, "application/json", bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if out != nil {
			json.NewDecoder(resp.Body).Decode(out)
		}
		return resp.StatusCode
	}
	if st := post("/api/auth/signup", map[string]string{"email": email, "password": "correct horse"}, nil); st != http.StatusCreated {
		t.Fatalf("signup: %d", st)
	}
	var p struct{ ID string }
	resp, err := hc.Get(base + "/api/problems/two-sum")
	if err != nil {
		t.Fatal(err)
	}
	json.NewDecoder(resp.Body).Decode(&p)
	resp.Body.Close()
	var s struct{ ID string }
	if st := post("/api/sessions/start", map[string]any{"problem_id": p.ID, "language": "python", "duration_minutes": 30}, &s); st != http.StatusCreated {
		t.Fatalf("start: %d", st)
	}
	return post, hc, s.ID
}
