package geminifake

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"
)

// The wire shapes of BidiGenerateContent as the Gemini Developer API
// (v1beta) writes them, kept here rather than borrowed from go-genai so the
// fake pins the protocol the adapter must read, not the SDK's Go types.

// clientMessage is one client frame; exactly one field may be set.
type clientMessage struct {
	Setup         *setup          `json:"setup"`
	ClientContent *clientContent  `json:"clientContent"`
	RealtimeInput *realtimeInput  `json:"realtimeInput"`
	ToolResponse  json.RawMessage `json:"toolResponse"`
	ContextUpdate *contextUpdate  `json:"contextUpdate"`
}

func (m *clientMessage) fields() int {
	n := 0
	for _, set := range []bool{m.Setup != nil, m.ClientContent != nil, m.RealtimeInput != nil, m.ToolResponse != nil, m.ContextUpdate != nil} {
		if set {
			n++
		}
	}
	return n
}

type setup struct {
	Model            string `json:"model"`
	GenerationConfig *struct {
		ResponseModalities []string `json:"responseModalities"`
	} `json:"generationConfig"`
	SystemInstruction   *content `json:"systemInstruction"`
	RealtimeInputConfig *struct {
		AutomaticActivityDetection *struct {
			Disabled          bool `json:"disabled"`
			PrefixPaddingMs   int  `json:"prefixPaddingMs"`
			SilenceDurationMs int  `json:"silenceDurationMs"`
		} `json:"automaticActivityDetection"`
		ActivityHandling string `json:"activityHandling"`
	} `json:"realtimeInputConfig"`
	SessionResumption *struct {
		Handle      string `json:"handle"`
		Transparent bool   `json:"transparent"`
	} `json:"sessionResumption"`
	InputAudioTranscription  *struct{} `json:"inputAudioTranscription"`
	OutputAudioTranscription *struct{} `json:"outputAudioTranscription"`
}

type clientContent struct {
	Turns        []content `json:"turns"`
	TurnComplete bool      `json:"turnComplete"`
}

type realtimeInput struct {
	Audio          *blob     `json:"audio"`
	MediaChunks    []blob    `json:"mediaChunks"` // the older form, still accepted
	AudioStreamEnd bool      `json:"audioStreamEnd"`
	ActivityStart  *struct{} `json:"activityStart"`
	ActivityEnd    *struct{} `json:"activityEnd"`
	Text           string    `json:"text"`
}

type contextUpdate struct {
	SystemInstruction *content `json:"systemInstruction"`
}

type content struct {
	Role  string `json:"role,omitempty"`
	Parts []part `json:"parts"`
}

type part struct {
	Text       string `json:"text,omitempty"`
	InlineData *blob  `json:"inlineData,omitempty"`
}

type blob struct {
	MimeType string `json:"mimeType"`
	Data     []byte `json:"data"` // base64 on the wire
}

func (c *content) text() string {
	if c == nil {
		return ""
	}
	var b strings.Builder
	for _, p := range c.Parts {
		if p.Text == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		b.WriteString(p.Text)
	}
	return b.String()
}

// serverMessage is one server frame (LiveServerMessage); usageMetadata
// rides along with turnComplete.
type serverMessage struct {
	SetupComplete           *struct{}         `json:"setupComplete,omitempty"`
	ServerContent           *serverContent    `json:"serverContent,omitempty"`
	UsageMetadata           *usageMetadata    `json:"usageMetadata,omitempty"`
	GoAway                  *goAway           `json:"goAway,omitempty"`
	SessionResumptionUpdate *resumptionUpdate `json:"sessionResumptionUpdate,omitempty"`
	VoiceActivity           *voiceActivity    `json:"voiceActivity,omitempty"`
}

type serverContent struct {
	ModelTurn           *content       `json:"modelTurn,omitempty"`
	TurnComplete        bool           `json:"turnComplete,omitempty"`
	Interrupted         bool           `json:"interrupted,omitempty"`
	GenerationComplete  bool           `json:"generationComplete,omitempty"`
	InputTranscription  *transcription `json:"inputTranscription,omitempty"`
	OutputTranscription *transcription `json:"outputTranscription,omitempty"`
}

type transcription struct {
	Text     string `json:"text,omitempty"`
	Finished bool   `json:"finished,omitempty"`
}

type usageMetadata struct {
	PromptTokenCount      int             `json:"promptTokenCount"`
	ResponseTokenCount    int             `json:"responseTokenCount"`
	TotalTokenCount       int             `json:"totalTokenCount"`
	PromptTokensDetails   []modalityCount `json:"promptTokensDetails,omitempty"`
	ResponseTokensDetails []modalityCount `json:"responseTokensDetails,omitempty"`
}

type modalityCount struct {
	Modality   string `json:"modality"`
	TokenCount int    `json:"tokenCount"`
}

// goAway.timeLeft is a protobuf Duration: a string such as "1s" or "0.5s".
type goAway struct {
	TimeLeft string `json:"timeLeft"`
}

type resumptionUpdate struct {
	NewHandle string `json:"newHandle,omitempty"`
	Resumable bool   `json:"resumable"`
	// An int64, so a JSON string, as the API writes every int64.
	LastConsumedClientMessageIndex int64 `json:"lastConsumedClientMessageIndex,omitempty,string"`
}

type voiceActivity struct {
	VoiceActivityType string `json:"voiceActivityType"`
}

// protoDuration writes d as protobuf's JSON Duration.
func protoDuration(d time.Duration) string {
	return strconv.FormatFloat(d.Seconds(), 'f', -1, 64) + "s"
}

// pcmRate reads the rate from "audio/pcm;rate=16000"; a bare "audio/pcm"
// is 16 kHz, the input format the API documents.
func pcmRate(mime string) (int, bool) {
	typ, params, _ := strings.Cut(mime, ";")
	if strings.TrimSpace(strings.ToLower(typ)) != "audio/pcm" {
		return 0, false
	}
	for _, p := range strings.Split(params, ";") {
		k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
		if k == "rate" {
			if r, err := strconv.Atoi(v); err == nil && r > 0 {
				return r, true
			}
		}
	}
	return 16000, true
}
