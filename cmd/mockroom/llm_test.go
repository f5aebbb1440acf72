package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/mockroom/mockroom/agents/llm"
)

func TestLoadLLM(t *testing.T) {
	cases := []struct {
		name     string
		env      map[string]string
		provider string
		models   [3]string // interviewer, observer, evaluator
		why      string
	}{
		{name: "nothing set: offline", env: nil, provider: "offline", why: "no model key"},
		{name: "only an OpenAI key", env: map[string]string{"OPENAI_API_KEY": "sk-1"}, provider: "openai",
			models: [3]string{"gpt-4o", "gpt-4o-mini", "gpt-4.1"}, why: "only OPENAI_API_KEY"},
		{name: "only an Anthropic key", env: map[string]string{"ANTHROPIC_API_KEY": "a"}, provider: "anthropic",
			models: [3]string{"claude-sonnet-4-6", "claude-haiku-4-5", "claude-sonnet-4-6"}, why: "only ANTHROPIC_API_KEY"},
		{name: "only a Gemini key", env: map[string]string{"GEMINI_API_KEY": "g"}, provider: "gemini",
			models: [3]string{"gemini-2.5-flash", "gemini-2.5-flash", "gemini-2.5-pro"}, why: "only GEMINI_API_KEY"},
		{name: "only a local server", env: map[string]string{"OPENAI_BASE_URL": "http://localhost:11434/v1/", "INTERVIEWER_MODEL": "llama3.1",
			"OBSERVER_MODEL": "qwen2.5-coder", "EVALUATOR_MODEL": "llama3.1:70b"}, provider: "openai",
			models: [3]string{"llama3.1", "qwen2.5-coder", "llama3.1:70b"}, why: "only OPENAI_BASE_URL"},
		{name: "an OpenAI key and base URL are one service", env: map[string]string{"OPENAI_API_KEY": "k", "OPENAI_BASE_URL": "https://api.openai.com/v1"},
			provider: "openai", models: [3]string{"gpt-4o", "gpt-4o-mini", "gpt-4.1"}, why: "only OPENAI_API_KEY"},
		{name: "several keys and no choice: offline", env: map[string]string{"OPENAI_API_KEY": "k", "GEMINI_API_KEY": "g"},
			provider: "offline", why: "set LLM_PROVIDER"},
		{name: "several keys and a choice", env: map[string]string{"LLM_PROVIDER": "Gemini", "OPENAI_API_KEY": "k", "GEMINI_API_KEY": "g", "EVALUATOR_MODEL": "gemini-2.5-flash"},
			provider: "gemini", models: [3]string{"gemini-2.5-flash", "gemini-2.5-flash", "gemini-2.5-flash"}, why: "LLM_PROVIDER"},
		{name: "offline chosen despite a key", env: map[string]string{"LLM_PROVIDER": "offline", "OPENAI_API_KEY": "k", "INTERVIEWER_MODEL": "gpt-4o"},
			provider: "offline", why: "LLM_PROVIDER"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := loadConfig("", "", envOf(tc.env))
			if err != nil {
				t.Fatal(err)
			}
			l := c.LLM
			got := [3]string{l.Model(llm.AgentInterviewer), l.Model(llm.AgentObserver), l.Model(llm.AgentEvaluator)}
			if l.Provider != tc.provider || got != tc.models || !strings.Contains(l.Why, tc.why) {
				t.Fatalf("provider %q models %q why %q", l.Provider, got, l.Why)
			}
			if l.Timeout != 30*time.Second || l.Prices["gpt-4o"] != (llm.Price{InputPerM: 2.5, OutputPerM: 10}) {
				t.Fatalf("timeout %v prices %v", l.Timeout, l.Prices)
			}
		})
	}
	c, err := loadConfig("", "", envOf(map[string]string{"LLM_TIMEOUT": "45s", "LLM_PRICES": "gpt-4o=3/12,llama3.1=0/0"}))
	if err != nil {
		t.Fatal(err)
	}
	cc := c.LLM.ClientConfig()
	if cc.AttemptTimeout != 45*time.Second || cc.Prices["gpt-4o"] != (llm.Price{InputPerM: 3, OutputPerM: 12}) || cc.Prices["gpt-4o-mini"].InputPerM != 0.15 {
		t.Fatalf("client config %+v", cc)
	}
}

