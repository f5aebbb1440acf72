package redact_test

import (
	"testing"

	"github.com/mockroom/mockroom/governance/redact"
)

func TestRedact(t *testing.T) {
	r := redact.New("Ada Lovelace")
	for _, tc := range []struct {
		name, in, want string
	}{
		// What must go.
		{"intro", "Hi, my name is Grace Hopper and I'll be solving this in Go.", "Hi, my name is [name] and I'll be solving this in Go."},
		{"intro lower cue", "hello! i'm Priya, nice to meet you", "hello! i'm [name], nice to meet you"},
		{"call me", "You can call me Sam.", "You can call me [name]."},
		{"profile name", "Thanks, Ada. Ada Lovelace here again; lovelace is my surname.", "Thanks, [name]. [name] here again; lovelace is my surname."},
		{"profile name any case", "ADA LOVELACE speaking", "[name] speaking"},
		{"email", "If the call drops, mail me at ada.lovelace+mock@example.co.uk please.", "If the call drops, mail me at [email] please."},
		{"email in code literal", "I'd test it with `send(\"bob@gmail.com\")` first", "I'd test it with `send(\"[email]\")` first"},
		{"us phone", "My cell is (415) 555-0132 if you need it.", "My cell is [phone] if you need it."},
		{"dashed phone", "call 415-555-0132 tomorrow", "call [phone] tomorrow"},
		{"intl phone", "Reach me on +44 20 7946 0958.", "Reach me on [phone]."},
		{"cued phone", "my number is 4155550132", "my number is [phone]"},
		{"cued phone colon", "Phone: 020 7946 0958", "Phone: [phone]"},

		// What must stay: code and numbers that are not contact data.
		{"member access", "I'll check if user.email is set before I call send()", "I'll check if user.email is set before I call send()"},
		{"inline code at", "so `a.b@c` is the matrix product", "so `a.b@c` is the matrix product"},
		{"bare at in prose", "then a.b@c gives the product", "then a.b@c gives the product"},
		{"python matmul", "`y = x @ self.weights` and `z = x@self.weights`", "`y = x @ self.weights` and `z = x@self.weights`"},
		{"decorator", "I'd add @functools.lru_cache on top", "I'd add @functools.lru_cache on top"},
		{"version", "I'm on Python 3.12.1 and Go 1.26.8, node v20.11.0", "I'm on Python 3.12.1 and Go 1.26.8, node v20.11.0"},
		{"timestamp", "At 2026-12-01 10:15:30 the run took 1.234 s", "At 2026-12-01 10:15:30 the run took 1.234 s"},
		{"iso timestamp", "created 2026-12-01T10:15:30.123456Z", "created 2026-12-01T10:15:30.123456Z"},
		{"array", "for nums = [2, 7, 11, 15] and target = 9 it returns [0, 1]", "for nums = [2, 7, 11, 15] and target = 9 it returns [0, 1]"},
		{"long array", "input [1000000007, 998244353, 123456789, 1234567890]", "input [1000000007, 998244353, 123456789, 1234567890]"},
		{"mod constant", "take it mod 1000000007, the number is 10^9+7", "take it mod 1000000007, the number is 10^9+7"},
		{"complexity", "this is O(n log n) time and O(1) space", "this is O(n log n) time and O(1) space"},
		{"fenced code", "```python\nemail = user.email  # a.b@c\nphone = \"555-123-4567\"\nprint(\"Ada\")\n```", "```python\nemail = user.email  # a.b@c\nphone = \"555-123-4567\"\nprint(\"Ada\")\n```"},
		{"I'm not a name", "I'm Not sure; I'm Thinking about Python. I'm Going with a heap.", "I'm Not sure; I'm Thinking about Python. I'm Going with a heap."},
		{"ip-like", "bind to 127.0.0.1:8080 and 10.0.0.12", "bind to 127.0.0.1:8080 and 10.0.0.12"},
		{"empty", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := r.Text(tc.in); got != tc.want {
				t.Fatalf("\n in:  %q\n got: %q\nwant: %q", tc.in, got, tc.want)
			}
		})
	}
}

// A realistic opening of an interview, as the speech recogniser wrote it.
func TestRedactTranscript(t *testing.T) {
	in := "Hi! I'm Marcus Chen, I'm a backend engineer. My email is marcus.chen@acme.io and my phone is +1 650 555 0199. " +
		"For two sum I'd keep a map from value to index: for i, x := range nums { if j, ok := seen[target-x]; ok { return []int{j, i} } }. " +
		"That's O(n). With nums = [3, 2, 4] and target 6 we get [1, 2]."
	want := "Hi! I'm [name], I'm a backend engineer. My email is [email] and my phone is [phone]. " +
		"For two sum I'd keep a map from value to index: for i, x := range nums { if j, ok := seen[target-x]; ok { return []int{j, i} } }. " +
		"That's O(n). With nums = [3, 2, 4] and target 6 we get [1, 2]."
	if got := redact.Text(in); got != want {
		t.Fatalf("\n got: %q\nwant: %q", got, want)
	}
}
