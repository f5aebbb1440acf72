package openaifake

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/coder/websocket"

	"github.com/mockroom/mockroom/voice/vad"
	"github.com/mockroom/mockroom/voice/voicetest"
)

const (
	rate        = 24000
	bytesPerMS  = rate * 2 / 1000
	vadFrame    = 20 * bytesPerMS // the VAD looks at 20 ms at a time
	minCommitMS = 100             // the real server refuses to commit less
	textDelta   = 16              // characters per output_text.delta in text mode
	vadPrefix   = 60 * time.Millisecond
	vadLoudness = 0.02
)

// session is one connection. One lock guards its state and every write, so
// the events go out in the order the state changed; a streaming answer
// takes it for each delta.
type session struct {
	f      *Fake
	c      *websocket.Conn
	n      int64 // the session's number, for event ids
	ctx    context.Context
	cancel context.CancelFunc

	mu     sync.Mutex
	events int64
	dead   bool // a write failed: the connection is going away
	cfg    obj
	eff    effective
	det    *vad.Detector
	pos    time.Duration // audio appended since the session began
	base   time.Duration // pos when det was made
	buf    int           // bytes in the input buffer (not kept: only counted)
	speech string        // the item of the speech in progress
	last   string        // the newest conversation item (previous_item_id)
	heard  string        // the newest candidate transcript: what the model answers
	resp   *response
	sent   map[string]int // assistant item → bytes of its audio sent (for truncate)

	// Usage bookkeeping: the whole conversation is input to every response.
	userAudio  time.Duration
	botAudioMS int
	textChars  int
	lastInput  int

	wbuf []byte // an audio delta being written
	mark []byte // an audio delta's PCM for Options.MarkDelta
	pcm  []byte // an append being decoded (reader goroutine only)
}

type response struct {
	id, item string
	text     string
	audio    []byte
	sent     int // bytes of audio sent
	chars    int // bytes of the transcript sent
	stop     chan struct{}
	done     bool
}

func newSession(f *Fake, c *websocket.Conn, model string) *session {
	n := f.ids.Add(1)
	ctx, cancel := context.WithCancel(context.Background())
	expires := time.Now().Add(time.Hour)
	if f.opts.SessionLimit > 0 {
		expires = time.Now().Add(f.opts.SessionLimit)
	}
	s := &session{f: f, c: c, n: n, ctx: ctx, cancel: cancel, sent: map[string]int{}}
	s.cfg = defaultSession("sess_"+strconv.FormatInt(n, 36), model, expires)
	s.apply()
	return s
}

func (s *session) run() {
	defer s.stop()
	s.mu.Lock()
	s.send(obj{"type": "session.created", "session": s.cfg})
	s.mu.Unlock()
	if lim := s.f.opts.SessionLimit; lim > 0 {
		t := time.AfterFunc(lim, s.expire)
		defer t.Stop()
	}
	var msg bytes.Buffer
	for {
		// No deadline: stop and DropAll close the socket, which ends the read.
		typ, r, err := s.c.Reader(context.Background())
		if err != nil {
			return
		}
		msg.Reset()
		if _, err := msg.ReadFrom(r); err != nil {
			return
		}
		if typ != websocket.MessageText {
			s.fail("", &apiError{"invalid_request_error", "invalid_event", "Binary frames are not supported: send JSON text frames.", ""})
			continue
		}
		s.handle(msg.Bytes())
	}
}

func (s *session) stop() {
	s.cancel()
	s.mu.Lock()
	s.dead = true
	if r := s.resp; r != nil {
		r.done = true
		close(r.stop)
		s.resp = nil
	}
	s.mu.Unlock()
	s.c.CloseNow()
}

// expire is the session limit: an error, then close 1001 with the message.
func (s *session) expire() {
	d := s.f.opts.SessionLimit
	what := d.String()
	if d%time.Minute == 0 {
		what = strconv.Itoa(int(d/time.Minute)) + " minutes"
	}
	msg := "Your session hit the maximum duration of " + what + "."
	s.fail("", &apiError{"invalid_request_error", "session_expired", msg, ""})
	s.c.Close(websocket.StatusGoingAway, msg)
}

