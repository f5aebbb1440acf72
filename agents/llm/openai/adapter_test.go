package openai

import (
	"testing"

	"github.com/mockroom/mockroom/agents/llm/llmtest"
)

func TestConformance(t *testing.T) {
	llmtest.Run(t, func(t *testing.T) llmtest.Fake { return newFakeWith(t, "sk-test") })
}
