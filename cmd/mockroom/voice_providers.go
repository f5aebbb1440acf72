package main

import (
	"github.com/mockroom/mockroom/voice"
	"github.com/mockroom/mockroom/voice/geminilive"
)

// addVoiceProviders adds Gemini Live and the local cascade.
func addVoiceProviders(c VoiceConfig, out map[string]voice.Provider, local voiceResponder) {
	if c.GeminiKey != "" {
		out[voiceGemini] = geminilive.New(geminilive.Config{APIKey: c.GeminiKey, BaseURL: c.GeminiURL, Model: c.GeminiModel, Voice: c.GeminiVoice})
	}
}
