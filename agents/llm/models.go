package llm

// Provider names (LLM_PROVIDER).
const (
	ProviderOffline   = "offline"
	ProviderOpenAI    = "openai" // OpenAI, or any OpenAI-compatible server with OPENAI_BASE_URL
	ProviderAnthropic = "anthropic"
	ProviderGemini    = "gemini"
)

// DefaultModel is the model an agent uses on a provider unless
// INTERVIEWER_MODEL, OBSERVER_MODEL or EVALUATOR_MODEL says otherwise: as in
// the seed, a fast one for the observer and a strong one for the evaluator.
func DefaultModel(provider, agent string) string {
	m := map[string]map[string]string{
		ProviderOpenAI:    {AgentInterviewer: "gpt-4o", AgentObserver: "gpt-4o-mini", AgentEvaluator: "gpt-4.1"},
		ProviderAnthropic: {AgentInterviewer: "claude-sonnet-4-6", AgentObserver: "claude-haiku-4-5", AgentEvaluator: "claude-sonnet-4-6"},
		ProviderGemini:    {AgentInterviewer: "gemini-2.5-flash", AgentObserver: "gemini-2.5-flash", AgentEvaluator: "gemini-2.5-pro"},
	}
	return m[provider][agent]
}
