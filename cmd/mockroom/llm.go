package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"time"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/agents/llm"
	"github.com/mockroom/mockroom/agents/llm/anthropic"
	"github.com/mockroom/mockroom/agents/llm/gemini"
	"github.com/mockroom/mockroom/agents/llm/openai"
	"github.com/mockroom/mockroom/evaluation"
)

// LLMConfig is which model service the agents use (docs/adr/0011-llm-providers.md).
type LLMConfig struct {
	Provider string // llm.ProviderOffline, ProviderOpenAI, ProviderAnthropic or ProviderGemini
	Why      string // how Provider was chosen, for the start-up log

	OpenAIKey     string // OPENAI_API_KEY
	OpenAIBaseURL string // OPENAI_BASE_URL: an OpenAI-compatible server (Ollama, vLLM, llama.cpp, LM Studio)
	AnthropicKey  string // ANTHROPIC_API_KEY
	GeminiKey     string // GEMINI_API_KEY

	// The model of each agent; "" with the offline provider.
	InterviewerModel, ObserverModel, EvaluatorModel string

	Timeout time.Duration // LLM_TIMEOUT: one attempt's longest wait
	Prices  llm.Prices    // DefaultPrices with LLM_PRICES laid over
}

// Model is the model of agent (llm.AgentInterviewer, ...).
func (c LLMConfig) Model(agent string) string {
	switch agent {
	case llm.AgentInterviewer:
		return c.InterviewerModel
	case llm.AgentObserver:
		return c.ObserverModel
	case llm.AgentEvaluator:
		return c.EvaluatorModel
	}
	return ""
}

// ClientConfig is what llm.NewClient needs from the configuration.
func (c LLMConfig) ClientConfig() llm.ClientConfig {
	return llm.ClientConfig{AttemptTimeout: c.Timeout, Prices: c.Prices}
}

// loadLLM reads LLM_PROVIDER and its companions. Unset, LLM_PROVIDER is
// inferred when the keys name exactly one service (OPENAI_API_KEY or
// OPENAI_BASE_URL: openai; ANTHROPIC_API_KEY: anthropic; GEMINI_API_KEY:
// gemini), and is offline otherwise.
func loadLLM(env func(string) string) (LLMConfig, error) {
	c := LLMConfig{
		OpenAIKey:     env("OPENAI_API_KEY"),
		OpenAIBaseURL: strings.TrimRight(env("OPENAI_BASE_URL"), "/"),
		AnthropicKey:  env("ANTHROPIC_API_KEY"),
		GeminiKey:     env("GEMINI_API_KEY"),
		Timeout:       30 * time.Second,
	}
	c.Provider = strings.ToLower(env("LLM_PROVIDER"))
	switch c.Provider {
	case "":
		var named []string
		var from []string
		if c.OpenAIKey != "" || c.OpenAIBaseURL != "" {
			named, from = append(named, llm.ProviderOpenAI), append(from, firstSet(env, "OPENAI_API_KEY", "OPENAI_BASE_URL"))
		}
		if c.AnthropicKey != "" {
			named, from = append(named, llm.ProviderAnthropic), append(from, "ANTHROPIC_API_KEY")
		}
		if c.GeminiKey != "" {
			named, from = append(named, llm.ProviderGemini), append(from, "GEMINI_API_KEY")
		}
		switch len(named) {
		case 0:
			c.Provider, c.Why = llm.ProviderOffline, "LLM_PROVIDER unset and no model key: the built-in offline engine"
		case 1:
			c.Provider, c.Why = named[0], "LLM_PROVIDER unset and only "+from[0]+" set"
		default:
			c.Provider, c.Why = llm.ProviderOffline, "LLM_PROVIDER unset and keys for several services ("+strings.Join(from, ", ")+"): set LLM_PROVIDER to choose one"
		}
	case llm.ProviderOffline, llm.ProviderOpenAI, llm.ProviderAnthropic, llm.ProviderGemini:
		c.Why = "LLM_PROVIDER"
	default:
		return c, &configError{"LLM_PROVIDER", fmt.Sprintf("%q must be offline, openai, anthropic or gemini", c.Provider)}
	}
	if c.OpenAIBaseURL != "" {
		if u, err := url.Parse(c.OpenAIBaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return c, &configError{"OPENAI_BASE_URL", fmt.Sprintf("%q must be the http(s) URL of an OpenAI-compatible API, like http://localhost:11434/v1 (Ollama)", c.OpenAIBaseURL)}
		}
	}
	switch c.Provider {
	case llm.ProviderOpenAI:
		if c.OpenAIKey == "" && openai.Official(c.OpenAIBaseURL) {
			return c, &configError{"OPENAI_API_KEY", "must be set when LLM_PROVIDER=openai (or set OPENAI_BASE_URL to a local OpenAI-compatible server that needs no key)"}
		}
	case llm.ProviderAnthropic:
		if c.AnthropicKey == "" {
			return c, &configError{"ANTHROPIC_API_KEY", "must be set when LLM_PROVIDER=anthropic"}
		}
	case llm.ProviderGemini:
		if c.GeminiKey == "" {
			return c, &configError{"GEMINI_API_KEY", "must be set when LLM_PROVIDER=gemini"}
		}
	}
	for _, m := range []struct {
		name, agent, value string
		to                 *string
	}{
		{"INTERVIEWER_MODEL", llm.AgentInterviewer, env("INTERVIEWER_MODEL"), &c.InterviewerModel},
		{"OBSERVER_MODEL", llm.AgentObserver, env("OBSERVER_MODEL"), &c.ObserverModel},
		{"EVALUATOR_MODEL", llm.AgentEvaluator, env("EVALUATOR_MODEL"), &c.EvaluatorModel},
	} {
		if c.Provider == llm.ProviderOffline {
			continue
		}
		if *m.to = m.value; m.value != "" {
			continue
		}
		if c.Provider == llm.ProviderOpenAI && !openai.Official(c.OpenAIBaseURL) {
			return c, &configError{m.name, fmt.Sprintf("must name the %s's model on the server at OPENAI_BASE_URL (%s), e.g. llama3.1:8b for Ollama: a compatible server has model names of its own", m.agent, c.OpenAIBaseURL)}
		}
		*m.to = llm.DefaultModel(c.Provider, m.agent)
	}
	if v := env("LLM_TIMEOUT"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < time.Second || d > 10*time.Minute {
			return c, &configError{"LLM_TIMEOUT", fmt.Sprintf("%q must be a duration from 1s to 10m, like 30s", v)}
		}
		c.Timeout = d
	}
	p, err := llm.ParsePrices(env("LLM_PRICES"), llm.DefaultPrices())
	if err != nil {
		return c, &configError{"LLM_PRICES", err.Error() + `; the form is "model=input/output,..." in dollars per million tokens, e.g. "gpt-4o=2.5/10,llama3.1=0/0"`}
	}
	c.Prices = p
	return c, nil
}

