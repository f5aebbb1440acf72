package mockroom_test

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestDependencyDirection holds the layering of docs/architecture.md:
// cmd → transport → services and agents → domain → kernel, and adapters
// import only the ports they implement. A package listed on the left must
// not import any package under the prefixes on the right.
func TestDependencyDirection(t *testing.T) {
	const mod = "github.com/mockroom/mockroom/"
	forbidden := map[string][]string{
		// the kernel imports nothing of ours
		".": {""},
		// domain packages never reach up to transports, adapters or wiring
		"account":    {"transport", "storage", "cmd", "web", "events/", "sandbox/", "agents"},
		"billing":    {"transport", "storage", "cmd", "web", "events/", "sandbox/", "agents"},
		"problem":    {"transport", "storage", "cmd", "web", "events/", "sandbox/", "agents", "judge"},
		"interview":  {"transport", "storage", "cmd", "web", "events/", "sandbox/", "agents", "evaluation"},
		"evaluation": {"transport", "storage", "cmd", "web", "events/", "sandbox/", "agents"},
		"governance": {"transport", "storage", "cmd", "web", "events/", "sandbox/", "agents", "interview"},
		"judge":      {"transport", "storage", "cmd", "web", "events/", "sandbox/local", "sandbox/remote", "sandbox/fleet", "agents", "interview", "judge/admission/redisqueue"},
		// the admission queue knows only the kernel: any judge can sit behind it
		"judge/admission": {"transport", "storage", "cmd", "web", "events", "sandbox", "agents", "interview", "problem"},
		"events":          {"transport", "storage", "cmd", "web", "sandbox", "agents", "interview", "judge"},
		"sandbox":         {"transport", "storage", "cmd", "web", "events", "agents", "interview", "judge", "problem"},
		"ratelimit":       {"transport", "storage", "cmd", "web", "events", "sandbox", "agents", "interview", "judge"},
		"mail":            {"transport", "storage", "cmd", "web", "events", "sandbox", "agents", "interview", "judge", "account"},
		"agents":          {"transport", "storage", "cmd", "web", "events/", "sandbox/"},
		// adapters never import transports or wiring
		"storage":            {"transport", "cmd", "web", "sandbox", "agents", "judge"},
		"events/sqlqueue":    {"transport", "cmd", "web", "sandbox", "agents", "judge", "storage"},
		"events/redisstream": {"transport", "cmd", "web", "sandbox", "agents", "judge", "storage"},
		// the shared-state adapters (issue 13) know only their port
		"ratelimit/redislimit":       {"transport", "cmd", "web", "storage", "events", "sandbox", "agents", "interview", "judge"},
		"interview/redispresence":    {"transport", "cmd", "web", "storage", "events", "sandbox", "agents", "judge", "ratelimit", "problem"},
		"transport/realtime/redisrt": {"cmd", "web", "storage", "events", "sandbox", "agents", "ratelimit", "transport/httpapi", "voice"},
		// the speech-model adapters know only the voice port (the cascade
		// also the chat-model port, for its answer step); the relay is a
		// service over interviews
		"voice/openairt":   {"transport", "storage", "cmd", "web", "events", "sandbox", "agents", "interview", "judge"},
		"voice/geminilive": {"transport", "storage", "cmd", "web", "events", "sandbox", "agents", "interview", "judge"},
		"voice/cascade":    {"transport", "storage", "cmd", "web", "events", "sandbox", "agents/interviewer", "interview", "judge"},
		"voice/pcm":        {"transport", "storage", "cmd", "web", "events", "sandbox", "agents", "interview", "judge", "voice/relay"},
		"voice/vad":        {"transport", "storage", "cmd", "web", "events", "sandbox", "agents", "interview", "judge", "voice/relay"},
		"voice/relay":      {"transport", "storage", "cmd", "web", "events/", "sandbox", "agents", "voice/openairt", "voice/geminilive", "voice/cascade"},
		// transports never import concrete adapters: they get them from cmd
		"transport": {"cmd", "storage/", "sandbox/local", "sandbox/remote", "sandbox/fleet", "judge/admission/redisqueue", "events/sqlqueue", "events/redisstream",
			"voice/openairt", "voice/geminilive", "voice/cascade", "ratelimit/redislimit", "interview/redispresence", "transport/realtime/redisrt"},
	}
	for dir, bans := range forbidden {
		err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if p != dir && (dir == "." || d.Name() == "testdata" || d.Name() == "node_modules") {
					return filepath.SkipDir // "." checks only the root package
				}
				return nil
			}
			if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
				return nil
			}
			f, err := parser.ParseFile(token.NewFileSet(), p, nil, parser.ImportsOnly)
			if err != nil {
				return err
			}
			for _, imp := range f.Imports {
				path, _ := strconv.Unquote(imp.Path.Value)
				if !strings.HasPrefix(path, mod) {
					continue
				}
				rel := strings.TrimPrefix(path, mod)
				for _, ban := range bans {
					if strings.HasPrefix(rel, ban) && !strings.HasPrefix(rel, "internal/") {
						t.Errorf("%s imports %s, against the dependency direction", p, path)
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}
