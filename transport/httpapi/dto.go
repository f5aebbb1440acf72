package httpapi

import (
	"encoding/json"
	"time"

	"github.com/mockroom/mockroom/billing"
	"github.com/mockroom/mockroom/evaluation"
	"github.com/mockroom/mockroom/interview"
)

// The request and response bodies of the API. Handlers decode and encode
// exactly these types and the OpenAPI document is reflected from them
// (contract.go), so this file is the one source of the HTTP contract. Every
// JSON name is snake_case.

type statusBody struct {
	Status  string `json:"status"`
	Version string `json:"version,omitempty"`
}

type signupRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
	FullName string `json:"full_name"`
	Invite   string `json:"invite,omitempty" description:"the invite token when SIGNUPS=invite"`
}

type signinRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

type providersBody struct {
	Providers []string `json:"providers"`
	Signups   string   `json:"signups" enum:"open,invite,closed"`
	Mail      bool     `json:"mail" description:"whether the server sends e-mail (verification, password reset)"`
}

type passwordChange struct {
	CurrentPassword string `json:"current_password"`
	NewPassword     string `json:"new_password"`
}

type emailRequest struct {
	Email string `json:"email"`
}

type passwordReset struct {
	Token    string `json:"token"`
	Password string `json:"password"`
}

type emailToken struct {
	Token string `json:"token"`
}

type oauthParams struct {
	Provider string `path:"provider" enum:"github,google"`
	Next     string `query:"next" description:"a same-site path to return to after signing in"`
}

type oauthCallbackParams struct {
	Provider string `path:"provider" enum:"github,google"`
	State    string `query:"state"`
	Code     string `query:"code"`
	Error    string `query:"error"`
}

type profileUpdate struct {
	FullName        *string   `json:"full_name,omitempty"`
	ExperienceLevel *string   `json:"experience_level,omitempty" enum:",junior,mid,senior,staff"`
	TargetCompanies *[]string `json:"target_companies,omitempty"`
}

type creditsBody struct {
	Balance      int                         `json:"balance"`
	Transactions []billing.CreditTransaction `json:"transactions"`
	Unlimited    bool                        `json:"unlimited" description:"CREDITS=unlimited: interviews take no credit"`
}

type problemQuery struct {
	Difficulty string `query:"difficulty" enum:"easy,medium,hard"`
	Pattern    string `query:"pattern" description:"an interview pattern, e.g. Sliding Window (see /api/problems/facets)"`
	Category   string `query:"category"`
	Company    string `query:"company"`
	Q          string `query:"q" description:"search in titles, patterns, categories, companies and statements"`
	ForMe      bool   `query:"for_me" description:"random only, signed in: prefer problems you have not solved, at your target companies, of a difficulty for your experience, from the pattern you have solved least"`
}

type problemListQuery struct {
	problemQuery
	Page  int `query:"page" minimum:"1" maximum:"10000" default:"1"`
	Limit int `query:"limit" minimum:"1" maximum:"100" default:"20"`
}

type problemList struct {
	Problems []problemSummary `json:"problems"`
	Total    int              `json:"total"`
	Page     int              `json:"page"`
	Limit    int              `json:"limit"`
}

type slugParams struct {
	Slug string `path:"slug"`
}

type idParams struct {
	ID string `path:"id"`
}

type sessionList struct {
	Sessions []interview.SessionSummary `json:"sessions"`
}

type startRequest struct {
	ProblemID       string          `json:"problem_id"`
	Language        string          `json:"language"`
	DurationMinutes durationMinutes `json:"duration_minutes,omitempty" description:"default 45"`
}

// durationMinutes is an interview's length as a start request gives it. (An
// enum tag on an int field is reflected as strings, which no integer
// matches; the method gives the schema real numbers.)
type durationMinutes int

func (durationMinutes) Enum() []any { return []any{30, 45, 60} }

type sessionPatch struct {
	Language *string `json:"language,omitempty"`
	Code     *string `json:"code,omitempty" description:"the editor's code in the language being left, kept for switching back"`
	Status   *string `json:"status,omitempty" enum:"completed" description:"completed ends the interview, like POST /end"`
}

type saveCodeRequest struct {
	Code     *string `json:"code" required:"true"`
	Language string  `json:"language,omitempty"`
	Manual   bool    `json:"manual,omitempty"`
}

type savedBody struct {
	Saved   bool      `json:"saved"`
	SavedAt time.Time `json:"saved_at"`
}

type hintBody struct {
	Hint      string `json:"hint"`
	HintsUsed int    `json:"hints_used"`
}

type chatRequest struct {
	Text string `json:"text"`
}

// progressBody is the candidate's evaluated sessions, oldest first.
type progressBody struct {
	Points []evaluation.HistoryPoint `json:"points"`
}

type transcriptBody struct {
	Transcript []interview.Transcript `json:"transcript"`
}

type snapshotsBody struct {
	Snapshots []interview.Snapshot `json:"snapshots"`
}

type executeRequest struct {
	Code     *string         `json:"code" required:"true"`
	Language string          `json:"language,omitempty"`
	Mode     string          `json:"mode,omitempty" enum:"run,submit" description:"default run"`
	Stdin    json.RawMessage `json:"stdin,omitempty" description:"run only: a JSON object of the function's parameters, or a string holding one"`
}

type tokenRequest struct {
	SessionID string `json:"session_id"`
}

type tokenBody struct {
	Token     string `json:"token"`
	WSURL     string `json:"ws_url"`
	ExpiresIn int    `json:"expires_in" description:"seconds"`
}
