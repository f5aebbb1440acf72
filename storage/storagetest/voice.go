package storagetest

import (
	"testing"
	"time"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/storage"
	"github.com/mockroom/mockroom/voice"
)

// Voice usage adds up per provider and model on its session and per user
// over time; another candidate sees and writes none.
func testVoiceUsage(t *testing.T, db storage.DB) {
	f := newLive(t, db)
	now := time.Now().UTC()
	recs := []voice.UsageRecord{
		{SessionID: f.s.ID, UserID: f.user, Provider: "openai", Model: "gpt-realtime", Connected: 30 * time.Second, AudioIn: 10 * time.Second, AudioOut: 12 * time.Second, InputTokens: 300, OutputTokens: 240, CostMicroUSD: 58000, At: now.Add(-time.Minute)},
		{SessionID: f.s.ID, UserID: f.user, Provider: "openai", Model: "gpt-realtime", Connected: 30 * time.Second, AudioIn: 5 * time.Second, AudioOut: 6 * time.Second, CostMicroUSD: 29000, At: now},
		{SessionID: f.s.ID, UserID: f.user, Provider: "gemini", Model: "gemini-3.8-live", Connected: 90 * time.Second, AudioIn: 20 * time.Second, At: now.Add(-40 * 24 * time.Hour)},
	}
	for _, r := range recs {
		must(t, db.RecordVoiceUsage(ctx, r))
	}
	u, err := db.SessionVoiceUsage(asUser(f.user), f.s.ID)
	must(t, err)
	if len(u) != 2 || u[1].Provider != "openai" || u[1].ConnectedMS != 60000 || u[1].AudioInMS != 15000 || u[1].AudioOutMS != 18000 ||
		u[1].InputTokens != 300 || u[1].CostMicroUSD != 87000 || u[0].Provider != "gemini" || u[0].AudioInMS != 20000 {
		t.Fatalf("session usage %+v", u)
	}
	month, err := db.VoiceConnectedSince(asUser(f.user), f.user, now.Add(-30*24*time.Hour))
	must(t, err)
	if month != 60*time.Second {
		t.Fatalf("connected this month %v; want 60s (the older record is outside)", month)
	}
	other, err := db.SessionVoiceUsage(asUser(f.other), f.s.ID)
	must(t, err)
	if len(other) != 0 {
		t.Fatalf("another candidate sees %+v", other)
	}
	if d, err := db.VoiceConnectedSince(asUser(f.other), f.user, time.Time{}); err != nil || d != 0 {
		t.Fatalf("another candidate reads the owner's allowance: %v %v", d, err)
	}
	err = db.RecordVoiceUsage(asUser(f.other), voice.UsageRecord{SessionID: f.s.ID, UserID: f.user, Provider: "openai", Model: "x"})
	wantKind(t, err, mockroom.KindForbidden, "")
	err = db.RecordVoiceUsage(ctx, voice.UsageRecord{SessionID: "nope", UserID: f.user})
	wantKind(t, err, mockroom.KindInvalid, "")
}
