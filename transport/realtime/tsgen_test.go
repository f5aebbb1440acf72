package realtime

import (
	"os"
	"testing"
)

// The web app's protocol types must be the ones generated from protocol.go.
func TestTypeScriptProtocolIsUpToDate(t *testing.T) {
	got, err := os.ReadFile("../../web/src/lib/protocol.gen.ts")
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != TypeScript() {
		t.Fatal("web/src/lib/protocol.gen.ts is stale: run `go generate ./transport/realtime`")
	}
}
