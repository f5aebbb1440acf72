package cascade

import (
	"context"

	"github.com/mockroom/mockroom/agents/llm"
	"github.com/mockroom/mockroom/voice"
)

// Request is what the interviewer is asked to answer: the candidate's
// newest utterance in the light of the conversation so far.
type Request struct {
	SessionID    string
	Instructions string
	// History is the conversation before Utterance: the Setup's history,
	// the turns since (a cut answer only as far as it was heard) and notes.
	History   []voice.Line
	Utterance string
}

// Responder writes the interviewer's answer. It streams the answer's text
// through emit as it is written (the cascade speaks each sentence as soon as
// it is complete) and returns the whole answer. In production the
// interviewer agent answers; LLMResponder answers straight from a model.
type Responder interface {
	Respond(ctx context.Context, r Request, emit func(delta string)) (string, error)
}

// MeteredResponder is a Responder that also tells the tokens an answer
// used; the cascade adds them to the turn's Usage event.
type MeteredResponder interface {
	Responder
	RespondMetered(ctx context.Context, r Request, emit func(delta string)) (string, voice.Metering, error)
}

// LLMResponder answers through a chat model (agents/llm): the instructions
// are the system prompt and the history the turns.
type LLMResponder struct {
	Client *llm.Client
	Model  string
}

var _ MeteredResponder = LLMResponder{}

// Respond implements Responder.
func (r LLMResponder) Respond(ctx context.Context, req Request, emit func(string)) (string, error) {
	text, _, err := r.RespondMetered(ctx, req, emit)
	return text, err
}

// RespondMetered implements MeteredResponder.
func (r LLMResponder) RespondMetered(ctx context.Context, req Request, emit func(string)) (string, voice.Metering, error) {
	resp, err := r.Client.Complete(ctx, r.request(req), emit)
	if err != nil {
		return "", voice.Metering{}, err
	}
	return resp.Text, voice.Metering{InputTokens: resp.Usage.InputTokens, OutputTokens: resp.Usage.OutputTokens}, nil
}

// request maps the conversation onto chat turns. The candidate's words are
// user turns and stay out of System (llm's injection rule); context lines
// (run results, typed messages) are user turns marked "[context] ".
func (r LLMResponder) request(req Request) llm.Request {
	msgs := make([]llm.Message, 0, len(req.History)+1)
	for _, l := range req.History {
		switch l.Speaker {
		case voice.SpeakerInterviewer:
			msgs = append(msgs, llm.Message{Role: llm.RoleAssistant, Text: l.Text})
		case voice.SpeakerSystem:
			msgs = append(msgs, llm.Message{Role: llm.RoleUser, Text: "[context] " + l.Text})
		default:
			msgs = append(msgs, llm.Message{Role: llm.RoleUser, Text: l.Text})
		}
	}
	msgs = append(msgs, llm.Message{Role: llm.RoleUser, Text: req.Utterance})
	return llm.Request{Agent: llm.AgentInterviewer, SessionID: req.SessionID, Model: r.Model,
		System: req.Instructions, Messages: msgs}
}
