package openaifake

import (
	"fmt"
	"time"
)

type obj = map[string]any

// apiError is an error event's body: what the real server says, and where.
type apiError struct {
	Type, Code, Message, Param string
}

func invalid(param, format string, args ...any) *apiError {
	return &apiError{"invalid_request_error", "invalid_value", fmt.Sprintf(format, args...), param}
}

// The keys a GA session.update may carry, by object (RealtimeSessionCreateRequestGA).
var allowed = map[string]map[string]bool{
	"session": set("type", "model", "output_modalities", "instructions", "audio", "tools", "tool_choice",
		"max_output_tokens", "tracing", "prompt", "include", "truncation", "parallel_tool_calls", "reasoning"),
	"session.audio":                               set("input", "output"),
	"session.audio.input":                         set("format", "transcription", "noise_reduction", "turn_detection"),
	"session.audio.output":                        set("format", "voice", "speed"),
	"session.audio.input.format":                  set("type", "rate"),
	"session.audio.output.format":                 set("type", "rate"),
	"session.audio.input.transcription":           set("model", "language", "prompt", "languages", "keywords", "delay"),
	"session.audio.input.noise_reduction":         set("type"),
	"session.audio.input.turn_detection":          set("type", "threshold", "prefix_padding_ms", "silence_duration_ms", "idle_timeout_ms", "create_response", "interrupt_response", "eagerness"),
	"session.audio.input.turn_detection.semantic": set("type", "eagerness", "create_response", "interrupt_response"),
}

func set(keys ...string) map[string]bool {
	m := make(map[string]bool, len(keys))
	for _, k := range keys {
		m[k] = true
	}
	return m
}

// defaultSession is the session a connection starts with (session.created, §1.6).
func defaultSession(id, model string, expires time.Time) obj {
	return obj{
		"type": "realtime", "object": "realtime.session", "id": id, "model": model,
		"output_modalities": []any{"audio"}, "instructions": "", "tools": []any{}, "tool_choice": "auto",
		"max_output_tokens": "inf", "tracing": nil, "prompt": nil, "include": nil, "truncation": "auto",
		"expires_at": expires.Unix(),
		"audio": obj{
			"input": obj{
				"format": pcmFormat(), "transcription": nil, "noise_reduction": nil,
				"turn_detection": obj{"type": "server_vad", "threshold": 0.5, "prefix_padding_ms": 300, "silence_duration_ms": 200,
					"idle_timeout_ms": nil, "create_response": true, "interrupt_response": true},
			},
			"output": obj{"format": pcmFormat(), "voice": "marin", "speed": 1.0},
		},
	}
}

func pcmFormat() obj { return obj{"type": "audio/pcm", "rate": 24000} }

// validate checks a session.update's session object whole; nothing is
// applied unless all of it is valid.
func validate(u obj) *apiError {
	t, ok := u["type"]
	if !ok || t == nil {
		return &apiError{"invalid_request_error", "missing_required_parameter", "Missing required parameter: 'session.type'.", "session.type"}
	}
	if t != "realtime" {
		return invalid("session.type", "Invalid value: '%v'. This endpoint serves realtime sessions; supported value is 'realtime'.", t)
	}
	if e := unknownKeys(u, "session"); e != nil {
		return e
	}
	if v, ok := u["instructions"]; ok {
		if _, isStr := v.(string); !isStr {
			return invalid("session.instructions", "Invalid type for 'session.instructions': expected a string.")
		}
	}
	if v, ok := u["output_modalities"]; ok {
		m, _ := v.([]any)
		if len(m) != 1 || (m[0] != "audio" && m[0] != "text") {
			return invalid("session.output_modalities", "Invalid value: output_modalities must be ['audio'] or ['text'].")
		}
	}
	audio, ok := u["audio"]
	if !ok {
		return nil
	}
	a, isObj := audio.(obj)
	if !isObj {
		return invalid("session.audio", "Invalid type for 'session.audio': expected an object.")
	}
	if e := unknownKeys(a, "session.audio"); e != nil {
		return e
	}
	for _, dir := range []string{"input", "output"} {
		v, ok := a[dir]
		if !ok {
			continue
		}
		d, isObj := v.(obj)
		path := "session.audio." + dir
		if !isObj {
			return invalid(path, "Invalid type for '%s': expected an object.", path)
		}
		if e := unknownKeys(d, path); e != nil {
			return e
		}
		if e := checkFormat(d["format"], path+".format"); e != nil {
			return e
		}
	}
	in, _ := a["input"].(obj)
	if v, ok := in["transcription"]; ok && v != nil {
		tr, isObj := v.(obj)
		if !isObj {
			return invalid("session.audio.input.transcription", "Invalid type: expected an object or null.")
		}
		if e := unknownKeys(tr, "session.audio.input.transcription"); e != nil {
			return e
		}
		if m, _ := tr["model"].(string); m == "" {
			return &apiError{"invalid_request_error", "missing_required_parameter", "Missing required parameter: 'session.audio.input.transcription.model'.", "session.audio.input.transcription.model"}
		}
	}
	if v, ok := in["turn_detection"]; ok && v != nil {
		td, isObj := v.(obj)
		if !isObj {
			return invalid("session.audio.input.turn_detection", "Invalid type: expected an object or null.")
		}
		path := "session.audio.input.turn_detection"
		switch td["type"] {
		case "server_vad":
			if e := unknownKeys(td, path); e != nil {
				return e
			}
		case "semantic_vad":
			if e := unknownKeysIn(td, path+".semantic", path); e != nil {
				return e
			}
		case nil:
			return &apiError{"invalid_request_error", "missing_required_parameter", "Missing required parameter: '" + path + ".type'.", path + ".type"}
		default:
			return invalid(path+".type", "Invalid value: '%v'. Supported values are: 'server_vad' and 'semantic_vad'.", td["type"])
		}
		if ms, ok := td["silence_duration_ms"]; ok {
			if n, isNum := ms.(float64); !isNum || n < 0 {
				return invalid(path+".silence_duration_ms", "Invalid value for 'silence_duration_ms': expected a non-negative integer.")
			}
		}
	}
	return nil
}

