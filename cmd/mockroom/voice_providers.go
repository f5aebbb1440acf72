package main

import "github.com/mockroom/mockroom/voice"

// addVoiceProviders adds Gemini Live and the local cascade.
func addVoiceProviders(c VoiceConfig, out map[string]voice.Provider, local voiceResponder) {}
