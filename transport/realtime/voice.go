package realtime

import (
	"time"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/voice/relay"
)

// audioBuffer is how many interviewer audio frames a socket queues (a
// model's 20–100 ms frames: tens of seconds), apart from its JSON frames.
const audioBuffer = 1024

// Audio frames in: 100 a second, burst 100 (a microphone sends 50 of 20 ms).
const audioPerSec = 100

var _ relay.Sink = (*conn)(nil)

// VoiceState tells the room where its voice stands.
func (c *conn) VoiceState(s relay.State) {
	c.push(VoiceState{Type: TypeVoiceState, Status: s.Status, Provider: s.Provider, Model: s.Model, InputRate: s.InputRate,
		OutputRate: s.OutputRate, PushToTalk: s.PushToTalk, Reason: s.Reason, Message: s.Message, Fallback: s.Fallback, MinutesLeft: s.MinutesLeft})
}

// VoiceActivity tells the room who speaks.
func (c *conn) VoiceActivity(speaker, state string, latency time.Duration) {
	c.push(VoiceActivity{Type: TypeVoiceAct, Speaker: speaker, State: state, LatencyMS: latency.Milliseconds()})
}

// AnswerText streams the spoken answer's words as interviewer.message
// frames, the ones a typed answer streams as.
func (c *conn) AnswerText(delta string, final bool) {
	c.push(InterviewerMessage{Type: TypeInterviewer, Text: delta, Final: final})
}

// Audio queues interviewer audio; a full queue drops the frame (a glitch)
// rather than the room.
func (c *conn) Audio(pcm []byte) {
	select {
	case c.audio <- pcm:
	default:
		c.hub.log.Warn("realtime: dropped interviewer audio for a room that cannot keep up", "session_id", c.sessionID)
	}
}

// handleAudio relays one binary frame of the candidate's microphone.
func (c *conn) handleAudio(data []byte) {
	now := c.hub.clock.Now()
	if c.audioRefill.IsZero() {
		c.audioTokens, c.audioRefill = audioPerSec, now
	}
	c.audioTokens = min(c.audioTokens+now.Sub(c.audioRefill).Seconds()*audioPerSec, audioPerSec)
	c.audioRefill = now
	if c.audioTokens < 1 {
		c.audioFail(relay.ErrFrameRate)
		return
	}
	c.audioTokens--
	r := c.hub.relay()
	if r == nil {
		c.audioFail(relay.ErrUnavailable)
		return
	}
	if err := r.Audio(c.sessionID, c, data); err != nil {
		c.audioFail(err)
		return
	}
	c.lastAudioErr = ""
}

// audioFail reports a refused audio frame, once a second per code: a
// microphone sends fifty a second and one error says it all.
func (c *conn) audioFail(err error) {
	e := mockroom.AsError(err)
	if e == nil {
		return
	}
	now := c.hub.clock.Now()
	if e.Code == c.lastAudioErr && now.Sub(c.lastAudioErrT) < time.Second {
		return
	}
	c.lastAudioErr, c.lastAudioErrT = e.Code, now
	c.fail(0, e.Code, e.Message)
}

// handleVoice runs voice.start, voice.stop, input_audio_buffer.commit and
// response.cancel.
func (c *conn) handleVoice(typ string, data []byte) {
	r := c.hub.relay()
	var err error
	switch typ {
	case TypeVoiceStart:
		var m VoiceStart
		if strict(data, &m) != nil {
			c.fail(seqOf(data), "invalid_payload", "voice.start must be {type, seq?, push_to_talk?}")
			return
		}
		if r == nil {
			err = relay.ErrUnavailable
			break
		}
		if err = r.Start(c.ctx, c.userID, c.sessionID, c, m.PushToTalk); err == nil {
			// The call is here now: another instance still holding it (the
			// room moved) ends its own.
			c.hub.publish(Message{SessionID: c.sessionID, VoiceClaimed: c.sessionID})
		}
	case TypeVoiceStop, TypeAudioCommit:
		var m Control
		if strict(data, &m) != nil {
			c.fail(seqOf(data), "invalid_payload", typ+" must be {type, seq?}")
			return
		}
		switch {
		case r == nil:
			err = relay.ErrUnavailable
		case typ == TypeVoiceStop:
			r.Stop(c.sessionID, c)
		default:
			err = r.Commit(c.sessionID, c)
		}
	case TypeCancel:
		var m ResponseCancel
		if strict(data, &m) != nil || m.PlayedMS < 0 {
			c.fail(seqOf(data), "invalid_payload", "response.cancel must be {type, seq?, played_ms >= 0}")
			return
		}
		if r == nil {
			err = relay.ErrUnavailable
			break
		}
		err = r.Interrupt(c.sessionID, c, time.Duration(m.PlayedMS)*time.Millisecond)
	}
	if err != nil {
		c.failErr(seqOf(data), err)
	}
}