// clientEvent holds the fields of every client event the fake reads.
type clientEvent struct {
	Type         string          `json:"type"`
	EventID      string          `json:"event_id"`
	Audio        []byte          `json:"audio"`
	Session      json.RawMessage `json:"session"`
	Item         json.RawMessage `json:"item"`
	ItemID       *string         `json:"item_id"`
	ContentIndex int             `json:"content_index"`
	AudioEndMS   *int            `json:"audio_end_ms"`
	ResponseID   string          `json:"response_id"`
}

func (s *session) handle(msg []byte) {
	if b64, ok := appendAudio(msg); ok {
		s.appendB64(b64)
		return
	}
	var ev clientEvent
	if err := json.Unmarshal(msg, &ev); err != nil {
		s.fail("", &apiError{"invalid_request_error", "invalid_event", "We could not parse the JSON body of your request: " + err.Error(), ""})
		return
	}
	if ev.Type == "input_audio_buffer.append" {
		s.appendPCM(ev.Audio)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch ev.Type {
	case "":
		s.failLocked(ev.EventID, &apiError{"invalid_request_error", "invalid_event", "The 'type' field is missing.", ""})
	case "session.update":
		s.update(ev)
	case "input_audio_buffer.commit":
		if s.buf < minCommitMS*bytesPerMS {
			s.failLocked(ev.EventID, &apiError{"invalid_request_error", "input_audio_buffer_commit_empty",
				fmt.Sprintf("Error committing input audio buffer: buffer too small. Expected at least %dms of audio, but buffer only has %.2fms of audio.",
					minCommitMS, float64(s.buf)/bytesPerMS), ""})
			return
		}
		s.det.Reset()
		item := s.speech
		if item == "" {
			item = s.id("item")
		}
		s.commit(item)
	case "input_audio_buffer.clear":
		s.buf, s.speech = 0, ""
		s.det.Reset()
		s.send(obj{"type": "input_audio_buffer.cleared"})
	case "conversation.item.create":
		s.createItem(ev)
	case "conversation.item.truncate":
		s.truncate(ev)
	case "conversation.item.delete":
		if ev.ItemID == nil {
			s.failLocked(ev.EventID, &apiError{"invalid_request_error", "missing_required_parameter", "Missing required parameter: 'item_id'.", "item_id"})
			return
		}
		delete(s.sent, *ev.ItemID)
		s.send(obj{"type": "conversation.item.deleted", "item_id": *ev.ItemID})
	case "response.create":
		if s.resp != nil {
			s.failLocked(ev.EventID, &apiError{"invalid_request_error", "conversation_already_has_active_response",
				"Conversation already has an active response in progress: " + s.resp.id + ". Wait until the response is finished before creating a new one.", ""})
			return
		}
		s.respond()
	case "response.cancel":
		if s.resp == nil || (ev.ResponseID != "" && ev.ResponseID != s.resp.id) {
			s.failLocked(ev.EventID, &apiError{"invalid_request_error", "response_cancel_not_active", "Cancellation failed: no active response found", ""})
			return
		}
		s.finish(s.resp, "cancelled", "client_cancelled")
	default:
		s.failLocked(ev.EventID, invalid("type", "Invalid value: '%s'. Supported values are: 'session.update', 'input_audio_buffer.append', 'input_audio_buffer.commit', 'input_audio_buffer.clear', 'conversation.item.create', 'conversation.item.truncate', 'conversation.item.delete', 'response.create' and 'response.cancel'.", ev.Type))
	}
}

// appendAudio finds the audio of a flat append event without a JSON
// decoder: appends are most of the traffic. Anything unusual (escapes,
// nesting) falls back to the decoder.
func appendAudio(msg []byte) ([]byte, bool) {
	if bytes.IndexByte(msg, '\\') >= 0 || bytes.Count(msg, openBrace) != 1 {
		return nil, false
	}
	if t, ok := stringField(msg, typeKey); !ok || string(t) != "input_audio_buffer.append" {
		return nil, false
	}
	return stringField(msg, audioKey)
}

var openBrace, typeKey, audioKey = []byte("{"), []byte(`"type"`), []byte(`"audio"`)

// stringField is the raw value of "key":"value" in msg (key quoted).
func stringField(msg, key []byte) ([]byte, bool) {
	i := bytes.Index(msg, key)
	if i < 0 {
		return nil, false
	}
	rest := bytes.TrimLeft(msg[i+len(key):], " \t\r\n")
	if len(rest) == 0 || rest[0] != ':' {
		return nil, false
	}
	rest = bytes.TrimLeft(rest[1:], " \t\r\n")
	if len(rest) == 0 || rest[0] != '"' {
		return nil, false
	}
	end := bytes.IndexByte(rest[1:], '"')
	if end < 0 {
		return nil, false
	}
	return rest[1 : 1+end], true
}

func (s *session) appendB64(b64 []byte) {
	if n := base64.StdEncoding.DecodedLen(len(b64)); cap(s.pcm) < n {
		s.pcm = make([]byte, n)
	}
	n, err := base64.StdEncoding.Decode(s.pcm[:cap(s.pcm)], b64)
	if err != nil {
		s.fail("", invalid("audio", "Invalid 'audio': not valid base64."))
		return
	}
	s.appendPCM(s.pcm[:n])
}

// appendPCM adds candidate audio to the input buffer and runs the VAD.
func (s *session) appendPCM(pcm []byte) {
	if h := s.f.opts.OnAppend; h != nil {
		h(pcm)
	}
	s.f.frames.Add(1)
	pcm = pcm[:len(pcm)&^1]
	s.mu.Lock()
	defer s.mu.Unlock()
	s.buf += len(pcm)
	for len(pcm) > 0 {
		k := min(vadFrame, len(pcm))
		frame := pcm[:k]
		pcm = pcm[k:]
		s.pos += time.Duration(k/2) * time.Second / rate
		if !s.eff.vad {
			continue
		}
		switch tr, at := s.det.Feed(frame); tr {
		case vad.Started:
			s.speech = s.id("item")
			s.send(obj{"type": "input_audio_buffer.speech_started", "audio_start_ms": ms(s.base + at), "item_id": s.speech})
			if s.resp != nil && s.eff.interrupt {
				s.finish(s.resp, "cancelled", "turn_detected") // sequence C
			}
		case vad.Stopped:
			s.send(obj{"type": "input_audio_buffer.speech_stopped", "audio_end_ms": ms(s.base + at), "item_id": s.speech})
			s.commit(s.speech)
			if s.eff.create && s.resp == nil {
				s.respond()
			}
		}
	}
}

// commit turns the input buffer into a user item and transcribes it.
func (s *session) commit(item string) {
	prev := s.prevItem()
	s.send(obj{"type": "input_audio_buffer.committed", "previous_item_id": prev, "item_id": item})
	it := obj{"id": item, "object": "realtime.item", "type": "message", "status": "completed", "role": "user",
		"content": []any{obj{"type": "input_audio", "transcript": nil}}}
	s.send(obj{"type": "conversation.item.added", "previous_item_id": prev, "item": it})
	s.send(obj{"type": "conversation.item.done", "previous_item_id": prev, "item": it})
	s.last, s.speech = item, ""
	dur := time.Duration(s.buf/2) * time.Second / rate
	s.userAudio += dur
	s.buf = 0
	s.heard = s.f.brain.Transcribe()
	s.textChars += len(s.heard)
	if !s.eff.transcribe {
		return
	}
	words := strings.SplitAfter(s.heard, " ")
	for i := 0; i < len(words); i += 3 {
		s.send(obj{"type": "conversation.item.input_audio_transcription.delta", "item_id": item, "content_index": 0,
			"delta": strings.Join(words[i:min(i+3, len(words))], "")})
	}
	audioTok := int(dur / (100 * time.Millisecond))
	outTok := tokens4(len(s.heard))
	s.send(obj{"type": "conversation.item.input_audio_transcription.completed", "item_id": item, "content_index": 0,
		"transcript": s.heard, "usage": obj{"type": "tokens", "total_tokens": audioTok + outTok, "input_tokens": audioTok,
			"input_token_details": obj{"text_tokens": 0, "audio_tokens": audioTok}, "output_tokens": outTok}})
}

func (s *session) update(ev clientEvent) {
	if code := s.f.takeFail(); code != "" {
		typ := "invalid_request_error"
		if code == "insufficient_quota" || code == "billing_hard_limit_reached" {
			typ = "insufficient_quota"
		}
		s.failLocked(ev.EventID, &apiError{typ, code, "Scripted failure: " + code + ".", ""})
		return
	}
	var u obj
	if len(ev.Session) == 0 || json.Unmarshal(ev.Session, &u) != nil || u == nil {
		s.failLocked(ev.EventID, &apiError{"invalid_request_error", "missing_required_parameter", "Missing required parameter: 'session'.", "session"})
		return
	}
	if e := validate(u); e != nil {
		s.failLocked(ev.EventID, e)
		return
	}
	merge(s.cfg, u)
	s.apply()
	if in, ok := u["instructions"].(string); ok {
		s.f.mu.Lock()
		s.f.instructions = in
		s.f.mu.Unlock()
	}
	s.send(obj{"type": "session.updated", "session": s.cfg})
}

// apply makes the merged config take effect.
func (s *session) apply() {
	old := s.eff
	s.eff = effectiveOf(s.cfg)
	if s.det == nil || old.vad != s.eff.vad || old.silence != s.eff.silence {
		s.det = vad.New(rate, vad.Config{Threshold: vadLoudness, Prefix: vadPrefix, Silence: s.eff.silence})
		s.base = s.pos
		s.speech = ""
	}
}

// The content types a client may create, by role (§1.5).
var contentTypes = map[string]map[string]bool{
	"user":      set("input_text", "input_audio", "input_image"),
	"assistant": set("output_text"),
	"system":    set("input_text"),
}

type itemIn struct {
	ID      string `json:"id"`
	Type    string `json:"type"`
	Role    string `json:"role"`
	CallID  string `json:"call_id"`
	Output  string `json:"output"`
	Content []struct {
		Type string `json:"type"`
		Text string `json:"text"`
	} `json:"content"`
}

func (s *session) createItem(ev clientEvent) {
	var it itemIn
	if len(ev.Item) == 0 || json.Unmarshal(ev.Item, &it) != nil {
		s.failLocked(ev.EventID, &apiError{"invalid_request_error", "missing_required_parameter", "Missing required parameter: 'item'.", "item"})
		return
	}
	var texts []string
	switch it.Type {
	case "message":
		types, ok := contentTypes[it.Role]
		if !ok {
			s.failLocked(ev.EventID, invalid("item.role", "Invalid value: '%s'. Supported values are: 'user', 'assistant' and 'system'.", it.Role))
			return
		}
		for i, c := range it.Content {
			if !types[c.Type] {
				s.failLocked(ev.EventID, invalid(fmt.Sprintf("item.content[%d].type", i), "Invalid value: '%s' for a %s message.", c.Type, it.Role))
				return
			}
			if c.Text != "" {
				texts = append(texts, c.Text)
			}
		}
	case "function_call_output":
		if it.CallID == "" {
			s.failLocked(ev.EventID, &apiError{"invalid_request_error", "missing_required_parameter", "Missing required parameter: 'item.call_id'.", "item.call_id"})
			return
		}
		texts = append(texts, it.Output)
	default:
		s.failLocked(ev.EventID, invalid("item.type", "Invalid value: '%s'. Supported values are: 'message', 'function_call' and 'function_call_output'.", it.Type))
		return
	}
	var item obj
	json.Unmarshal(ev.Item, &item)
	if it.ID == "" {
		item["id"] = s.id("item")
	}
	item["object"], item["status"] = "realtime.item", "completed"
	prev := s.prevItem()
	s.send(obj{"type": "conversation.item.added", "previous_item_id": prev, "item": item})
	s.send(obj{"type": "conversation.item.done", "previous_item_id": prev, "item": item})
	s.last = item["id"].(string)
	for _, t := range texts {
		s.textChars += len(t)
	}
	s.f.mu.Lock()
	s.f.context = append(s.f.context, texts...)
	s.f.mu.Unlock()
}

func (s *session) truncate(ev clientEvent) {
	if ev.ItemID == nil || ev.AudioEndMS == nil {
		param := "item_id"
		if ev.ItemID != nil {
			param = "audio_end_ms"
		}
		s.failLocked(ev.EventID, &apiError{"invalid_request_error", "missing_required_parameter", "Missing required parameter: '" + param + "'.", param})
		return
	}
	sent, ok := s.sent[*ev.ItemID]
	switch {
	case !ok:
		s.failLocked(ev.EventID, invalid("item_id", "Invalid value: '%s'. Only assistant messages with audio can be truncated.", *ev.ItemID))
	case ev.ContentIndex != 0:
		s.failLocked(ev.EventID, invalid("content_index", "Invalid value: %d. The item has one content part.", ev.ContentIndex))
	case *ev.AudioEndMS < 0 || *ev.AudioEndMS > sent/bytesPerMS:
		s.failLocked(ev.EventID, invalid("audio_end_ms", "Audio content of %dms is already shorter than %dms", sent/bytesPerMS, *ev.AudioEndMS))
	default:
		s.send(obj{"type": "conversation.item.truncated", "item_id": *ev.ItemID, "content_index": 0, "audio_end_ms": *ev.AudioEndMS})
		s.f.mu.Lock()
		s.f.truncations = append(s.f.truncations, Truncation{*ev.ItemID, *ev.AudioEndMS, sent / bytesPerMS})
		s.f.mu.Unlock()
	}
}

// respond starts an answer to what the model heard last (sequence B) and
// streams it from a goroutine of its own.
func (s *session) respond() {
	r := &response{id: s.id("resp"), item: s.id("item"), stop: make(chan struct{})}
	r.text = voicetest.Answer(s.heard)
	if !s.eff.text {
		r.audio = s.f.answerAudio(r.text)
	}
	s.resp = r
	s.send(obj{"type": "response.created", "response": s.responseObj(r, "in_progress", nil, nil, nil)})
	s.send(obj{"type": "rate_limits.updated", "rate_limits": []any{
		obj{"name": "requests", "limit": 1000, "remaining": 999, "reset_seconds": 60},
		obj{"name": "tokens", "limit": 50000, "remaining": 49000, "reset_seconds": 60}}})
	item := obj{"id": r.item, "object": "realtime.item", "type": "message", "status": "in_progress", "role": "assistant", "content": []any{}}
	s.send(obj{"type": "response.output_item.added", "response_id": r.id, "output_index": 0, "item": item})
	s.send(obj{"type": "conversation.item.added", "previous_item_id": s.prevItem(), "item": item})
	s.last = r.item
	part := obj{"type": "output_audio", "transcript": ""}
	if s.eff.text {
		part = obj{"type": "output_text", "text": ""}
	}
	s.send(obj{"type": "response.content_part.added", "response_id": r.id, "item_id": r.item, "output_index": 0, "content_index": 0, "part": part})
	if !s.eff.text {
		s.sent[r.item] = 0
	}
	go s.stream(r, s.eff.text)
}

// stream sends an answer's deltas faster than real time until it is done
// or cancelled.
func (s *session) stream(r *response, text bool) {
	deltaMS := s.f.opts.DeltaMS
	tick := time.Duration(float64(time.Duration(deltaMS)*time.Millisecond) / s.f.opts.Pace)
	t := time.NewTimer(tick)
	defer t.Stop()
	for {
		select {
		case <-t.C:
		case <-r.stop:
			return
		case <-s.ctx.Done():
			return
		}
		s.mu.Lock()
		if r.done {
			s.mu.Unlock()
			return
		}
		if text {
			s.textDelta(r, "response.output_text.delta", r.chars+textDelta)
		} else {
			k := min(r.sent+deltaMS*bytesPerMS, len(r.audio))
			s.audioDelta(r, r.audio[r.sent:k])
			r.sent = k
			s.sent[r.item] = k
			// The transcript keeps pace with the audio.
			s.textDelta(r, "response.output_audio_transcript.delta", len(r.text)*k/max(len(r.audio), 1))
		}
		if r.chars >= len(r.text) && r.sent >= len(r.audio) {
			s.finish(r, "completed", "")
			s.mu.Unlock()
			return
		}
		s.mu.Unlock()
		t.Reset(tick)
	}
}

type delta struct {
	Type         string `json:"type"`
	EventID      string `json:"event_id"`
	ResponseID   string `json:"response_id"`
	ItemID       string `json:"item_id"`
	OutputIndex  int    `json:"output_index"`
	ContentIndex int    `json:"content_index"`
	Delta        string `json:"delta"`
}

// textDelta sends the answer's text up to byte end (moved on to a rune
// boundary, so that every delta is valid UTF-8).
func (s *session) textDelta(r *response, typ string, end int) {
	end = min(end, len(r.text))
	for end < len(r.text) && !utf8.RuneStart(r.text[end]) {
		end++
	}
	if end <= r.chars {
		return
	}
	b, _ := json.Marshal(delta{typ, string(s.appendEventID(nil)), r.id, r.item, 0, 0, r.text[r.chars:end]})
	r.chars = end
	s.write(b)
}

// audioDelta writes a response.output_audio.delta without a JSON encoder:
// it is the bulk of what the fake sends.
func (s *session) audioDelta(r *response, chunk []byte) {
	b := append(s.wbuf[:0], `{"type":"response.output_audio.delta","event_id":"`...)
	b = s.appendEventID(b)
	b = append(b, `","response_id":"`...)
	b = append(b, r.id...)
	b = append(b, `","item_id":"`...)
	b = append(b, r.item...)
	b = append(b, `","output_index":0,"content_index":0,"delta":"`...)
	if mark := s.f.opts.MarkDelta; mark != nil {
		// The answer's audio is shared by every session: mark a copy.
		s.mark = append(s.mark[:0], chunk...)
		chunk = s.mark
		mark(chunk)
	}
	b = base64.StdEncoding.AppendEncode(b, chunk)
	b = append(b, `"}`...)
	s.wbuf = b
	s.write(b)
}

// finish ends the active response: completed, or cancelled with what was
// sent so far (sequence C).
func (s *session) finish(r *response, status, reason string) {
	r.done = true
	if status != "completed" {
		close(r.stop)
	}
	s.resp = nil
	transcript := r.text[:r.chars]
	itemStatus := "completed"
	if status != "completed" {
		itemStatus = "incomplete"
	}
	base := obj{"response_id": r.id, "item_id": r.item, "output_index": 0, "content_index": 0}
	with := func(kv ...any) obj {
		o := obj{}
		for k, v := range base {
			o[k] = v
		}
		for i := 0; i < len(kv); i += 2 {
			o[kv[i].(string)] = kv[i+1]
		}
		return o
	}
	var part obj
	if r.audio == nil {
		part = obj{"type": "output_text", "text": transcript}
		s.send(with("type", "response.output_text.done", "text", transcript))
	} else {
		part = obj{"type": "output_audio", "transcript": transcript}
		s.send(with("type", "response.output_audio.done"))
		s.send(with("type", "response.output_audio_transcript.done", "transcript", transcript))
	}
	s.send(with("type", "response.content_part.done", "part", part))
	item := obj{"id": r.item, "object": "realtime.item", "type": "message", "status": itemStatus, "role": "assistant", "content": []any{part}}
	s.send(obj{"type": "response.output_item.done", "response_id": r.id, "output_index": 0, "item": item})
	s.send(obj{"type": "conversation.item.done", "previous_item_id": nil, "item": item})
	var details any
	if reason != "" {
		details = obj{"type": status, "reason": reason}
	}
	s.send(obj{"type": "response.done", "response": s.responseObj(r, status, details, []any{item}, s.usage(r, transcript))})
}

// usage is consistent with the real tokenization (§5): candidate audio 10
// tokens a second, interviewer audio 20, text about 4 characters a token;
// the whole conversation is input to every response, and what the last
// response read is cached in 64-token blocks.
func (s *session) usage(r *response, transcript string) obj {
	instr, _ := s.cfg["instructions"].(string)
	textIn := tokens4(len(instr) + s.textChars)
	audioIn := int(s.userAudio/(100*time.Millisecond)) + s.botAudioMS/50
	input := textIn + audioIn
	cached := min(s.lastInput, input) / 64 * 64
	s.lastInput = input
	outAudio := r.sent / bytesPerMS / 50
	outText := tokens4(len(transcript))
	s.botAudioMS += r.sent / bytesPerMS
	s.textChars += len(transcript)
	return obj{"total_tokens": input + outAudio + outText, "input_tokens": input, "output_tokens": outAudio + outText,
		"input_token_details": obj{"text_tokens": textIn, "audio_tokens": audioIn, "image_tokens": 0, "cached_tokens": cached,
			"cached_tokens_details": obj{"text_tokens": min(cached, textIn), "audio_tokens": cached - min(cached, textIn), "image_tokens": 0}},
		"output_token_details": obj{"text_tokens": outText, "audio_tokens": outAudio}}
}

func tokens4(chars int) int { return (chars + 3) / 4 }

func (s *session) responseObj(r *response, status string, details any, output []any, usage any) obj {
	if output == nil {
		output = []any{}
	}
	mods := []any{"audio"}
	if r.audio == nil {
		mods = []any{"text"}
	}
	return obj{"object": "realtime.response", "id": r.id, "status": status, "status_details": details, "output": output,
		"conversation_id": "conv_" + strconv.FormatInt(s.n, 36), "output_modalities": mods, "max_output_tokens": "inf",
		"audio": obj{"output": obj{"format": pcmFormat(), "voice": s.eff.voice}}, "usage": usage, "metadata": nil}
}

func (s *session) prevItem() any {
	if s.last == "" {
		return nil
	}
	return s.last
}

// fail sends an error event; the session goes on (most errors are recoverable).
func (s *session) fail(eventID string, e *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failLocked(eventID, e)
}

func (s *session) failLocked(eventID string, e *apiError) {
	var param, echo any
	if e.Param != "" {
		param = e.Param
	}
	if eventID != "" {
		echo = eventID
	}
	s.f.noteError(e.Code)
	s.send(obj{"type": "error", "error": obj{"type": e.Type, "code": e.Code, "message": e.Message, "param": param, "event_id": echo}})
}

// send writes one server event; the caller holds s.mu.
func (s *session) send(ev obj) {
	ev["event_id"] = string(s.appendEventID(nil))
	b, err := json.Marshal(ev)
	if err != nil {
		panic("openaifake: " + err.Error())
	}
	s.write(b)
}

func (s *session) write(b []byte) {
	if s.dead {
		return
	}
	// No deadline: a stalled client is cut by Close or DropAll, which unblock the write.
	if s.c.Write(context.Background(), websocket.MessageText, b) != nil {
		s.dead = true
	}
}

func (s *session) appendEventID(b []byte) []byte {
	s.events++
	b = append(b, "event_"...)
	b = strconv.AppendInt(b, s.n, 36)
	b = append(b, 'x')
	return strconv.AppendInt(b, s.events, 36)
}

func (s *session) id(prefix string) string {
	return prefix + "_" + strconv.FormatInt(s.f.ids.Add(1), 36)
}

func ms(d time.Duration) int { return int(d / time.Millisecond) }