func unknownKeys(o obj, path string) *apiError { return unknownKeysIn(o, path, path) }

func unknownKeysIn(o obj, schema, path string) *apiError {
	for k := range o {
		if !allowed[schema][k] {
			return &apiError{"invalid_request_error", "unknown_parameter", "Unknown parameter: '" + path + "." + k + "'.", path + "." + k}
		}
	}
	return nil
}

func checkFormat(v any, path string) *apiError {
	if v == nil {
		return nil
	}
	f, ok := v.(obj)
	if !ok {
		return invalid(path, "Invalid type for '%s': expected an object.", path)
	}
	if e := unknownKeys(f, path); e != nil {
		return e
	}
	switch f["type"] {
	case "audio/pcm":
		if r, ok := f["rate"]; ok && r != float64(24000) {
			return invalid(path+".rate", "Invalid value: %v. Only a 24kHz sample rate is supported.", r)
		}
	case "audio/pcmu", "audio/pcma":
		// Real formats, but this fake's VAD reads PCM only.
		return invalid(path+".type", "The fake speaks audio/pcm only.")
	default:
		return invalid(path+".type", "Invalid value: '%v'. Supported values are: 'audio/pcm', 'audio/pcmu' and 'audio/pcma'.", f["type"])
	}
	return nil
}

// merge applies a valid update: only the fields present change; the audio
// containers merge field by field, and any other object (a format, the
// turn detection, the transcription) is replaced whole, a turn detection
// with the server's defaults for what it leaves out.
func merge(cur, u obj) {
	for k, v := range u {
		if k != "audio" {
			cur[k] = v
			continue
		}
		ca, _ := cur["audio"].(obj)
		for dir, dv := range v.(obj) {
			cd, _ := ca[dir].(obj)
			for fk, fv := range dv.(obj) {
				if fk == "turn_detection" && fv != nil {
					fv = withDefaults(fv.(obj))
				}
				cd[fk] = fv
			}
		}
	}
}

func withDefaults(td obj) obj {
	out := obj{"create_response": true, "interrupt_response": true}
	if td["type"] == "server_vad" {
		out["threshold"], out["prefix_padding_ms"], out["silence_duration_ms"], out["idle_timeout_ms"] = 0.5, 300, 500, nil
	} else {
		out["eagerness"] = "auto"
	}
	for k, v := range td {
		out[k] = v
	}
	return out
}

// effective is what a session's config means for the fake's behaviour.
type effective struct {
	vad        bool
	silence    time.Duration
	create     bool
	interrupt  bool
	transcribe bool
	text       bool // output_modalities ["text"]
	voice      any
}

func effectiveOf(cfg obj) effective {
	var e effective
	a, _ := cfg["audio"].(obj)
	in, _ := a["input"].(obj)
	out, _ := a["output"].(obj)
	e.transcribe = in["transcription"] != nil
	e.voice = out["voice"]
	if m, _ := cfg["output_modalities"].([]any); len(m) == 1 && m[0] == "text" {
		e.text = true
	}
	if td, ok := in["turn_detection"].(obj); ok {
		e.vad = true
		e.silence = 500 * time.Millisecond
		if ms, ok := td["silence_duration_ms"].(float64); ok {
			e.silence = time.Duration(ms) * time.Millisecond
		} else if ms, ok := td["silence_duration_ms"].(int); ok {
			e.silence = time.Duration(ms) * time.Millisecond
		}
		e.create = td["create_response"] != false
		e.interrupt = td["interrupt_response"] != false
	}
	return e
}