// redactedBaseURL is OPENAI_BASE_URL fit for a log (no password).
func (c LLMConfig) redactedBaseURL() string {
	u, err := url.Parse(c.OpenAIBaseURL)
	if err != nil {
		return ""
	}
	return u.Redacted()
}

func firstSet(env func(string) string, names ...string) string {
	for _, n := range names {
		if env(n) != "" {
			return n
		}
	}
	return ""
}

// newLLMProvider builds the configured model service; nil for offline,
// where the agents use their built-in engines.
func newLLMProvider(cfg Config) (llm.Provider, error) {
	switch c := cfg.LLM; c.Provider {
	case llm.ProviderOffline, "":
		return nil, nil
	case llm.ProviderOpenAI:
		p, err := openai.New(openai.Config{APIKey: c.OpenAIKey, BaseURL: c.OpenAIBaseURL})
		if err != nil {
			return nil, err
		}
		return p, nil
	case llm.ProviderAnthropic:
		return anthropic.New(anthropic.Config{APIKey: c.AnthropicKey}), nil
	case llm.ProviderGemini:
		p, err := gemini.New(context.Background(), gemini.Config{APIKey: c.GeminiKey})
		if err != nil {
			return nil, &configError{"GEMINI_API_KEY", err.Error()}
		}
		return p, nil
	default:
		return nil, &configError{"LLM_PROVIDER", fmt.Sprintf("%q must be offline, openai, anthropic or gemini", c.Provider)}
	}
}

// newLLMClient wraps the configured provider with retries, answer checks
// and cost records on the session; nil when offline.
func newLLMClient(cfg Config, calls evaluation.UsageStore, log *slog.Logger) (*llm.Client, error) {
	p, err := newLLMProvider(cfg)
	if err != nil || p == nil {
		return nil, err
	}
	c := cfg.LLM.ClientConfig()
	return llm.NewClient(p, callRecorder{calls}, log, c), nil
}

// callRecorder keeps each model call on its session for the report's cost.
type callRecorder struct{ store evaluation.UsageStore }

func (r callRecorder) RecordCall(ctx context.Context, c llm.Call) error {
	return r.store.RecordModelCall(mockroom.AsService(ctx), evaluation.ModelCall{
		SessionID: c.SessionID, Agent: c.Agent, Provider: c.Provider, Model: c.Model,
		InputTokens: c.InputTokens, OutputTokens: c.OutputTokens, LatencyMS: c.LatencyMS,
		CostMicroUSD: c.CostMicroUSD, Outcome: c.Outcome, At: c.At,
	})
}