func TestLoadLLMErrorsNameTheVariable(t *testing.T) {
	local := map[string]string{"OPENAI_BASE_URL": "http://localhost:11434/v1"}
	with := func(m map[string]string, kv ...string) map[string]string {
		out := map[string]string{}
		for k, v := range m {
			out[k] = v
		}
		for i := 0; i+1 < len(kv); i += 2 {
			out[kv[i]] = kv[i+1]
		}
		return out
	}
	cases := []struct {
		env  map[string]string
		name string
	}{
		{map[string]string{"LLM_PROVIDER": "llama"}, "LLM_PROVIDER"},
		{map[string]string{"LLM_PROVIDER": "openai"}, "OPENAI_API_KEY"},
		{map[string]string{"LLM_PROVIDER": "openai", "OPENAI_BASE_URL": "https://api.openai.com/v1"}, "OPENAI_API_KEY"},
		{map[string]string{"LLM_PROVIDER": "anthropic", "OPENAI_API_KEY": "k"}, "ANTHROPIC_API_KEY"},
		{map[string]string{"LLM_PROVIDER": "gemini"}, "GEMINI_API_KEY"},
		{map[string]string{"OPENAI_BASE_URL": "localhost:11434"}, "OPENAI_BASE_URL"},
		{local, "INTERVIEWER_MODEL"},
		{with(local, "INTERVIEWER_MODEL", "llama3.1"), "OBSERVER_MODEL"},
		{with(local, "INTERVIEWER_MODEL", "llama3.1", "OBSERVER_MODEL", "llama3.1"), "EVALUATOR_MODEL"},
		{map[string]string{"LLM_TIMEOUT": "30"}, "LLM_TIMEOUT"},
		{map[string]string{"LLM_TIMEOUT": "500ms"}, "LLM_TIMEOUT"},
		{map[string]string{"LLM_TIMEOUT": "1h"}, "LLM_TIMEOUT"},
		{map[string]string{"LLM_PRICES": "gpt-4o=cheap"}, "LLM_PRICES"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := loadConfig("", "", envOf(tc.env))
			if err == nil || !strings.Contains(err.Error(), tc.name) {
				t.Fatalf("env %v: error %v does not name %s", tc.env, err, tc.name)
			}
		})
	}
}

func TestNewLLMProvider(t *testing.T) {
	// A compatible server on loopback, answering Chat Completions as
	// OpenAI documents it.
	var gotAuth, gotModel string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1/chat/completions" {
			http.NotFound(w, r)
			return
		}
		var body struct{ Model string }
		_ = json.NewDecoder(r.Body).Decode(&body)
		gotAuth, gotModel = r.Header.Get("Authorization"), body.Model
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"id":"c1","object":"chat.completion","created":1,"model":"` + body.Model + `",` +
			`"choices":[{"index":0,"message":{"role":"assistant","content":"Hello."},"finish_reason":"stop"}],` +
			`"usage":{"prompt_tokens":3,"completion_tokens":2,"total_tokens":5}}`))
	}))
	defer srv.Close()
	cases := []struct {
		name    string
		env     map[string]string
		want    string // provider name; "" for none
		wantErr string
	}{
		{name: "offline", env: nil},
		{name: "openai", env: map[string]string{"OPENAI_API_KEY": "sk-test"}, want: "openai"},
		{name: "anthropic", env: map[string]string{"ANTHROPIC_API_KEY": "a"}, want: "anthropic"},
		{name: "gemini", env: map[string]string{"GEMINI_API_KEY": "g"}, want: "gemini"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := loadConfig("", "", envOf(tc.env))
			if err != nil {
				t.Fatal(err)
			}
			p, err := newLLMProvider(cfg)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if (p == nil) != (tc.want == "") || (p != nil && p.Name() != tc.want) {
				t.Fatalf("provider %v", p)
			}
		})
	}
	t.Run("a local server by OPENAI_BASE_URL", func(t *testing.T) {
		cfg, err := loadConfig("", "", envOf(map[string]string{"OPENAI_BASE_URL": srv.URL + "/v1", "INTERVIEWER_MODEL": "llama3.1:8b",
			"OBSERVER_MODEL": "llama3.1:8b", "EVALUATOR_MODEL": "llama3.1:8b"}))
		if err != nil {
			t.Fatal(err)
		}
		p, err := newLLMProvider(cfg)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := p.Complete(context.Background(), llm.Request{Model: cfg.LLM.Model(llm.AgentInterviewer), System: "Be brief."}, nil)
		if err != nil || resp.Text != "Hello." || gotModel != "llama3.1:8b" || gotAuth == "" {
			t.Fatalf("resp %+v err %v model %q auth %q", resp, err, gotModel, gotAuth)
		}
	})
}
